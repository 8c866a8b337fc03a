package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigChangeCallback;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.RecordFormatConfig;
import org.slsconnect.source.config.SlsSourceConfig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

/** connector-config/sls-source.json and splunk-sink.json: what a user POSTs must be accepted as it is. */
class ConnectorConfigFilesTest {

    private static final Path DIR = Path.of("..", "connector-config");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{file:/etc/kafka-connect/secrets/[^:}]+:[^}]+}");
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    @Test
    void sourceConfigIsValid() throws Exception {
        Map<String, String> config = config("sls-source.json");
        assertEquals("org.slsconnect.source.SlsSourceConnector", config.get("connector.class"));

        Set<String> allowed = new TreeSet<>(SlsSourceConfig.CONFIG_DEF.names());
        allowed.addAll(lines("connect/connect-source-connector-keys.txt"));
        assertOnlyKnownKeys(config, allowed, List.of("transforms.", "predicates.", "topic.creation.",
            "producer.override.", "key.converter.", "value.converter.", "header.converter."));

        // Secrets only as config-provider references.
        for (ConfigDef.ConfigKey key : SlsSourceConfig.CONFIG_DEF.configKeys().values()) {
            if (key.type == ConfigDef.Type.PASSWORD && config.containsKey(key.name)) {
                assertTrue(REFERENCE.matcher(config.get(key.name)).matches(), key.name + " must be a ${file:...} reference");
            }
        }

        // As the worker does: resolve the references (our ${project} and ${tag:...} templates must survive), validate.
        Map<String, String> resolved = resolve(config);
        assertEquals("${tag:__hostname__|source}", resolved.get("splunk.host"));
        assertEquals("sls.${project}.${logstore}", resolved.get("topic.pattern"));
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue v : SlsSourceConfig.CONFIG_DEF.validate(resolved)) values.put(v.name(), v);
        List<String> errors = new ArrayList<>();
        values.values().forEach(v -> v.errorMessages().forEach(e -> errors.add(v.name() + ": " + e)));
        assertEquals(List.of(), errors);

        // The converters match the record format.
        SlsSourceConfig parsed = new SlsSourceConfig(resolved);
        RecordFormatConfig format = new RecordFormatConfig(parsed.originals());
        RecordMapper mapper = RecordFormats.mapper(parsed);
        assertEquals(STRING_CONVERTER, config.get("header.converter"));
        switch (format.format()) {
            case STRUCTURED:
                assertTrue(!config.get("value.converter").equals(STRING_CONVERTER), "structured needs a schema-aware converter");
                break;
            default:
                assertEquals(format.valueAsBytes() ? "org.apache.kafka.connect.converters.ByteArrayConverter" : STRING_CONVERTER,
                    config.get("value.converter"));
                assertEquals(format.valueAsBytes(), mapper.valueSchema().type() == org.apache.kafka.connect.data.Schema.Type.BYTES);
        }
    }

    @Test
    void sinkConfigUsesOnlySplunkAndConnectKeys() throws Exception {
        Map<String, String> sink = config("splunk-sink.json");
        assertEquals("com.splunk.kafka.connect.SplunkSinkConnector", sink.get("connector.class"));
        Set<String> allowed = new TreeSet<>(lines("connect/splunk-sink-keys.txt"));
        allowed.addAll(lines("connect/connect-sink-connector-keys.txt"));
        assertOnlyKnownKeys(sink, allowed, List.of("transforms.", "predicates.", "consumer.override.",
            "key.converter.", "value.converter.", "header.converter."));

        assertTrue(REFERENCE.matcher(sink.get("splunk.hec.token")).matches(), "the HEC token must be a ${file:...} reference");
        assertTrue(!sink.get("splunk.hec.uri").endsWith("/"), "a trailing / breaks the sink's health and ack URLs");
        assertEquals("true", sink.get("splunk.hec.ack.enabled"));
        assertEquals("true", sink.get("splunk.header.support"));
        assertEquals("false", sink.get("splunk.hec.raw"));
        assertTrue(Integer.parseInt(sink.get("splunk.hec.max.batch.size")) > 0);
        assertEquals(STRING_CONVERTER, sink.get("value.converter"));
        assertEquals(STRING_CONVERTER, sink.get("header.converter"), "the default SimpleHeaderConverter re-types values");

        // The sink mode matches the source's record format, and it reads every topic the source writes.
        Map<String, String> source = resolve(config("sls-source.json"));
        SlsSourceConfig sourceConfig = new SlsSourceConfig(source);
        RecordFormatConfig.Format format = new RecordFormatConfig(source).format();
        assertEquals(format == RecordFormatConfig.Format.HEC_EVENT ? "true" : "false",
            sink.getOrDefault("splunk.hec.json.event.formatted", "false"));
        Pattern topics = Pattern.compile(sink.get("topics.regex"));
        for (String logstore : sourceConfig.logstores()) {
            String topic = sourceConfig.topicFor(logstore);
            assertTrue(topics.matcher(topic).matches(), topic + " is not read by the sink");
        }
    }

    static void assertOnlyKnownKeys(Map<String, String> config, Set<String> allowed, List<String> prefixes) {
        List<String> unknown = new ArrayList<>();
        for (String key : config.keySet()) {
            if (!allowed.contains(key) && prefixes.stream().noneMatch(key::startsWith)) unknown.add(key);
        }
        assertEquals(List.of(), unknown, "settings no connector defines");
    }

    static Map<String, String> config(String file) throws IOException {
        // A key given twice is legal JSON, but only the last one counts: a merge or an edit that repeats a key fails here.
        JsonNode root = Fixtures.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .readTree(Files.readAllBytes(DIR.resolve(file)));
        assertTrue(root.get("name").isTextual() && !root.get("name").asText().isBlank());
        Map<String, String> out = new LinkedHashMap<>();
        root.get("config").fields().forEachRemaining(e -> {
            assertTrue(e.getValue().isTextual(), e.getKey() + ": Connect configs are strings");
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /**
     * Connect's own config-provider substitution, with a provider that answers every {@code file} lookup (and
     * {@code secrets}, Strimzi's Kubernetes Secret provider, for deploy/kubernetes).
     */
    static Map<String, String> resolve(Map<String, String> config) {
        ConfigProvider file = new ConfigProvider() {
            @Override public void configure(Map<String, ?> configs) {}
            @Override public ConfigData get(String path) { return new ConfigData(Map.of()); }
            @Override public ConfigData get(String path, Set<String> keys) {
                Map<String, String> data = new HashMap<>();
                for (String k : keys) data.put(k, "secret-" + k);
                return new ConfigData(data);
            }
            @Override public void subscribe(String path, Set<String> keys, ConfigChangeCallback callback) {}
            @Override public void close() {}
        };
        return new ConfigTransformer(Map.of("file", file, "secrets", file)).transform(config).data();
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = ConnectorConfigFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) out.add(line.trim());
            }
            return out;
        }
    }
}
