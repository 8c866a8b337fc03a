package org.slsconnect.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One command, the whole pipeline on this machine: a KRaft Kafka broker, a distributed Connect worker that loads the
 * connector from {@code plugin.path} (the unzipped plugin archive), the SLS emulator with sample logs still being
 * written, the HEC emulator, and Splunk's sink if its jar is there. Prints a progress line every few seconds.
 * {@code --check} writes a fixed number of logs and exits 0 once all of them are in Kafka (and at HEC), else 1.
 */
public final class Quickstart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACCESS_KEY_ID = "quickstart-id";

    private final Settings s;
    private final boolean check;
    private final Path repo;
    private final Path data;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean stopping;

    private org.slsconnect.emulator.sls.SlsEmulator sls;      // null with a real SLS
    private org.slsconnect.emulator.hec.HecEmulator hec;      // null with a real Splunk or without the sink
    private org.apache.kafka.common.test.KafkaClusterTestKit kafka;
    private String restUrl;
    private String project;
    private List<String> logstores;
    private String sourceName;
    private boolean splunkLeg;

    private Quickstart(Settings s, Path repo) {
        this.s = s;
        this.check = s.flag("check");
        this.repo = repo;
        this.data = Path.of(s.get("data-dir", "quickstart-data")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + Settings.USAGE);
            System.exit(2);
            return;
        }
        if (s.flag("help")) {
            System.out.println(Settings.USAGE);
            return;
        }
        Path repo = s.get("repo") != null ? Path.of(s.get("repo")) : findRepo();
        Quickstart q = new Quickstart(s, repo.toAbsolutePath());
        // Before any Kafka class loads: log4j2.properties writes everything to this file, not the console.
        System.setProperty("quickstart.log.file", q.data.resolve("logs/quickstart.log").toString());
        Runtime.getRuntime().addShutdownHook(new Thread(q::shutdown, "quickstart-shutdown"));
        int code;
        try {
            code = q.run();
        } catch (Exception e) {
            System.out.println("FAILED: " + e.getMessage() + "  (logs: " + q.data.resolve("logs") + ")");
            code = 1;
        }
        q.shutdown();
        System.exit(code);
    }

    private int run() throws Exception {
        if (check && s.get("sls.endpoint") != null) {
            throw new IllegalStateException("--check needs the SLS emulator (it counts what it wrote): unset sls.endpoint");
        }
        deleteTree(data);
        Files.createDirectories(data.resolve("logs"));
        Files.createDirectories(data.resolve("secrets"));
        Path plugins = Files.createDirectories(data.resolve("plugins"));

        // 1. The plugin, from its archive, into plugin.path.
        Path zip = pluginZip();
        unzip(zip, plugins);
        List<String> pluginPath = new ArrayList<>(List.of(plugins.toString()));
        String sinkJar = sinkJar();
        if (sinkJar != null) {
            Path p = Path.of(sinkJar);
            if (p.toString().endsWith(".zip")) {
                unzip(p, plugins);
            } else {
                Path dir = Files.createDirectories(plugins.resolve("splunk-kafka-connect"));
                Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            splunkLeg = true;
        } else if (Files.isDirectory(repo.resolve("plugins"))) {
            pluginPath.add(repo.resolve("plugins").toString());
            splunkLeg = true;
        }
        say("plugin:    " + zip.getFileName() + " unzipped into " + plugins);

        // 2. Connector configs as in connector-config/, secrets through the file config provider.
        ObjectNode source = (ObjectNode) JSON.readTree(repo.resolve("connector-config/sls-source.json").toFile());
        ObjectNode sc = (ObjectNode) source.get("config");
        sourceName = source.get("name").asText();
        project = s.get("sls.project", sc.get("sls.project").asText());
        logstores = List.of(s.get("sls.logstores", sc.get("sls.logstores").asText()).split("\\s*,\\s*"));
        sc.put("sls.project", project);
        sc.put("sls.logstores", String.join(",", logstores));
        Properties slsSecrets = new Properties();
        if (s.get("sls.endpoint") == null) {
            String secret = UUID.randomUUID().toString();
            startSls(secret);
            slsSecrets.setProperty("access.key.id", ACCESS_KEY_ID);
            slsSecrets.setProperty("access.key.secret", secret);
            sc.put("sls.endpoint", sls.endpoint());
            sc.put("sls.proxy.host", sls.host());
            sc.put("sls.proxy.port", Integer.toString(sls.port()));
            sc.put("fetch.idle.backoff.ms", "200");
        } else {
            slsSecrets.setProperty("access.key.id", require("sls.access.key.id"));
            slsSecrets.setProperty("access.key.secret", require("sls.access.key.secret"));
            sc.put("sls.endpoint", s.get("sls.endpoint"));
            say("SLS:       " + s.get("sls.endpoint") + " project " + project + " logstores " + logstores);
            // A trial run against production must neither replay the logstores' whole history into this throwaway
            // Kafka nor move the checkpoints of a consumer group the SLS console shows: both only when asked for.
            sc.put("start.position", s.get("start.position", "end"));
            sc.put("checkpoint.mirror.enabled", s.get("checkpoint.mirror.enabled", "false"));
            say("           start.position=" + sc.get("start.position").asText()
                + (sc.get("start.position").asText().equals("end") ? " (new logs only; set START_POSITION=begin to replay the history)" : "")
                + ", checkpoint.mirror.enabled=" + sc.get("checkpoint.mirror.enabled").asText()
                + (sc.get("checkpoint.mirror.enabled").asText().equals("true")
                    ? " (writes checkpoints to SLS consumer group " + sc.path("sls.consumer.group").asText("kafka-connect-" + sourceName) + ")"
                    : " (no SLS consumer group checkpoints written; CHECKPOINT_MIRROR_ENABLED=true to mirror them)"));
        }
        if (!sc.has("topic.creation.default.replication.factor")) {
            sc.put("topic.creation.default.replication.factor", "1");
            sc.put("topic.creation.default.partitions", "2");
        }
        writeProperties(data.resolve("secrets/sls.properties"), slsSecrets);
        String sourceJson = JSON.writeValueAsString(source)
            .replace("/etc/kafka-connect/secrets/", data.resolve("secrets").toString().replace('\\', '/') + "/");

        // 3. Kafka (KRaft, combined broker + controller).
        startKafka();
        say("Kafka:     bootstrap.servers=" + kafka.bootstrapServers());

        // 4. Connect, distributed mode, worker-quickstart.properties with this run's addresses.
        Properties worker = new Properties();
        try (var r = Files.newBufferedReader(repo.resolve("connector-config/worker-quickstart.properties"))) {
            worker.load(r);
        }
        worker.setProperty("bootstrap.servers", kafka.bootstrapServers());
        worker.setProperty("plugin.path", String.join(",", pluginPath));
        worker.setProperty("listeners", "http://localhost:" + s.getInt("rest-port", 8083));
        Map<String, String> props = new HashMap<>();
        worker.forEach((k, v) -> props.put(k.toString(), v.toString()));
        var connect = new org.apache.kafka.connect.cli.ConnectDistributed().startConnect(props);
        running.add(() -> { connect.stop(); connect.awaitStop(); });
        restUrl = connect.rest().serverUrl().toString().replaceAll("/$", "");
        awaitRest();
        say("Connect:   " + restUrl + " (distributed, plugin.path=" + String.join(",", pluginPath) + ")");

        // 5. POST the connectors.
        post("/connectors", sourceJson);
        say("POSTed     connector-config/sls-source.json as '" + sourceName + "'");
        if (splunkLeg) {
            postSplunkSink();
        } else {
            say("Splunk:    no sink jar, showing the Kafka leg only. To add it, put Splunk Connect for Kafka's jar in "
                + repo.resolve("plugins") + " or set SPLUNK_SINK_JAR=/path/to/splunk-kafka-connect-v2.2.x.jar");
        }

        // 6. Writer and progress.
        long target = check ? s.getInt("logs", 20_000) : Long.MAX_VALUE;
        if (sls != null) startWriter(target);
        return progress(target);
    }

    /**
     * Splunk's sink: {@code splunk.sink.jar} / {@code SPLUNK_SINK_JAR}, else the jar every developer machine and CI
     * have next to the repository ({@value #SHARED_SINK_JAR}), else null (then a {@code plugins/} folder at the
     * repository root, if any, is used).
     */
    private String sinkJar() {
        String given = s.get("splunk.sink.jar");
        if (given != null) return given;
        Path shared = repo.resolve(SHARED_SINK_JAR).normalize();
        return Files.isRegularFile(shared) ? shared.toString() : null;
    }

    static final String SHARED_SINK_JAR = "../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar";

    private void startSls(String secret) {
        sls = org.slsconnect.emulator.sls.SlsEmulator.builder().port(0).accessKey(ACCESS_KEY_ID, secret).build().start();
        running.add(sls);
        sls.createProject(project);
        for (String ls : logstores) sls.createLogstore(project, ls, 2);
        say("SLS:       emulator " + sls.host() + ":" + sls.port() + " (endpoint " + sls.endpoint() + "), project "
            + project + ", logstores " + logstores + " with 2 shards each");
    }

    private void startKafka() throws Exception {
        var nodes = new org.apache.kafka.common.test.TestKitNodes.Builder()
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
            .setBaseDirectory(Files.createDirectories(data.resolve("kafka"))).build();
        kafka = new org.apache.kafka.common.test.KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("auto.create.topics.enable", "false")   // as in production: Connect creates the topics
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
        running.add(kafka);
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    private void postSplunkSink() throws Exception {
        ObjectNode sink = (ObjectNode) JSON.readTree(repo.resolve("connector-config/splunk-sink.json").toFile());
        ObjectNode c = (ObjectNode) sink.get("config");
        Properties secrets = new Properties();
        String uri = s.get("splunk.hec.uri");
        if (uri == null) {
            // HEC over https with a certificate of a private CA, validated through the shipped trust store keys.
            var ca = org.slsconnect.emulator.hec.PrivateCa.create(data.resolve("secrets/ca"), "quickstart-ca", "127.0.0.1", "localhost");
            Files.copy(ca.trustStore(), data.resolve("secrets/splunk-truststore.jks"));
            secrets.setProperty("truststore.password", ca.password());
            String token = UUID.randomUUID().toString();
            hec = org.slsconnect.emulator.hec.HecEmulator.builder().port(0).token(token, true).tls(ca.serverContext())
                .storeConfigChecks(false).maxStoredEvents(check ? Integer.MAX_VALUE : 100_000).build().start();
            running.add(hec);
            uri = hec.url().replaceAll("/$", "");
            secrets.setProperty("hec.token", token);
            // Faster than the shipped values, for a demo that shows events within seconds.
            c.put("splunk.flush.window", "1");
            c.put("splunk.hec.backoff.threshhold.seconds", "1");
            say("HEC:       emulator " + uri + " (TLS, certificate of a private CA, trust store " + data.resolve("secrets/splunk-truststore.jks") + ")");
        } else {
            secrets.setProperty("hec.token", require("splunk.hec.token"));
            c.put("splunk.hec.ssl.validate.certs", s.get("splunk.hec.ssl.validate.certs", "true"));
            say("HEC:       " + uri);
            if (uri.startsWith("http:") || s.get("splunk.hec.ssl.trust.store.path") == null) {
                List.of("splunk.hec.ssl.trust.store.path", "splunk.hec.ssl.trust.store.type", "splunk.hec.ssl.trust.store.password")
                    .forEach(c::remove);
            } else {
                c.put("splunk.hec.ssl.trust.store.path", s.get("splunk.hec.ssl.trust.store.path"));
                secrets.setProperty("truststore.password", require("splunk.hec.ssl.trust.store.password"));
            }
        }
        c.put("splunk.hec.uri", uri);
        c.put("topics.regex", "sls\\." + java.util.regex.Pattern.quote(project).replace("\\Q", "").replace("\\E", "")
            .replace(".", "\\.") + "\\..+");
        writeProperties(data.resolve("secrets/splunk.properties"), secrets);
        post("/connectors", JSON.writeValueAsString(sink)
            .replace("/etc/kafka-connect/secrets/", data.resolve("secrets").toString().replace('\\', '/') + "/"));
        say("POSTed     connector-config/splunk-sink.json as '" + sink.get("name").asText() + "'");
    }

    /** Writes sample logs round-robin over every shard: all {@code target} logs quickly in check mode, else --rate/s. */
    private void startWriter(long target) {
        int rate = check ? 5_000 : s.getInt("rate", 200);
        int perGroup = 50;
        Thread t = new Thread(() -> {
            SampleLogs samples = new SampleLogs();
            try {
                if (!check) target(samples, 2_000, perGroup);   // a backlog to read first
                while (!stopping && written.get() < target) {
                    long start = System.currentTimeMillis();
                    long batch = Math.min(rate, target - written.get());
                    target(samples, batch, perGroup);
                    Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - start)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sample-log-writer");
        t.setDaemon(true);
        t.start();
    }

    private int next;

    private void target(SampleLogs samples, long logs, int perGroup) {
        while (logs > 0 && !stopping) {
            int n = (int) Math.min(perGroup, logs);
            String ls = logstores.get((next / 2) % logstores.size());
            int shard = next % 2;
            next++;
            sls.appendLogGroup(project, ls, shard, samples.group(ls, shard, n));
            written.addAndGet(n);
            logs -= n;
        }
    }

    private int progress(long target) throws Exception {
        long intervalMs = s.getInt("interval", 5) * 1000L;
        long deadline = System.currentTimeMillis() + s.getInt("timeout", 300) * 1000L;
        long start = System.currentTimeMillis();
        System.out.printf("%n%7s %12s %12s %12s  %s%n", "time", "SLS written", "in Kafka", "at HEC",
            "per-shard lag: logstore/shard=groups behind (ms behind, from JMX)");
        while (true) {
            Thread.sleep(check ? 1000 : intervalMs);
            long inKafka = kafkaRecords();
            long atHec = hec == null ? -1 : hec.eventCount();
            String failed = failedState();
            System.out.printf("%6ds %12s %12d %12s  %s%n", (System.currentTimeMillis() - start) / 1000,
                sls == null ? "-" : Long.toString(written.get()), inKafka, atHec < 0 ? "-" : Long.toString(atHec), lag());
            if (!check) continue;
            boolean kafkaDone = written.get() >= target && inKafka >= target;
            boolean hecDone = hec == null || atHec >= target;
            if (kafkaDone && hecDone) {
                System.out.println("CHECK PASSED: " + target + " logs written to SLS, " + inKafka + " records in Kafka"
                    + (hec == null ? (splunkLeg ? " (real Splunk: not counted)" : " (no Splunk sink: Kafka leg only)")
                                   : ", " + atHec + " events at HEC"));
                return 0;
            }
            if (failed != null || System.currentTimeMillis() > deadline) {
                System.out.println("CHECK FAILED: " + (failed != null ? failed : "timed out after " + s.getInt("timeout", 300) + " s")
                    + ": " + written.get() + " written, " + inKafka + " in Kafka" + (hec == null ? "" : ", " + atHec + " at HEC")
                    + " (expected " + target + "); logs in " + data.resolve("logs"));
                return 1;
            }
        }
    }

    private long kafkaRecords() {
        try (var admin = kafka.admin()) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("sls."))
                .collect(Collectors.toSet());
            if (topics.isEmpty()) return 0;
            var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new org.apache.kafka.common.TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** A connector or task in FAILED state, with the first line of its trace; null if none. */
    private String failedState() {
        try {
            JsonNode all = JSON.readTree(get("/connectors?expand=status"));
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) all::fields) {
                JsonNode st = e.getValue().path("status");
                List<JsonNode> states = new ArrayList<>(List.of(st.path("connector")));
                st.path("tasks").forEach(states::add);
                for (JsonNode n : states) {
                    if ("FAILED".equals(n.path("state").asText())) {
                        return e.getKey() + " FAILED: " + n.path("trace").asText().split("\n")[0];
                    }
                }
            }
        } catch (Exception ignored) {
            // not up yet
        }
        return null;
    }

    /** Per shard: groups behind (emulator end vs the committed Connect offset) and sls-lag-ms from JMX. */
    private String lag() {
        Map<String, String> jmx = new HashMap<>();
        try {
            MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName n : mbs.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + sourceName + ",*"), null)) {
                if (n.getKeyProperty("shard") == null) continue;
                jmx.put(n.getKeyProperty("logstore") + "/" + n.getKeyProperty("shard"), String.valueOf(mbs.getAttribute(n, "sls-lag-ms")));
            }
        } catch (Exception ignored) {
            // metrics not registered yet
        }
        Map<String, String> groups = new HashMap<>();
        if (sls != null) {
            try {
                for (JsonNode o : JSON.readTree(get("/connectors/" + sourceName + "/offsets")).path("offsets")) {
                    String ls = o.path("partition").path("logstore").asText();
                    int shard = o.path("partition").path("shard").asInt();
                    String cursor = o.path("offset").path("cursor").asText();
                    long seq = sls.sequenceOf(project, ls, shard, cursor);
                    long skip = o.path("offset").path("skip").asLong();
                    if (seq < sls.endSequence(project, ls, shard)
                        && skip >= org.slsconnect.emulator.sls.LogGroupDecoder.decode(sls.logGroup(project, ls, shard, seq)).logs().size()) {
                        seq++;
                    }
                    groups.put(ls + "/" + shard, Long.toString(sls.endSequence(project, ls, shard) - seq));
                }
            } catch (Exception ignored) {
                // no offsets committed yet
            }
        }
        Set<String> keys = new java.util.TreeSet<>(jmx.keySet());
        keys.addAll(groups.keySet());
        if (keys.isEmpty()) return "(no offsets committed yet)";
        return keys.stream().map(k -> k + "=" + groups.getOrDefault(k, "?") + " (" + jmx.getOrDefault(k, "?") + " ms)")
            .collect(Collectors.joining("  "));
    }

    private void shutdown() {
        synchronized (running) {
            if (stopping) return;
            stopping = true;
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            running.clear();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void awaitRest() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                get("/connectors");
                return;
            } catch (IOException e) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Connect REST API at " + restUrl + " did not come up within 120 s");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(restUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) return;
            // 409 while the worker is still joining its group / rebalancing: retry for a while.
            if ((r.statusCode() != 409 && r.statusCode() != 500) || attempt >= 60) {
                throw new IllegalStateException("POST " + path + " failed: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(1000);
        }
    }

    private String require(String key) {
        String v = s.get(key);
        if (v == null) throw new IllegalStateException(key + " (env " + key.toUpperCase().replace('.', '_') + ") is required");
        return v;
    }

    private Path pluginZip() throws IOException {
        Path target = repo.resolve("connector-source/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("slsconnect-kafka-connect-sls-source-.*\\.zip"))
                .max(Comparator.comparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("no plugin archive in " + target
                    + ": build it with mvn -B -q package -DskipTests"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no " + target + ": build with mvn -B -q package -DskipTests");
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) throw new IOException("bad entry " + e.getName() + " in " + zip);
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void writeProperties(Path file, Properties p) throws IOException {
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, "generated by the quickstart");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
    }

    /** The repository root: the first directory up from the working directory, then from the jar, with connector-config/. */
    private static Path findRepo() throws Exception {
        List<Path> starts = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        var src = Quickstart.class.getProtectionDomain().getCodeSource();
        if (src != null) starts.add(Path.of(src.getLocation().toURI()).toAbsolutePath());
        for (Path p : starts) {
            for (; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("connector-config/sls-source.json"))) return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (connector-config/sls-source.json); use --repo DIR");
    }

    private static void say(String line) {
        System.out.println(line);
    }

    @SuppressWarnings("unused")
    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
