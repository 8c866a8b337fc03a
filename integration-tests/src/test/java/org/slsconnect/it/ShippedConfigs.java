package org.slsconnect.it;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.PrivateCa;
import org.slsconnect.emulator.sls.SlsEmulator;

/**
 * The connector configurations of {@code connector-config/} as a user POSTs them, pointed at the emulators and
 * nothing else changed: the endpoints, the proxy route to the SLS emulator, and the secrets files the shipped
 * {@code ${file:/etc/kafka-connect/secrets/...}} references name (written into {@code secretsDir}, resolved by the
 * worker's {@code FileConfigProvider} from {@link #workerProps}).
 */
final class ShippedConfigs {

    static final String SECRETS_IN_FILES = "/etc/kafka-connect/secrets/";
    /** The project the shipped files read ({@code sls.project}, {@code topics.regex}); tests create it in the emulator. */
    static final String PROJECT = "my-project";
    static final String HEC_TOKEN = "it-hec-token";

    private ShippedConfigs() {}

    /** The worker settings the shipped files need: the file config provider for their secrets. */
    static Map<String, String> workerProps() {
        return Map.of("config.providers", "file",
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    /** {@code connector-config/<file>}'s {@code name} and {@code config}, with the secrets files under {@code secretsDir}. */
    static Map<String, String> read(String file, Path secretsDir) throws IOException {
        var root = KafkaTopics.JSON.readTree(SplunkSinkJar.repoRoot().resolve("connector-config").resolve(file).toFile());
        Map<String, String> c = new HashMap<>();
        root.get("config").fields().forEachRemaining(e -> c.put(e.getKey(),
            e.getValue().asText().replace(SECRETS_IN_FILES, secretsDir.toString().replace('\\', '/') + "/")));
        c.put("name", root.get("name").asText());
        return c;
    }

    /** {@code sls-source.json} reading {@code logstores} (else the shipped ones) of {@link #PROJECT} in {@code sls}. */
    static Map<String, String> source(SlsEmulator sls, Path secretsDir, String logstores) throws IOException {
        Properties secrets = new Properties();
        secrets.setProperty("access.key.id", ConnectHarness.ACCESS_KEY_ID);
        secrets.setProperty("access.key.secret", ConnectHarness.ACCESS_KEY_SECRET);
        write(secretsDir.resolve("sls.properties"), secrets);
        Map<String, String> c = read("sls-source.json", secretsDir);
        c.put("sls.endpoint", sls.endpoint());
        c.put("sls.proxy.host", "127.0.0.1");
        c.put("sls.proxy.port", Integer.toString(sls.port()));
        if (logstores != null) c.put("sls.logstores", logstores);
        return c;
    }

    /** {@code splunk-sink.json} delivering to {@code hec} over https, trusting {@code ca}'s trust store. */
    static Map<String, String> sink(HecEmulator hec, PrivateCa ca, Path secretsDir) throws IOException {
        Properties secrets = new Properties();
        secrets.setProperty("hec.token", HEC_TOKEN);
        secrets.setProperty("truststore.password", ca.password());
        write(secretsDir.resolve("splunk.properties"), secrets);
        Files.copy(ca.trustStore(), secretsDir.resolve("splunk-truststore.jks"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> c = read("splunk-sink.json", secretsDir);
        c.put("splunk.hec.uri", hec.url());
        return c;
    }

    private static void write(Path file, Properties p) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "test secrets");
        }
    }
}
