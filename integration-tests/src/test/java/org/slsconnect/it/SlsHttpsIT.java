package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.hec.PrivateCa;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * The source reaches SLS over https: the SDK sends {@code CONNECT <project>.sls.test:443} to the emulator (its proxy),
 * which terminates TLS with a certificate for {@code *.sls.test} from a private CA. Trusted through
 * {@code sls.ssl.truststore.*}, every log arrives; with the JVM's default trust store (the SDK on its own would accept
 * any certificate), another CA's trust store or a wrong trust store password the POST is refused with the reason and
 * the setting that fixes it, nothing is written, and after the fix every log arrives.
 */
class SlsHttpsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void theSourceReadsSlsOverHttpsOnlyWithTheTrustedCa() throws Exception {
        Path dir = Files.createTempDirectory("sls-https-it");
        PrivateCa ca = PrivateCa.create(dir.resolve("ca"), "sls-private-ca", "*.sls.test", "sls.test");
        PrivateCa other = PrivateCa.create(dir.resolve("other"), "another-ca", "*.sls.test", "sls.test");
        try (SlsEmulator sls = SlsEmulator.builder().port(0).accessKey(ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET)
                 .tls(ca.serverContext()).build().start();
             ConnectHarness h = new ConnectHarness(Map.of(), Map.of(), 1);
             Admin admin = h.connect.kafka().createAdminClient()) {
            sls.createProject(ConnectHarness.PROJECT);
            String ls = "https_ls";
            String topic = ConnectHarness.topic(ls);
            sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
            List<String> written = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 5, 20, "tls");
            written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 5, 20, "tls"));

            Map<String, String> source = ConnectHarness.sourceConfig(sls, "https-src", ls, 2);
            source.put("sls.endpoint", "https://" + sls.endpoint());
            source.put("retry.backoff.max.ms", "2000");

            // The JVM's default trust store does not know the private CA: the connector's validation reaches SLS,
            // the handshake fails, and the POST is refused with the TLS error and the setting that fixes it.
            ConnectRestException untrusted = assertThrows(ConnectRestException.class, () -> h.connect.configureConnector("https-src", source));
            System.out.println("SLS HTTPS: default trust store -> POST /connectors " + untrusted.statusCode() + ": " + untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("PKIX path building failed"), untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("sls.ssl.truststore.location"), untrusted.getMessage());

            source.put("sls.ssl.truststore.location", other.trustStore().toString());
            source.put("sls.ssl.truststore.password", other.password());
            ConnectRestException otherCa = assertThrows(ConnectRestException.class, () -> h.connect.configureConnector("https-src", source));
            assertTrue(otherCa.getMessage().contains("PKIX path building failed"), otherCa.getMessage());
            assertEquals(0, KafkaTopics.endOffsets(admin, topic), "nothing written without a trusted certificate");

            source.put("sls.ssl.truststore.password", "wrong-password");
            ConnectRestException badPassword = assertThrows(ConnectRestException.class, () -> h.connect.configureConnector("https-src", source));
            System.out.println("SLS HTTPS: wrong trust store password -> " + badPassword.getMessage());
            assertTrue(badPassword.getMessage().contains("sls.ssl.truststore.location"), badPassword.getMessage());
            assertTrue(!badPassword.getMessage().contains("wrong-password"), "the password is never echoed");

            source.put("sls.ssl.truststore.location", ca.trustStore().toString());
            source.put("sls.ssl.truststore.password", ca.password());
            h.connect.configureConnector("https-src", source);
            List<Rec> inKafka = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
            Delivery d = Delivery.of("SLS over https (CONNECT + TLS, private CA trust store)", written, inKafka).report(0);
            assertEquals(Set.of(), d.missing(), d.summary());
        }
    }
}
