package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.SlsSourceConfig;

/**
 * deploy/kubernetes: the Strimzi resources parse, every connector key is one the connector (its ConfigDef) or
 * Splunk's sink defines, secrets are only Kubernetes Secret references that exist and RBAC grants, and both
 * plugins are built with a checksum.
 */
class StrimziResourcesTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes");
    private static final Pattern SECRET_REF = Pattern.compile("\\$\\{secrets:([^/\\s}]+)/([^:\\s}]+):([^}\\s]+)}");

    @Test
    void kafkaConnectBuildsBothPluginsWithChecksumsAndResolvesSecretsFromKubernetes() throws IOException {
        JsonNode connect = one(docs("kafka-connect.yaml"), "KafkaConnect");
        JsonNode spec = connect.path("spec");
        assertEquals("true", connect.path("metadata").path("annotations").path("strimzi.io/use-connector-resources").asText());
        assertEquals("io.strimzi.kafka.KubernetesSecretConfigProvider",
            spec.path("config").path("config.providers." + spec.path("config").path("config.providers").asText() + ".class").asText());
        Map<String, JsonNode> plugins = new HashMap<>();
        spec.path("build").path("plugins").forEach(p -> plugins.put(p.path("name").asText(), p.path("artifacts").path(0)));
        assertEquals(Set.of("kafka-connect-sls-source", "splunk-kafka-connect"), plugins.keySet());
        JsonNode ours = plugins.get("kafka-connect-sls-source");
        assertEquals("zip", ours.path("type").asText());
        assertTrue(ours.path("url").asText().matches("https://.+/slsconnect-kafka-connect-sls-source-[^/]+\\.zip"), ours.toString());
        assertTrue(ours.hasNonNull("sha512sum"), "our plugin needs a sha512sum");
        JsonNode splunk = plugins.get("splunk-kafka-connect");
        assertTrue(splunk.path("url").asText().endsWith("/v2.2.1/splunk-kafka-connect-v2.2.1.jar"), splunk.toString());
        assertTrue(splunk.path("sha512sum").asText().matches("[0-9a-f]{128}"), "pinned SHA-512 of the sink");
        // The truststore path the sink uses is where the pod mounts it.
        String mount = spec.path("template").path("connectContainer").path("volumeMounts").path(0).path("mountPath").asText();
        Map<String, String> sink = connectorConfig("splunk-sink");
        assertTrue(sink.get("splunk.hec.ssl.trust.store.path").startsWith(mount + "/"), mount);
    }

    @Test
    void sourceConnectorKeysAreAllDefinedAndValid() throws IOException {
        Map<String, String> config = connectorConfig("sls-source");
        assertEquals("org.slsconnect.source.SlsSourceConnector", config.get("connector.class"));
        Set<String> allowed = new TreeSet<>(SlsSourceConfig.CONFIG_DEF.names());
        allowed.addAll(ConnectorConfigFilesTest.lines("connect/connect-source-connector-keys.txt"));
        ConnectorConfigFilesTest.assertOnlyKnownKeys(config, allowed, List.of("transforms.", "predicates.", "topic.creation.",
            "producer.override.", "key.converter.", "value.converter.", "header.converter."));
        for (ConfigDef.ConfigKey key : SlsSourceConfig.CONFIG_DEF.configKeys().values()) {
            if (key.type == ConfigDef.Type.PASSWORD && config.containsKey(key.name)) {
                assertTrue(SECRET_REF.matcher(config.get(key.name)).matches(), key.name + " must be a ${secrets:...} reference");
            }
        }
        List<String> errors = new ArrayList<>();
        for (ConfigValue v : SlsSourceConfig.CONFIG_DEF.validate(ConnectorConfigFilesTest.resolve(config))) {
            v.errorMessages().forEach(e -> errors.add(v.name() + ": " + e));
        }
        assertEquals(List.of(), errors);
        assertTrue(config.containsKey("topic.creation.default.replication.factor"), "Connect creates the topics");
    }

    @Test
    void sinkConnectorKeysAreSplunkOrConnectKeys() throws IOException {
        Map<String, String> config = connectorConfig("splunk-sink");
        assertEquals("com.splunk.kafka.connect.SplunkSinkConnector", config.get("connector.class"));
        Set<String> allowed = new TreeSet<>(ConnectorConfigFilesTest.lines("connect/splunk-sink-keys.txt"));
        allowed.addAll(ConnectorConfigFilesTest.lines("connect/connect-sink-connector-keys.txt"));
        ConnectorConfigFilesTest.assertOnlyKnownKeys(config, allowed, List.of("transforms.", "predicates.", "consumer.override.",
            "key.converter.", "value.converter.", "header.converter."));
        assertTrue(SECRET_REF.matcher(config.get("splunk.hec.token")).matches());
        assertTrue(SECRET_REF.matcher(config.get("splunk.hec.ssl.trust.store.password")).matches());
        assertEquals("true", config.get("splunk.hec.ack.enabled"));
    }

    /**
     * The KafkaConnectors are the files of connector-config/ in YAML: same keys, same values, except where a
     * Kubernetes deployment differs (secret references, trust store mount, topic replication and partitions).
     */
    @Test
    void connectorsAreTheShippedConnectorConfigs() throws IOException {
        Set<String> deploymentKeys = Set.of("sls.access.key.id", "sls.access.key.secret", "splunk.hec.token",
            "splunk.hec.ssl.trust.store.path", "splunk.hec.ssl.trust.store.password",
            "topic.creation.default.replication.factor", "topic.creation.default.partitions");
        for (String[] pair : new String[][] {{"sls-source", "sls-source.json"}, {"splunk-sink", "splunk-sink.json"}}) {
            Map<String, String> k8s = new TreeMap<>(connectorConfig(pair[0]));
            Map<String, String> shipped = new TreeMap<>(ConnectorConfigFilesTest.config(pair[1]));
            k8s.keySet().removeAll(deploymentKeys);
            shipped.keySet().removeAll(deploymentKeys);
            assertEquals(shipped, k8s, "deploy/kubernetes/connectors.yaml " + pair[0] + " vs connector-config/" + pair[1]);
        }
    }

    @Test
    void everySecretReferenceNamesAKeyOfSecretsYamlThatRbacGrants() throws IOException {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (JsonNode s : docs("secrets.yaml")) {
            if (!s.path("kind").asText().equals("Secret")) continue;
            Set<String> keys = new TreeSet<>();
            s.path("stringData").fieldNames().forEachRemaining(keys::add);
            secrets.put(s.path("metadata").path("namespace").asText() + "/" + s.path("metadata").path("name").asText(), keys);
        }
        Set<String> granted = new TreeSet<>();
        JsonNode role = one(docs("rbac.yaml"), "Role");
        role.path("rules").path(0).path("resourceNames").forEach(n -> granted.add(n.asText()));
        assertEquals("sls-connect-connect", one(docs("rbac.yaml"), "RoleBinding").path("subjects").path(0).path("name").asText(),
            "Strimzi's service account of KafkaConnect sls-connect");
        String connectors = Files.readString(DIR.resolve("connectors.yaml"));
        Matcher m = SECRET_REF.matcher(connectors);
        int refs = 0;
        while (m.find()) {
            refs++;
            String secret = m.group(1) + "/" + m.group(2);
            assertTrue(secrets.containsKey(secret), secret + " is not in secrets.yaml");
            assertTrue(secrets.get(secret).contains(m.group(3)), secret + " has no key " + m.group(3));
            assertTrue(granted.contains(m.group(2)), "rbac.yaml does not grant " + m.group(2));
        }
        assertEquals(4, refs, "AccessKey id and secret, HEC token, truststore password");
    }

    /** The config of the KafkaConnector {@code name}: its {@code config}, plus {@code class} and {@code tasksMax}. */
    private static Map<String, String> connectorConfig(String name) throws IOException {
        for (JsonNode d : docs("connectors.yaml")) {
            if (!d.path("kind").asText().equals("KafkaConnector") || !d.path("metadata").path("name").asText().equals(name)) continue;
            assertEquals("sls-connect", d.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", d.path("spec").path("class").asText());
            config.put("tasks.max", d.path("spec").path("tasksMax").asText());
            d.path("spec").path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            return config;
        }
        throw new AssertionError("no KafkaConnector " + name);
    }

    private static JsonNode one(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static List<JsonNode> docs(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(DIR.resolve(file).toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isMissingNode() && !n.isNull()) out.add(n);
            }
        }
        return out;
    }
}
