package org.slsconnect.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slsconnect.testsupport.Http;
import org.slsconnect.testsupport.Ports;

/**
 * The stack as a user starts it: a KRaft broker ({@code kafka.Kafka server.properties} after {@code StorageTool format})
 * and a distributed Connect worker ({@code ConnectDistributed worker.properties}), each in its own JVM, the worker
 * loading our connector from the packaged plugin directory and Splunk's sink from its jar via {@code plugin.path}.
 * Both JVMs get the benchmark module's class path minus the connector and the benchmark classes.
 */
final class PairStack implements AutoCloseable {
    /** Where connector-source's package phase puts the release archive users download. */
    static final Path ARCHIVES = Path.of("connector-source/target");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final String bootstrap;
    private Process broker;
    private Process worker;
    private int workerPort;
    List<String> workerJvmOptions;

    PairStack(Path dir) throws Exception {
        this.dir = dir;
        int port = Ports.free();
        int controllerPort = Ports.free();
        bootstrap = "127.0.0.1:" + port;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("kraft-logs").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        Path props = write(dir.resolve("server.properties"), p);
        // INFO to the JVM's log file, as Kafka's own log4j2 files configure it (a test jar on the class path brings DEBUG).
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n", "rootLogger.level=INFO",
            "rootLogger.appenderRef.out.ref=out", "appender.out.type=Console", "appender.out.name=out",
            "appender.out.layout.type=PatternLayout", "appender.out.layout.pattern=[%d] %p %m (%c)%n", ""), StandardCharsets.UTF_8);
        run(List.of(java(), "-cp", classpath(), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
            "-c", props.toString()), dir.resolve("storage-format.log"));
        // kafka-server-start.sh's defaults: 1 GB heap, G1 with 20 ms pauses.
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll, "pair-stack-stop"));   // Ctrl-C leaves no JVM behind
        broker = start(List.of(java(), log4j(), "-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-cp", classpath(), "kafka.Kafka", props.toString()), dir.resolve("broker.log"));
    }

    /** (Re)starts the Connect worker with these JVM options and worker properties on top of the defaults. */
    void startWorker(List<String> jvmOptions, Map<String, String> extraProps, Path splunkJar) throws Exception {
        stopWorker();
        workerPort = Ports.free();
        Path splunkPlugins = Files.createDirectories(dir.resolve("splunk-plugin"));
        Path link = splunkPlugins.resolve(splunkJar.getFileName());
        if (!Files.exists(link)) Files.createSymbolicLink(link, splunkJar.toAbsolutePath());
        Path ourPlugins = unzipReleaseArchive();
        // Read connector-config/worker-quickstart.properties, the shipped worker file, then point it at this run.
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("connector-config/worker-quickstart.properties"), StandardCharsets.UTF_8)) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            p.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        String group = "bench-" + workerPort;
        p.put("bootstrap.servers", bootstrap);
        p.put("listeners", "http://127.0.0.1:" + workerPort);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", Integer.toString(workerPort));
        p.put("plugin.path", ourPlugins.toAbsolutePath() + "," + splunkPlugins.toAbsolutePath());
        p.put("group.id", group);
        p.put("config.storage.topic", group + "-configs");
        p.put("offset.storage.topic", group + "-offsets");
        p.put("status.storage.topic", group + "-status");
        p.putAll(extraProps);
        Path props = write(dir.resolve("worker-" + workerPort + ".properties"), p);
        List<String> cmd = new ArrayList<>(List.of(java(), log4j()));
        cmd.addAll(jvmOptions);
        String extra = System.getenv("BENCH_WORKER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", classpath(), "org.apache.kafka.connect.cli.ConnectDistributed", props.toString()));
        workerJvmOptions = jvmOptions;
        worker = start(cmd, dir.resolve("worker-" + workerPort + ".log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (get("/connector-plugins") == null || !get("/connector-plugins").contains("SplunkSinkConnector")) {
            if (!worker.isAlive()) throw new IllegalStateException("worker exited: see " + dir.resolve("worker-" + workerPort + ".log"));
            if (System.nanoTime() > deadline) throw new IllegalStateException("worker REST API did not come up");
            Thread.sleep(500);
        }
    }

    /** The release zip unpacked into this run's directory, as a user installs it; returns the plugin.path entry. */
    private Path unzipReleaseArchive() throws IOException {
        Path plugins = dir.resolve("sls-plugin");
        if (Files.isDirectory(plugins)) return plugins;
        Path zip;
        try (var files = Files.list(ARCHIVES)) {
            zip = files.filter(f -> f.getFileName().toString().matches("slsconnect-kafka-connect-sls-source-.+\\.zip"))
                .max(java.util.Comparator.comparing(f -> f.toFile().lastModified()))   // the latest build
                .orElseThrow(() -> new IllegalStateException("No release archive in " + ARCHIVES.toAbsolutePath()
                    + ": run `mvn -pl connector-source package` first"));
        }
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = plugins.resolve(e.getName()).normalize();
                if (!target.startsWith(plugins)) throw new IOException("zip entry outside the archive's folder: " + e.getName());
                if (e.isDirectory()) Files.createDirectories(target);
                else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return plugins;
    }

    long brokerPid() { return broker.pid(); }

    long workerPid() { return worker.pid(); }

    void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/connectors/" + name + "/config"))
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException("PUT " + name + ": HTTP " + r.statusCode() + " " + r.body());
    }

    void deleteConnector(String name) throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(uri("/connectors/" + name)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The connector's status JSON, or null. */
    String status(String name) { return get("/connectors/" + name + "/status"); }

    private String get(String path) { return Http.getOrNull(uri(path), Duration.ofSeconds(10)); }

    private URI uri(String path) { return URI.create("http://127.0.0.1:" + workerPort + path); }

    void stopWorker() throws InterruptedException {
        if (worker != null && worker.isAlive()) {
            worker.destroy();
            if (!worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) worker.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopWorker();
        broker.destroy();
        if (!broker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) broker.destroyForcibly().waitFor();
    }

    private void destroyAll() {
        if (worker != null) worker.destroyForcibly();
        if (broker != null) broker.destroyForcibly();
    }

    /**
     * The benchmark's class path without the connector and its SDK (they must come from plugin.path, as for a user:
     * fastjson on a worker's class path even breaks the REST server's Jersey) and without the benchmark's own classes.
     */
    static String classpath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.contains("connector-source") && !e.contains("benchmarks" + File.separator + "target")
                && !e.contains("aliyun") && !e.contains("fastjson"))
            .collect(Collectors.joining(File.pathSeparator));
    }

    private String log4j() { return "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"); }

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    private static Process start(List<String> cmd, Path log) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void run(List<String> cmd, Path log) throws Exception {
        Process p = start(cmd, log);
        if (p.waitFor() != 0) throw new IllegalStateException(cmd.get(cmd.size() - 4) + " failed: see " + log);
    }

    private static Path write(Path file, Map<String, String> props) throws IOException {
        Files.writeString(file, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return file;
    }

}
