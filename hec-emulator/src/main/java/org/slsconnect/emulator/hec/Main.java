package org.slsconnect.emulator.hec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar hec-emulator.jar --port 8088 --token TOKEN [--ack true|false] [--index main,...]}.
 * Token options apply to the {@code --token} before them. Prints one line starting with {@code HEC-EMULATOR READY}
 * once it accepts connections; stops on SIGINT/SIGTERM.
 */
public final class Main {
    private Main() {
    }

    static final String USAGE = String.join("\n",
            "usage: java -jar hec-emulator.jar [options] --token TOKEN [token options] [--token TOKEN2 ...]",
            "options:",
            "  --port N               HEC port (default 8088; 0 = any free port)",
            "  --host ADDR            bind address (default 127.0.0.1; 0.0.0.0 for all)",
            "  --admin-port N         extra port serving only /_emulator/... (default: none)",
            "  --known-indexes a,b    indexes that exist; others get code 7 (default: any)",
            "  --max-stored N         keep at most N events in memory (default 1000000; counts stay exact)",
            "  --max-content-length B largest request body in bytes (default 104857600)",
            "  --atomic-batches       a batch with an invalid event stores nothing (default: keep the events before it)",
            "  --raw-requires-channel /raw needs a channel even with ack off",
            "  --io-threads N         Netty I/O threads (default max(2, CPUs))",
            "  --tls-keystore FILE    serve https with the key and chain in this PKCS12 (or .jks) key store",
            "  --tls-password PW      the key store's password (default: changeit)",
            "token options (apply to the preceding --token):",
            "  --ack true|false       indexer acknowledgement (default false)",
            "  --index a,b            allowed indexes (first is the default index; default: any, default index main)",
            "  --default-index NAME   default index",
            "  --sourcetype NAME      token default sourcetype (default httpevent)",
            "  --source NAME          token default source",
            "  --query-auth true|false accept ?token= (default false → code 16)",
            "  --disabled             token disabled (code 1)");

    public static void main(String[] args) throws Exception {
        HecEmulator.Builder b;
        try {
            b = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (b == null) {
            System.out.println(USAGE);
            return;
        }
        HecEmulator hec = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hec.close();
            stopped.countDown();
        }, "hec-emulator-shutdown"));
        System.out.println("HEC-EMULATOR READY url=" + hec.url() + " port=" + hec.port() + " admin=" + hec.adminUrl()
                + " tokens=" + hec.tokens().size());
        System.out.flush();
        stopped.await();
    }

    /** Parses the arguments; null for --help. */
    static HecEmulator.Builder parse(String[] args) {
        HecEmulator.Builder b = HecEmulator.builder().port(8088).maxStoredEvents(1_000_000);
        List<HecToken.Builder> tokens = new ArrayList<>();
        List<String> a = Arrays.asList(args);
        String tlsKeyStore = null;
        String tlsPassword = "changeit";
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            switch (opt) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--port" -> b.port(intArg(a, ++i, opt));
                case "--host" -> b.host(arg(a, ++i, opt));
                case "--admin-port" -> b.adminPort(intArg(a, ++i, opt));
                case "--known-indexes" -> b.knownIndexes(arg(a, ++i, opt).split(","));
                case "--max-stored" -> b.maxStoredEvents(intArg(a, ++i, opt));
                case "--max-content-length" -> b.maxContentLength(intArg(a, ++i, opt));
                case "--io-threads" -> b.ioThreads(intArg(a, ++i, opt));
                case "--atomic-batches" -> b.atomicBatches(true);
                case "--raw-requires-channel" -> b.rawRequiresChannel(true);
                case "--tls-keystore" -> tlsKeyStore = arg(a, ++i, opt);
                case "--tls-password" -> tlsPassword = arg(a, ++i, opt);
                case "--token" -> tokens.add(HecToken.builder(arg(a, ++i, opt)));
                case "--ack" -> last(tokens, opt).ack(boolArg(a, ++i, opt));
                case "--index" -> last(tokens, opt).allowedIndexes(arg(a, ++i, opt).split(","));
                case "--default-index" -> last(tokens, opt).defaultIndex(arg(a, ++i, opt));
                case "--sourcetype" -> last(tokens, opt).defaultSourcetype(arg(a, ++i, opt));
                case "--source" -> last(tokens, opt).defaultSource(arg(a, ++i, opt));
                case "--query-auth" -> last(tokens, opt).queryStringAuth(boolArg(a, ++i, opt));
                case "--disabled" -> last(tokens, opt).enabled(false);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one --token is required");
        }
        for (HecToken.Builder t : tokens) {
            b.token(t.build());
        }
        if (tlsKeyStore != null) {
            b.tls(java.nio.file.Path.of(tlsKeyStore), tlsPassword.toCharArray());
        }
        return b;
    }

    private static HecToken.Builder last(List<HecToken.Builder> tokens, String opt) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(opt + " must follow a --token");
        }
        return tokens.get(tokens.size() - 1);
    }

    private static String arg(List<String> a, int i, String opt) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return a.get(i);
    }

    private static int intArg(List<String> a, int i, String opt) {
        try {
            return Integer.parseInt(arg(a, i, opt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a number");
        }
    }

    private static boolean boolArg(List<String> a, int i, String opt) {
        String v = arg(a, i, opt);
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(opt + " needs true or false");
    }
}
