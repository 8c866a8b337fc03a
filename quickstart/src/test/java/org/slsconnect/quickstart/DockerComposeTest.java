package org.slsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slsconnect.emulator.sls.SlsEmulator;

/**
 * docker-compose.yml cannot run here (no Docker engine): check that what it mounts, builds and POSTs is consistent,
 * and run its two scripts for real: the log generator against the SLS emulator, the connector setup against
 * stand-ins of Connect's REST API and Splunk's HEC.
 */
class DockerComposeTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Build outputs it mounts (documented at the top of docker-compose.yml: build first). */
    private static final Set<String> BUILD_OUTPUTS = Set.of("./connector-source/target/plugin",
        "./sls-emulator/target/sls-emulator.jar");
    /** Kafka/Connect versions the compatibility matrix tests (major.minor). */
    private static final Set<String> TESTED_KAFKA = Set.of("3.3", "3.6", "3.7", "3.9", "4.0", "4.1", "4.3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("docker-compose.yml").toFile());
    private final JsonNode services = compose.path("services");

    DockerComposeTest() throws Exception {}

    @Test
    void everyMountedFileExistsOrIsADocumentedBuildOutput() throws Exception {
        String text = Files.readString(REPO.resolve("docker-compose.yml"));
        List<String> mounts = new ArrayList<>();
        services.forEach(svc -> svc.path("volumes").forEach(v -> mounts.add(v.asText().split(":")[0])));
        assertTrue(mounts.size() >= 8, mounts.toString());
        for (String m : mounts) {
            if (BUILD_OUTPUTS.contains(m)) {
                assertTrue(text.contains("mvn -B -q package -DskipTests"), "build step documented");
                continue;
            }
            assertTrue(Files.exists(REPO.resolve(m)), "docker-compose.yml mounts missing " + m);
        }
        assertTrue(Files.isRegularFile(REPO.resolve(services.path("connect").path("build").asText()).resolve("Dockerfile")));
        assertTrue(Files.isRegularFile(REPO.resolve("docker/secrets/sls.properties")));
    }

    @Test
    void postsExactlyTheConnectorConfigFiles() throws Exception {
        Set<String> posted = new TreeSet<>();
        services.path("connector-setup").path("volumes").forEach(v -> {
            String host = v.asText().split(":")[0];
            if (host.startsWith("./connector-config/")) posted.add(host.substring("./connector-config/".length()));
        });
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(REPO.resolve("connector-config"))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(files::add);
        }
        assertEquals(files, posted);
        String script = Files.readString(REPO.resolve("docker/post-connectors.sh"));
        for (String f : files) assertTrue(script.contains("$SETUP_DIR/" + f), "script POSTs " + f);
        assertTrue(script.contains("SETUP_DIR=${SETUP_DIR:-/opt/setup}"));
    }

    @Test
    void kafkaAndConnectAreAVersionTheCompatibilityMatrixTests() throws Exception {
        String kafkaImage = services.path("kafka").path("image").asText();
        String dockerfile = Files.readString(REPO.resolve("docker/connect/Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM apache/kafka:(\\d+\\.\\d+)\\.\\d+$").matcher(dockerfile);
        assertTrue(from.find(), "Connect image is apache/kafka:<x.y.z>");
        assertTrue(TESTED_KAFKA.contains(from.group(1)), "Connect " + from.group(1) + " is not in the tested range " + TESTED_KAFKA);
        assertEquals("apache/kafka:" + from.group(0).substring("FROM apache/kafka:".length()), kafkaImage, "one Kafka version");
    }

    @Test
    void kafkaAdvertisesAListenerForTheHostAndOneForTheNetwork() throws Exception {
        JsonNode env = services.path("kafka").path("environment");
        Map<String, String> advertised = listeners(env.path("KAFKA_ADVERTISED_LISTENERS").asText());
        Map<String, String> bound = listeners(env.path("KAFKA_LISTENERS").asText());
        String hostListener = advertised.entrySet().stream().filter(e -> e.getValue().startsWith("localhost:"))
            .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no localhost listener: " + advertised));
        String hostPort = advertised.get(hostListener).split(":")[1];
        assertEquals(":" + hostPort, bound.get(hostListener));
        assertTrue(ports(services.path("kafka")).contains(hostPort + ":" + hostPort), "host listener port published");
        Properties worker = workerProperties();
        String internal = advertised.entrySet().stream().filter(e -> e.getValue().startsWith("kafka:"))
            .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertEquals(internal, worker.getProperty("bootstrap.servers"), "Connect uses the in-network listener");
        assertEquals(env.path("KAFKA_INTER_BROKER_LISTENER_NAME").asText(),
            advertised.entrySet().stream().filter(e -> e.getValue().equals(internal)).findFirst().orElseThrow().getKey());
    }

    @Test
    void portsAreConsistent() throws Exception {
        String script = Files.readString(REPO.resolve("docker/post-connectors.sh"));
        Properties worker = workerProperties();
        assertEquals("http://0.0.0.0:8083", worker.getProperty("listeners"));
        assertTrue(ports(services.path("connect")).contains("8083:8083"));
        assertTrue(script.contains("CONNECT=${CONNECT:-http://connect:8083}"));
        List<String> emu = command(services.path("sls-emulator"));
        String emuPort = emu.get(emu.indexOf("--port") + 1);
        assertTrue(ports(services.path("sls-emulator")).contains(emuPort + ":" + emuPort));
        assertTrue(script.contains("\"sls.proxy.host\": \"sls-emulator\", \"sls.proxy.port\": \"" + emuPort + "\""));
        assertEquals("http://sls-emulator:" + emuPort, services.path("log-generator").path("environment").path("SLS_URL").asText());
        assertTrue(ports(services.path("splunk")).contains("8088:8088"));
        assertTrue(script.contains("HEC=${HEC:-http://splunk:8088}"));
        assertTrue(worker.getProperty("plugin.path").contains("/opt/sls-plugin"));
        assertTrue(services.path("connect").path("volumes").toString().contains("./connector-source/target/plugin:/opt/sls-plugin:ro"));
    }

    @Test
    void hecTokenHasIndexerAcknowledgementBecauseTheSinkTurnsAcksOn() throws Exception {
        JsonNode sink = JSON.readTree(REPO.resolve("connector-config/splunk-sink.json").toFile()).path("config");
        assertEquals("true", sink.path("splunk.hec.ack.enabled").asText());
        assertTrue(services.path("splunk").path("environment").path("SPLUNK_HEC_TOKEN").isMissingNode(),
            "SPLUNK_HEC_TOKEN creates a token without useACK");
        JsonNode defaults = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("docker/splunk/default.yml").toFile());
        JsonNode inputs = null;
        for (JsonNode c : defaults.path("splunk").path("conf")) if (c.path("key").asText().equals("inputs")) inputs = c.path("value");
        assertTrue(inputs != null, "inputs.conf in docker/splunk/default.yml");
        assertEquals("/opt/splunk/etc/apps/splunk_httpinput/local", inputs.path("directory").asText());
        Properties secrets = new Properties();
        secrets.load(Files.newBufferedReader(REPO.resolve("docker/secrets/splunk.properties")));
        JsonNode token = null;
        for (var it = inputs.path("content").fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith("http://")) token = e.getValue();
        }
        assertTrue(token != null, "a HEC token stanza");
        assertEquals(secrets.getProperty("hec.token"), token.path("token").asText());
        assertEquals(1, token.path("useACK").asInt());
        assertEquals(0, inputs.path("content").path("http").path("enableSSL").asInt());
        // Every index the connector routes to is allowed for the token.
        JsonNode source = JSON.readTree(REPO.resolve("connector-config/sls-source.json").toFile()).path("config");
        for (String route : source.path("splunk.index.by.logstore").asText().split(",")) {
            assertTrue(List.of(token.path("indexes").asText().split(",")).contains(route.split("=")[1]), route);
        }
    }

    @Test
    void splunkSinkIsThePinnedTestedVersionCheckedByChecksum() throws Exception {
        String text = Files.readString(REPO.resolve("docker-compose.yml"));
        assertFalse(text.contains("confluent-hub install"), "no download of an untested version at every start");
        String dockerfile = Files.readString(REPO.resolve("docker/connect/Dockerfile"));
        assertTrue(dockerfile.contains("ARG SPLUNK_SINK_VERSION=2.2.1"), dockerfile);
        assertTrue(dockerfile.contains("ADD --checksum=sha256:${SPLUNK_SINK_SHA256}"), dockerfile);
        Matcher sha = Pattern.compile("ARG SPLUNK_SINK_SHA256=([0-9a-f]{64})").matcher(dockerfile);
        assertTrue(sha.find(), "pinned SHA-256");
        assertTrue(dockerfile.contains("https://github.com/splunk/kafka-connect-splunk/releases/download/v${SPLUNK_SINK_VERSION}/"));
        Path tested = splunkSinkJar();
        assumeTrue(tested != null, "no Splunk sink jar here to compare the pinned checksum with");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tested))), sha.group(1),
            "the pinned checksum is the one of the jar the tests run with (" + tested.getFileName() + ")");
    }

    @Test
    void logGeneratorFillsEveryLogstoreOfTheEmulator(@TempDir Path tmp) throws Exception {
        assumeTrue(hasShellAndCurl(), "sh and curl needed to run docker/generator/generate-logs.sh");
        List<String> args = command(services.path("sls-emulator"));
        assertTrue(args.contains("--no-verify-signatures"), "the generator cannot sign");
        String project = args.get(args.indexOf("--project") + 1);
        SlsEmulator.Builder b = SlsEmulator.builder().port(0).verifySignatures(false)
            .accessKey(args.get(args.indexOf("--access-key-id") + 1), args.get(args.indexOf("--access-key-secret") + 1));
        Map<String, Integer> logstores = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--logstore")) {
                String[] spec = args.get(i + 1).split(":");
                logstores.put(spec[0], Integer.parseInt(spec[1]));
                b.logstore(project, spec[0], Integer.parseInt(spec[1]));
            }
        }
        assertEquals(2, logstores.size());
        try (SlsEmulator sls = b.build().start()) {
            JsonNode env = services.path("log-generator").path("environment");
            // The compose environment, with the emulator's address on this machine.
            Process gen = run(tmp, Map.of("SLS_URL", "http://127.0.0.1:" + sls.port(), "PROJECT", env.path("PROJECT").asText(),
                "ACCESS_KEY_ID", env.path("ACCESS_KEY_ID").asText(), "BATCHES", "3", "INTERVAL", "0"),
                "sh", REPO.resolve("docker/generator/generate-logs.sh").toString());
            assertTrue(gen.waitFor(60, TimeUnit.SECONDS), "generator finished");
            assertEquals(0, gen.exitValue(), Files.readString(tmp.resolve("out.txt")));
            for (var ls : logstores.entrySet()) {
                long groups = 0;
                for (int shard = 0; shard < ls.getValue(); shard++) groups += sls.logGroupCount(project, ls.getKey(), shard);
                assertEquals(3, groups, "log groups written to " + ls.getKey());
            }
        }
    }

    @Test
    void connectorSetupWaitsForSplunkAndFailsLoudly(@TempDir Path tmp) throws Exception {
        assumeTrue(hasShellAndCurl(), "sh and curl needed to run docker/post-connectors.sh");
        // 1. HEC never becomes healthy: exit 1 naming it, nothing POSTed.
        try (FakeStack stack = new FakeStack(503, 201, "RUNNING")) {
            String out = setup(tmp, stack, "3", 1);
            assertTrue(out.contains("FAILED: Splunk HEC"), out);
            assertTrue(stack.posted.isEmpty(), "posted before Splunk was ready: " + stack.posted.keySet());
        }
        // 2. Connect rejects the config: exit 1 with Connect's answer.
        try (FakeStack stack = new FakeStack(200, 400, "RUNNING")) {
            String out = setup(tmp, stack, "30", 1);
            assertTrue(out.contains("FAILED: POST sls-source: HTTP 400"), out);
        }
        // 3. A task fails: exit 1.
        try (FakeStack stack = new FakeStack(200, 201, "FAILED")) {
            String out = setup(tmp, stack, "30", 1);
            assertTrue(out.contains("FAILED: sls-source"), out);
        }
        // 4. All well: both connectors created with the compose network's addresses, exit 0.
        try (FakeStack stack = new FakeStack(200, 201, "RUNNING")) {
            setup(tmp, stack, "30", 0);
            assertEquals(Set.of("sls-source", "splunk-sink"), stack.posted.keySet());
            JsonNode source = stack.posted.get("sls-source").path("config");
            assertEquals("sls-emulator", source.path("sls.proxy.host").asText());
            assertEquals("sls.test", source.path("sls.endpoint").asText());
            JsonNode sink = stack.posted.get("splunk-sink").path("config");
            assertEquals("http://splunk:8088", sink.path("splunk.hec.uri").asText());
            assertTrue(sink.path("splunk.hec.ssl.trust.store.path").isMissingNode());
        }
    }

    /** Connect's REST API and HEC's health endpoint, answering as told. */
    private static final class FakeStack implements AutoCloseable {
        final HttpServer server;
        final Map<String, JsonNode> posted = new ConcurrentHashMap<>();

        FakeStack(int hecHealth, int postStatus, String taskState) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/services/collector/health", ex -> reply(ex, hecHealth, "{}"));
            server.createContext("/connector-plugins", ex -> reply(ex, 200,
                "[{\"class\":\"org.slsconnect.source.SlsSourceConnector\"},{\"class\":\"com.splunk.kafka.connect.SplunkSinkConnector\"}]"));
            server.createContext("/connectors", ex -> {
                if (ex.getRequestMethod().equals("POST")) {
                    JsonNode body = JSON.readTree(ex.getRequestBody());
                    if (postStatus < 300) posted.put(body.path("name").asText(), body);
                    reply(ex, postStatus, postStatus < 300 ? "{}" : "{\"error_code\":400,\"message\":\"bad config\"}");
                } else if (ex.getRequestURI().getPath().endsWith("/status")) {
                    reply(ex, 200, "{\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[{\"id\":0,\"state\":\"" + taskState + "\"}]}");
                } else {
                    reply(ex, 200, "[]");
                }
            });
            server.start();
        }

        String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

        private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        }

        @Override
        public void close() { server.stop(0); }
    }

    /** Runs docker/post-connectors.sh against {@code stack}; asserts its exit code and returns its output. */
    private static String setup(Path tmp, FakeStack stack, String timeoutS, int expectedExit) throws Exception {
        Process p = run(tmp, Map.of("CONNECT", stack.url(), "HEC", stack.url(), "SETUP_DIR", REPO.resolve("connector-config").toString(),
            "WORK_DIR", tmp.toString(), "TIMEOUT_S", timeoutS, "POLL_S", "0.2"), "sh", REPO.resolve("docker/post-connectors.sh").toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "post-connectors.sh still running after 60 s");
        String out = Files.readString(tmp.resolve("out.txt"));
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }

    private static Process run(Path tmp, Map<String, String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static boolean hasShellAndCurl() {
        try {
            return new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The Splunk sink jar the tests use: SPLUNK_SINK_JAR, else the shared folder next to the repository. */
    private static Path splunkSinkJar() {
        String env = System.getenv("SPLUNK_SINK_JAR");
        Path p = env != null && !env.isBlank() ? Path.of(env)
            : REPO.resolve("../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar").normalize();
        return Files.isRegularFile(p) && p.getFileName().toString().contains("2.2.1") ? p : null;
    }

    private static Properties workerProperties() throws IOException {
        Properties p = new Properties();
        p.load(Files.newBufferedReader(REPO.resolve("docker/connect/connect-distributed.properties")));
        return p;
    }

    private static Map<String, String> listeners(String spec) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String l : spec.split(",")) {
            String[] parts = l.trim().split("://");
            m.put(parts[0], parts[1]);
        }
        return m;
    }

    private static List<String> command(JsonNode svc) {
        List<String> c = new ArrayList<>();
        svc.path("command").forEach(n -> c.add(n.asText()));
        return c;
    }

    private static List<String> ports(JsonNode svc) {
        List<String> p = new ArrayList<>();
        svc.path("ports").forEach(n -> p.add(n.asText()));
        return p;
    }
}
