package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.hec.PrivateCa;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * The source reaches SLS over https: the SDK sends {@code CONNECT <project>.sls.test:443} to the emulator (its proxy),
 * which terminates TLS with a certificate for {@code *.sls.test} from a private CA. Trusted through
 * {@code sls.ssl.truststore.*}, every log arrives; with the JVM's default trust store (the SDK on its own would accept
 * any certificate) or another CA's trust store the connector fails with the TLS error, nothing is written, and after the
 * trust store is fixed every log arrives.
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

            // The JVM's default trust store does not know the private CA: the handshake fails, visibly.
            h.connect.configureConnector("https-src", source);
            String trace = awaitFailedTask(h, "https-src");
            System.out.println("SLS HTTPS: default trust store -> FAILED: " + trace.lines().findFirst().orElse(""));
            assertTrue(trace.contains("PKIX path building failed") || trace.contains("certification path"), trace);
            assertEquals(0, KafkaTopics.endOffsets(admin, topic), "nothing written without a trusted certificate");

            source.put("sls.ssl.truststore.location", other.trustStore().toString());
            source.put("sls.ssl.truststore.password", other.password());
            h.connect.configureConnector("https-src", source);
            h.connect.restartConnectorAndTasks("https-src", false, true, false);
            trace = awaitFailedTask(h, "https-src");
            assertTrue(trace.contains("PKIX path building failed") || trace.contains("certification path"), trace);
            assertEquals(0, KafkaTopics.endOffsets(admin, topic), "nothing written with another CA's trust store");

            source.put("sls.ssl.truststore.location", ca.trustStore().toString());
            source.put("sls.ssl.truststore.password", ca.password());
            h.connect.configureConnector("https-src", source);
            h.connect.restartConnectorAndTasks("https-src", false, true, false);
            List<Rec> inKafka = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
            Delivery d = Delivery.of("SLS over https (CONNECT + TLS, private CA trust store)", written, inKafka).report(0);
            assertEquals(Set.of(), d.missing(), d.summary());
        }
    }

    private static String awaitFailedTask(ConnectHarness h, String name) {
        String[] trace = new String[1];
        ConnectHarness.await(() -> {
            try {
                ConnectorStateInfo status = h.connect.connectorStatus(name);
                if ("FAILED".equals(status.connector().state())) {
                    trace[0] = status.connector().trace();
                    return true;
                }
                for (ConnectorStateInfo.TaskState t : status.tasks()) {
                    if ("FAILED".equals(t.state())) {
                        trace[0] = t.trace();
                        return true;
                    }
                }
            } catch (RuntimeException notYet) {
                // the connector is (re)starting
            }
            return false;
        }, WAIT, name + " to fail on the TLS handshake");
        return trace[0];
    }
}
