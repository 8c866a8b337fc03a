package org.slsconnect.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slsconnect.testsupport.Http;
import org.slsconnect.testsupport.Ports;

/**
 * A Kafka Connect distributed worker of one Kafka release in its own JVM ({@code ConnectDistributed}), the plugin
 * directory on {@code plugin.path}, its REST API on a free port and its MBeans on a JMX port without auth (local).
 */
final class Worker implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KafkaRelease release;
    private final Path javaHome;
    private final Path dir;
    private final Map<String, String> props = new HashMap<>();
    private final int restPort = Ports.free();
    private int jmxPort;
    private JvmProcess jvm;
    private int starts;

    Worker(KafkaRelease release, Path javaHome, Path dir, String bootstrapServers, Path pluginPath) {
        this.release = release;
        this.javaHome = javaHome;
        this.dir = dir;
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "compat");
        props.put("config.storage.topic", "compat-configs");
        props.put("offset.storage.topic", "compat-offsets");
        props.put("status.storage.topic", "compat-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        // Without exactly-once, a SIGKILLed worker re-delivers what it sent since its last offset flush: a long
        // interval makes that everything, so the restart check tells exactly-once from at-least-once. (With
        // exactly-once, offsets are committed in each transaction and this interval does not apply.)
        props.put("offset.flush.interval.ms", "60000");
        // A killed worker leaves the group at its session timeout; its tasks move at once after that.
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(restPort));
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        // The shipped config sets producer.override.*; "All" is the default since 3.0, said here for clarity.
        props.put("connector.client.config.override.policy", "All");
        props.put("exactly.once.source.support", "enabled");   // KIP-618, 3.3+
        if (release.atLeast(3, 6)) props.put("plugin.discovery", "service_load");   // KIP-898: no scanning
    }

    Worker start() throws IOException {
        starts++;
        Path propsFile = dir.resolve("worker.properties");
        JvmProcess.writeProperties(propsFile, props);
        jmxPort = Ports.free();
        jvm = new JvmProcess(javaHome, release.classpath(), dir.resolve("worker-" + starts + ".log")).start(List.of(
            "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
            "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"),
            "org.apache.kafka.connect.cli.ConnectDistributed", propsFile.toString());
        JvmProcess.await(() -> {
            if (!jvm.alive()) throw new AssertionError("worker exited: see " + jvm.logFile());
            return get("/connectors") != null;
        }, Duration.ofSeconds(120), "Kafka " + release.version() + " worker REST API on port " + restPort);
        return this;
    }

    /** SIGKILL, like a crashed machine. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    /** The worker's log of its current run. */
    String log() { return jvm.log(); }

    Path logFile() { return jvm.logFile(); }

    // ------------------------------------------------------------------ REST

    JsonNode getJson(String path) {
        String body = get(path);
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    String get(String path) {
        return Http.getOrNull(URI.create("http://127.0.0.1:" + restPort + path), Duration.ofSeconds(30));
    }

    /** Sends a request and returns the response; fails unless the status is 2xx. */
    HttpResponse<String> send(String method, String path, Object body) {
        String json;
        try {
            json = body == null ? "" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        try {
            HttpResponse<String> r = HTTP.send(request(path).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path)).timeout(Duration.ofSeconds(30));
    }

    /** Waits until the connector has the state given and, when RUNNING, {@code tasks} tasks RUNNING. */
    void awaitState(String connector, String state, int tasks) {
        JvmProcess.await(() -> {
            JsonNode s = getJson("/connectors/" + connector + "/status");
            if (s == null || !state.equals(s.path("connector").path("state").asText())) return false;
            int running = 0;
            for (JsonNode t : s.path("tasks")) {
                if ("FAILED".equals(t.path("state").asText())) {
                    throw new AssertionError("task " + t.path("id") + " FAILED on Kafka " + release.version() + ": "
                        + t.path("trace").asText());
                }
                if ("RUNNING".equals(t.path("state").asText())) running++;
            }
            return running == tasks;
        }, Duration.ofSeconds(90), connector + " " + state + " with " + tasks + " task(s) running");
    }

    // ------------------------------------------------------------------ JMX

    /** Attribute {@code attribute} of every MBean matching {@code pattern}, summed (0 when none matches). */
    long sumOfAttribute(String pattern, String attribute) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            Set<ObjectName> names = mbeans.queryNames(new ObjectName(pattern), null);
            long sum = 0;
            for (ObjectName name : names) sum += ((Number) mbeans.getAttribute(name, attribute)).longValue();
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) jvm.close();
    }
}
