package org.slsconnect.emulator.hec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private certificate authority made with the JDK's {@code keytool}, as on-premises Splunk is usually set up: a CA
 * certificate, a server key store whose certificate the CA signed for the given host names (and IP addresses), and a
 * JKS trust store holding only the CA certificate, for {@code splunk.hec.ssl.trust.store.path} or a JVM's
 * {@code javax.net.ssl.trustStore}. For tests and local runs only; EC keys (quick to make), valid for 2 days.
 */
public final class PrivateCa {

    private final Path serverKeyStore;
    private final Path trustStore;
    private final String password;

    private PrivateCa(Path serverKeyStore, Path trustStore, String password) {
        this.serverKeyStore = serverKeyStore;
        this.trustStore = trustStore;
        this.password = password;
    }

    /**
     * Generates a CA named {@code caName} in {@code dir} and a server certificate for {@code names} (host names, or IP
     * addresses such as {@code 127.0.0.1}); the first name is the certificate's CN.
     */
    public static PrivateCa create(Path dir, String caName, String... names) throws IOException {
        if (names.length == 0) throw new IllegalArgumentException("at least one server name");
        Files.createDirectories(dir);
        String pw = "changeit-" + Long.toHexString(System.nanoTime());
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path trust = dir.resolve("truststore.jks");
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        for (Path p : List.of(ca, server, trust, caPem, csr, serverPem)) Files.deleteIfExists(p);
        List<String> san = new ArrayList<>();
        for (String n : names) san.add((n.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + n);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-validity", "2",
            "-dname", "CN=" + caName, "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", pw);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "2",
            "-dname", "CN=" + names[0], "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", pw);
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", pw, "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-validity", "2",
            "-ext", "san=" + String.join(",", san), "-ext", "eku=serverAuth", "-infile", csr.toString(), "-outfile", serverPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(), "-storepass", pw);
        keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", server.toString(), "-storepass", pw);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", trust.toString(),
            "-storetype", "JKS", "-storepass", pw);
        return new PrivateCa(server, trust, pw);
    }

    /** PKCS12 key store with the server's key and its chain (server certificate, CA certificate). */
    public Path serverKeyStore() {
        return serverKeyStore;
    }

    /** JKS trust store with the CA certificate only. */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores. */
    public String password() {
        return password;
    }

    /** A TLS server context for {@link HecEmulator.Builder#tls(SSLContext)}. */
    public SSLContext serverContext() {
        return serverContext(serverKeyStore, password.toCharArray());
    }

    static SSLContext serverContext(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));   // a short-lived JVM: start fast
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running keytool", e);
        }
    }
}
