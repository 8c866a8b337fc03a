package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Where the AccessKey secret shows up in Connect 4.3: every REST answer about a connector and the config topic,
 * with the secret given in plain text and through the worker's {@code file} config provider (the documented way,
 * as in connector-config/sls-source.json). Also proves SecretsNeverLoggedExtension sees logs and the console.
 * Writes what it found to {@code target/secrets-exposure.md}.
 */
class SecretsIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = ConnectHarness.ACCESS_KEY_SECRET;
    private Path secretsFile;
    private final List<String> report = new ArrayList<>();

    @Override
    protected Map<String, String> workerProps() {
        return Map.of("config.providers", "file",
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    @BeforeAll
    void writeSecretsFile() throws Exception {
        secretsFile = Files.createTempFile("sls-secrets", ".properties");
        Files.writeString(secretsFile, "access.key.id=" + ConnectHarness.ACCESS_KEY_ID + "\naccess.key.secret=" + SECRET + "\n");
    }

    @AfterAll
    void deleteSecretsFileAndWriteReport() throws Exception {
        Files.deleteIfExists(secretsFile);
        Path out = Path.of("target", "secrets-exposure.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| how the secret is given | where | secret visible? |\n|---|---|---|\n"
            + String.join("\n", report) + "\n", StandardCharsets.UTF_8);
    }

    /** Each place a connector's config can be read back, and whether the secret is in it. */
    private Map<String, Boolean> exposure(String name, Map<String, String> cfg) throws Exception {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String path : List.of("connectors/" + name, "connectors/" + name + "/config", "connectors/" + name + "/tasks",
                "connectors/" + name + "/status", "connectors?expand=info&expand=status")) {
            String body = String.valueOf(h.connect.requestGet(h.connect.endpointForResource(path)).getEntity());
            assertTrue(body.contains(name), path + " answered: " + body.length() + " chars");
            out.put("GET /" + path, body.contains(SECRET));
        }
        ConfigInfos validate = h.connect.validateConnectorConfig("org.slsconnect.source.SlsSourceConnector", cfg);
        assertEquals(0, validate.errorCount(), "the config is valid");
        out.put("PUT /connector-plugins/<class>/config/validate", KafkaTopics.JSON.writeValueAsString(validate).contains(SECRET));
        String configTopic;
        try (var admin = h.connect.kafka().createAdminClient()) {
            configTopic = admin.listTopics().names().get().stream().filter(t -> t.startsWith("connect-config-topic")).findFirst()
                .orElseThrow();
        }
        boolean inTopic = false;
        for (ConsumerRecord<byte[], byte[]> r : h.connect.kafka().consumeAll(10_000, configTopic)) {
            // Keys are connector-<name>, task-<name>-<n>, commit-<name>: only this connector's records count.
            boolean ours = r.key() != null && new String(r.key(), StandardCharsets.UTF_8).matches("(connector|task|commit)-" + name + "(-\\d+)?");
            if (ours && r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(SECRET)) inTopic = true;
        }
        out.put("config topic (connector and task configs)", inTopic);
        return out;
    }

    @Test
    void aPlainSecretIsHiddenOnlyByValidate() throws Exception {
        h.sls.createLogstore(ConnectHarness.PROJECT, "plain_ls", 1);
        Map<String, String> cfg = h.sourceConfig("plain", "plain_ls", 1);
        h.connect.configureConnector("plain", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("plain", 1, "not running");
        Map<String, Boolean> seen = exposure("plain", cfg);
        seen.forEach((where, visible) -> report.add("| plain value | " + where + " | " + (visible ? "**yes**" : "no") + " |"));
        // What Connect 4.3 does, found by this test: Password fields are masked only in the validate answer.
        assertFalse(seen.get("PUT /connector-plugins/<class>/config/validate"), seen.toString());
        assertFalse(seen.get("GET /connectors/plain/status"), seen.toString());
        assertTrue(seen.get("GET /connectors/plain/config"), "Connect returns the raw config: " + seen);
        assertTrue(seen.get("GET /connectors/plain/tasks"), "task configs are raw too: " + seen);
        assertTrue(seen.get("config topic (connector and task configs)"), seen.toString());
        h.connect.deleteConnector("plain");
    }

    @Test
    void aFileProviderReferenceKeepsTheSecretOutOfEveryAnswerAndTheConfigTopicAndStillWorks() throws Exception {
        String ls = "provided_ls";
        h.sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> written = TestLogs.write(h.sls, ConnectHarness.PROJECT, ls, 0, 5, 10, "p");
        written.addAll(TestLogs.write(h.sls, ConnectHarness.PROJECT, ls, 1, 5, 10, "p"));
        Map<String, String> cfg = h.sourceConfig("provided", ls, 2);
        String ref = "${file:" + secretsFile + ":access.key.secret}";
        cfg.put("sls.access.key.secret", ref);
        cfg.put("sls.access.key.id", "${file:" + secretsFile + ":access.key.id}");
        long t0 = System.nanoTime();
        h.connect.configureConnector("provided", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("provided", 2, "not running");
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        Delivery d = Delivery.of("secret from the file config provider", written, read).report((System.nanoTime() - t0) / 1e9);
        assertEquals(0, d.missing().size(), d.summary());

        Map<String, Boolean> seen = exposure("provided", cfg);
        seen.forEach((where, visible) -> report.add("| `${file:...}` reference | " + where + " | " + (visible ? "**yes**" : "no") + " |"));
        assertFalse(seen.containsValue(true), "the resolved secret must be nowhere: " + seen);
        // The connector copies its config into task configs under the same keys, so Connect puts the reference back.
        String tasks = String.valueOf(h.connect.requestGet(h.connect.endpointForResource("connectors/provided/tasks")).getEntity());
        assertTrue(tasks.contains(ref), "task configs keep the reference");
        h.connect.deleteConnector("provided");
    }

    @Test
    void theSecretsScanSeesLogEventsExceptionsAndTheConsole() {
        String canary = "canary-secret-5d21";
        SecretsNeverLoggedExtension.watch("canary", canary);
        SecretsNeverLoggedExtension.takeFindings();
        // A logger below the console's WARN threshold: scanned, but the canary is not printed to the report file.
        LoggerFactory.getLogger("secrets.canary").info("a line with {} in it", canary);
        LoggerFactory.getLogger("secrets.canary").info("an exception", new IllegalStateException("wrapped",
            new RuntimeException("cause with " + canary)));
        List<String> found = SecretsNeverLoggedExtension.takeFindings();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().noneMatch(f -> f.contains(canary)), "findings are masked: " + found);
        // The console: split over two writes, still found once.
        SecretsNeverLoggedExtension.watch("console canary", "stdout-probe-7e44-value");
        System.out.print("x stdout-probe-");
        System.out.print("7e44-value y");
        System.out.flush();
        found = SecretsNeverLoggedExtension.takeFindings();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("System.out"), found.toString());
    }
}
