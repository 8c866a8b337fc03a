package org.slsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine): check that what it mounts and POSTs is consistent. */
class DockerComposeTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Build outputs it mounts (documented at the top of docker-compose.yml: build first). */
    private static final Set<String> BUILD_OUTPUTS = Set.of("./connector-source/target/plugin",
        "./sls-emulator/target/sls-emulator.jar");

    private final JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("docker-compose.yml").toFile());

    DockerComposeTest() throws Exception {}

    @Test
    void everyMountedFileExistsOrIsADocumentedBuildOutput() throws Exception {
        String text = Files.readString(REPO.resolve("docker-compose.yml"));
        List<String> mounts = new ArrayList<>();
        compose.path("services").forEach(svc -> svc.path("volumes").forEach(v -> mounts.add(v.asText().split(":")[0])));
        assertTrue(mounts.size() >= 7, mounts.toString());
        for (String m : mounts) {
            if (BUILD_OUTPUTS.contains(m)) {
                assertTrue(text.contains("mvn -B -q package -DskipTests"), "build step documented");
                continue;
            }
            assertTrue(Files.exists(REPO.resolve(m)), "docker-compose.yml mounts missing " + m);
        }
        assertTrue(Files.isRegularFile(REPO.resolve("docker/secrets/sls.properties")));
    }

    @Test
    void postsExactlyTheConnectorConfigFiles() throws Exception {
        Set<String> posted = new TreeSet<>();
        compose.path("services").path("connector-setup").path("volumes").forEach(v -> {
            String host = v.asText().split(":")[0];
            if (host.startsWith("./connector-config/")) posted.add(host.substring("./connector-config/".length()));
        });
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(REPO.resolve("connector-config"))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(files::add);
        }
        assertEquals(files, posted);
        String script = Files.readString(REPO.resolve("docker/post-connectors.sh"));
        for (String f : files) assertTrue(script.contains("/opt/setup/" + f), "script POSTs " + f);
    }

    @Test
    void portsAreConsistent() throws Exception {
        JsonNode s = compose.path("services");
        String script = Files.readString(REPO.resolve("docker/post-connectors.sh"));
        assertEquals("8083", s.path("connect").path("environment").path("CONNECT_REST_PORT").asText());
        assertTrue(ports(s.path("connect")).contains("8083:8083"));
        assertTrue(script.contains("http://connect:8083"));
        List<String> emu = new ArrayList<>();
        s.path("sls-emulator").path("command").forEach(c -> emu.add(c.asText()));
        String emuPort = emu.get(emu.indexOf("--port") + 1);
        assertTrue(ports(s.path("sls-emulator")).contains(emuPort + ":" + emuPort));
        assertTrue(script.contains("\"sls.proxy.host\": \"sls-emulator\", \"sls.proxy.port\": \"" + emuPort + "\""));
        assertTrue(ports(s.path("splunk")).contains("8088:8088"));
        assertTrue(script.contains("http://splunk:8088"));
        assertTrue(s.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText().endsWith("kafka:9092"));
        assertEquals("kafka:9092", s.path("connect").path("environment").path("CONNECT_BOOTSTRAP_SERVERS").asText());
        String token = s.path("splunk").path("environment").path("SPLUNK_HEC_TOKEN").asText();
        assertTrue(Files.readString(REPO.resolve("docker/secrets/splunk.properties")).contains("hec.token=" + token));
    }

    private static List<String> ports(JsonNode svc) {
        List<String> p = new ArrayList<>();
        svc.path("ports").forEach(n -> p.add(n.asText()));
        return p;
    }
}
