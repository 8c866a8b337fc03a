package org.slsconnect.emulator.hec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEC over TLS with a certificate from a generated private CA: trusted with the CA, refused without it. */
class TlsTest {

    @Test
    void servesHttpsTrustedThroughThePrivateCaAndRefusesClientsWithoutIt(@TempDir Path dir) throws Exception {
        PrivateCa ca = PrivateCa.create(dir, "hec-test-ca", "localhost", "127.0.0.1");
        try (HecEmulator hec = HecEmulator.builder().port(0).token("tok").tls(ca.serverContext()).build().start()) {
            assertTrue(hec.url().startsWith("https://127.0.0.1:"), hec.url());
            HttpRequest post = HttpRequest.newBuilder(URI.create(hec.url() + "/services/collector/event"))
                .header("Authorization", "Splunk tok").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"over tls\"}")).build();

            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca)).build();
            HttpResponse<String> r = trusting.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("over tls", hec.dataEvents().get(0).eventText());

            HttpClient defaultTrust = HttpClient.newHttpClient();   // the JDK's CAs only
            assertThrows(SSLHandshakeException.class, () -> defaultTrust.send(post, HttpResponse.BodyHandlers.ofString()));
            assertEquals(1, hec.eventCount());
        }
    }

    private static SSLContext trusting(PrivateCa ca) throws Exception {
        KeyStore ts = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(ca.trustStore())) {
            ts.load(in, ca.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
