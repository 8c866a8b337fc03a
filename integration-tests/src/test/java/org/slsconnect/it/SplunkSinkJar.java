package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the integration tests find Splunk's sink (Splunk Connect for Kafka, not on Maven Central): the
 * {@code splunk.sink.jar} system property, else the {@code SPLUNK_SINK_JAR} environment variable, else
 * {@code ../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar} next to the repository root (where every
 * developer machine and CI have it). Without a jar a Splunk test fails under {@code CI=true} and is skipped, with the
 * same message, elsewhere (a clone without the shared folder).
 */
final class SplunkSinkJar {

    static final String SHARED = "../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar";

    private SplunkSinkJar() {}

    /**
     * Worker properties that load the sink: {@code plugin.path} = a fresh directory with one plugin folder holding
     * the jar and a small jar with the ServiceLoader manifest the v2.2.1 jar lacks (what Kafka's
     * {@code connect-plugin-path.sh sync-manifests} adds), and {@code plugin.discovery=service_load}. Without the
     * manifest a worker needs {@code hybrid_warn}, whose reflective scan of the class path and the shaded jar took
     * about a minute per worker start on the 2-core CI machine.
     */
    static Map<String, String> workerProps() throws IOException {
        Path jar = find();
        Path dir = Files.createTempDirectory("splunk-plugin");
        Path plugin = Files.createDirectories(dir.resolve("splunk-kafka-connect"));
        Files.copy(jar, plugin.resolve(jar.getFileName()));
        try (JarOutputStream manifest = new JarOutputStream(Files.newOutputStream(plugin.resolve("service-manifest.jar")))) {
            manifest.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.sink.SinkConnector"));
            manifest.write("com.splunk.kafka.connect.SplunkSinkConnector\n".getBytes(StandardCharsets.UTF_8));
            manifest.closeEntry();
        }
        Map<String, String> props = new HashMap<>();
        props.put("plugin.path", dir.toString());
        props.put("plugin.discovery", "service_load");
        return props;
    }

    static Path find() {
        String given = System.getProperty("splunk.sink.jar", System.getenv("SPLUNK_SINK_JAR"));
        Path jar = given != null && !given.isBlank() ? Path.of(given) : repoRoot().resolve(SHARED).normalize();
        if (Files.isRegularFile(jar)) return jar;
        String msg = "Splunk's sink jar not found at " + jar + ". Download splunk-kafka-connect-v2.2.1.jar "
            + "(github.com/splunk/kafka-connect-splunk releases) and set SPLUNK_SINK_JAR=/path/to/it (or -Dsplunk.sink.jar)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(msg);
        Assumptions.abort(msg);
        return jar;
    }

    /** The repository root: the first directory up from the working directory with {@code connector-config/}. */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("connector-config"))) return p;
        }
        throw new IllegalStateException("no connector-config/ above " + Path.of("").toAbsolutePath());
    }
}
