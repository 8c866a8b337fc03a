package org.slsconnect.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.slsconnect.testsupport.Http;
import org.slsconnect.testsupport.Ports;

/**
 * A Kafka Connect distributed worker in its own JVM ({@code ConnectDistributed}, as operators run it), loading the
 * connector from the packaged plugin directory, so that it can be killed with SIGKILL like a crashed machine.
 * The classpath is the test's, minus the connector's own classes: the connector comes only from {@code plugin.path}.
 */
final class ConnectWorkerProcess implements AutoCloseable {

    /** The plugin directory {@code mvn package} of connector-source builds (set by the failsafe configuration). */
    static final Path PLUGIN_PATH = Path.of(System.getProperty("sls.plugin.path", "../connector-source/target/plugin"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    private final Map<String, String> props;
    private final Path logFile;
    private final List<String> jvmArgs = new ArrayList<>();
    private Process process;

    /** A worker of group {@code groupId}; {@code extraProps} override the defaults. Not started yet. */
    ConnectWorkerProcess(String name, String bootstrapServers, String groupId, Map<String, String> extraProps, Path dir) {
        this.name = name;
        this.port = Ports.free();
        this.logFile = dir.resolve(name + ".log");
        props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "500");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(port));
        props.put("plugin.path", PLUGIN_PATH.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");   // no class scanning: starts in seconds
        // A dead worker's tasks are held for it this long before they move (Connect's default: 5 minutes).
        props.put("scheduled.rebalance.max.delay.ms", "5000");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        props.putAll(extraProps);
    }

    /** Extra JVM options (e.g. a {@code -javaagent}) for the next {@link #start()}. */
    ConnectWorkerProcess jvmArgs(String... args) {
        jvmArgs.addAll(List.of(args));
        return this;
    }

    /** Starts the JVM (again, after a kill) and waits until its REST API answers. */
    ConnectWorkerProcess start() throws IOException {
        if (!Files.isDirectory(PLUGIN_PATH)) {
            throw new IllegalStateException("No plugin directory at " + PLUGIN_PATH.toAbsolutePath()
                + "; run `mvn package` of connector-source first (mvn verify does)");
        }
        Path propsFile = logFile.resolveSibling(name + ".properties");
        Files.writeString(propsFile, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", workerClasspath(), "org.apache.kafka.connect.cli.ConnectDistributed", propsFile.toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        ConnectHarness.await(() -> {
            if (!process.isAlive()) throw new AssertionError("worker " + name + " exited: see " + logFile);
            return get("/connectors") != null;
        }, Duration.ofSeconds(120), "worker " + name + " REST API on port " + port);
        return this;
    }

    /** SIGKILL: no shutdown hooks, no offset flush, no graceful leave of the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() { return process != null && process.isAlive(); }

    Path logFile() { return logFile; }

    /** The worker id Connect reports for tasks running on this worker. */
    String workerId() { return "127.0.0.1:" + port; }

    void putConnector(String connector, Map<String, String> config) {
        String body;
        try {
            body = KafkaTopics.JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/config"))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() >= 300) throw new AssertionError("PUT connector config: HTTP " + r.statusCode() + " " + r.body());
    }

    /** {@code GET /connectors/<name>/status}, or null while the worker cannot answer. */
    JsonNode status(String connector) {
        String body = get("/connectors/" + connector + "/status");
        try {
            return body == null ? null : KafkaTopics.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Task id -> worker id of the tasks in state RUNNING. */
    Map<Integer, String> runningTasks(String connector) {
        Map<Integer, String> running = new HashMap<>();
        JsonNode s = status(connector);
        if (s == null) return running;
        for (JsonNode t : s.path("tasks")) {
            if ("RUNNING".equals(t.path("state").asText())) running.put(t.path("id").asInt(), t.path("worker_id").asText());
        }
        return running;
    }

    /** {@code GET /connectors/<name>/offsets} as JSON text, or null while the worker cannot answer. */
    String offsets(String connector) { return get("/connectors/" + connector + "/offsets"); }

    private String get(String path) { return Http.getOrNull(uri(path), Duration.ofSeconds(10)); }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }

    /** The test classpath without connector-source, whose classes must come from the plugin directory. */
    private static String workerClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("connector-source"))
            .collect(Collectors.joining(File.pathSeparator));
    }


    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) kill();
        }
    }
}
