package org.slsconnect.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.SlsEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The packaged plugin on a real KRaft broker and a real distributed worker of each supported Kafka release, each in
 * its own JVM, one release after the other, all reading one SLS emulator. Per release: the shipped
 * {@code connector-config/sls-source.json} is POSTed (endpoint and keys pointed at the emulator) with exactly-once
 * required; every log written arrives once (read_committed); the task metrics are read over JMX under the same names
 * on every release; a SIGKILLed and restarted worker adds no duplicate (an at-least-once worker would send the first
 * round again: offsets are flushed only every 60 s); from 3.6, stop + GET/DELETE/PATCH {@code /offsets} + resume
 * works and the restored offsets add no duplicate; before 3.6, the documented manual reset (the connector created again
 * under a new name) reads everything again. A line per run goes to {@code target/compat-matrix.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompatibilityMatrixIT {

    private static final String KEY_ID = "LTAI-compat-key";
    private static final String KEY_SECRET = "compat-secret-never-logged-91c2";
    private static final String PROJECT = "compat-project";
    private static final String CONNECTOR = "sls-source";
    private static final int SHARDS = 2;
    private static final int LOGS_PER_ROUND = 20;   // per shard
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Path PLUGIN_PATH = Path.of(System.getProperty("compat.plugin.path", "../connector-source/target/plugin"));
    private static final Path CONFIG = Path.of(System.getProperty("compat.connector.config", "../connector-config/sls-source.json"));
    private static final Path REPORT = Path.of("target", "compat-matrix.txt");

    private SlsEmulator sls;

    static Stream<Arguments> releases() {
        KafkaRelease newest = new KafkaRelease("4.4", "newest 4.x");
        // -Dcompat.lines=3.3,4.4 runs only those release lines (all by default).
        List<String> only = List.of(System.getProperty("compat.lines", "").split(","));
        return Stream.of(
            Arguments.of(new KafkaRelease("3.3", "oldest supported"), JAVA_HOME),
            Arguments.of(new KafkaRelease("3.6", "first with the offsets API"), JAVA_HOME),
            Arguments.of(new KafkaRelease("3.7", "MSK Connect"), JAVA_HOME),
            Arguments.of(new KafkaRelease("3.9", "Confluent Platform 7.9"), JAVA_HOME),
            Arguments.of(new KafkaRelease("4.0", ""), JAVA_HOME),
            Arguments.of(new KafkaRelease("4.1", "first with plugin metrics"), JAVA_HOME),
            Arguments.of(newest, JAVA_HOME),
            Arguments.of(newest, JAVA_25))
            .filter(a -> only.equals(List.of("")) || only.contains(((KafkaRelease) a.get()[0]).line()));
    }

    @BeforeAll
    void startSls() throws Exception {
        sls = SlsEmulator.builder().port(0).accessKey(KEY_ID, KEY_SECRET).build().start();
        sls.createProject(PROJECT);
        Files.createDirectories(REPORT.getParent());
        if (!Files.isDirectory(PLUGIN_PATH)) {
            throw new IllegalStateException("No plugin directory at " + PLUGIN_PATH.toAbsolutePath() + ": package connector-source first (-am)");
        }
    }

    @AfterAll
    void stopSls() {
        if (sls != null) sls.close();
    }

    @ParameterizedTest(name = "{0} on Java at {1}")
    @MethodSource("releases")
    void pluginWorksOnThisRelease(KafkaRelease release, Path javaHome) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(javaHome.resolve("bin/java")),
            "no JDK at " + javaHome + ": the run of the newest Kafka on Java 25 is skipped (CI has it)");
        String java = javaHome.equals(JAVA_HOME) ? System.getProperty("java.specification.version") : javaHome.getFileName().toString();
        String logstore = "compat_" + release.line().replace('.', '_') + (javaHome.equals(JAVA_HOME) ? "" : "_java25");
        Path dir = JvmProcess.freshDir(Path.of("target", "compat", release.version() + "-" + logstore));
        long t0 = System.nanoTime();
        String result = "FAILED";
        List<String> checks = new ArrayList<>();
        try {
            run(release, javaHome, logstore, dir, checks);
            result = "passed";
        } finally {
            String line = String.format("%-6s java %-30s %-7s %5.1f s  %s  (logs: %s)%n", release.version(), java, result,
                (System.nanoTime() - t0) / 1e9, String.join(", ", checks), dir);
            System.out.print(line);
            Files.writeString(REPORT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void run(KafkaRelease release, Path javaHome, String logstore, Path dir, List<String> checks) throws Exception {
        sls.createLogstore(PROJECT, logstore, SHARDS);
        String topic = "sls." + PROJECT + "." + logstore;
        List<String> written = new ArrayList<>();
        long t0 = System.nanoTime();
        Consumer<String> phase = what -> System.out.printf("%s %s: %s done at %.1f s%n", release, javaHome.getFileName(), what,
            (System.nanoTime() - t0) / 1e9);
        try (Broker broker = Broker.start(release, javaHome, dir);
             Worker worker = new Worker(release, javaHome, dir, broker.bootstrapServers, PLUGIN_PATH).start()) {
            phase.accept("broker and worker start");
            worker.send("POST", "/connectors", shippedConfig(logstore));
            worker.awaitState(CONNECTOR, "RUNNING", 2);
            written.addAll(write(logstore, "r1"));
            assertDeliveredOnce(broker, topic, written, "first round");
            checks.add("delivery");
            phase.accept("delivery");

            String shardBeans = "kafka.connect:type=plugins,connector=" + CONNECTOR + ",task=*,logstore=" + logstore + ",shard=*";
            JvmProcess.await(() -> worker.sumOfAttribute(shardBeans, "sls-records-total") == written.size(),
                Duration.ofSeconds(30), "JMX " + shardBeans + " sls-records-total = " + written.size());
            boolean ownBeans = worker.log().contains("has no plugin metrics (KIP-877");
            assertEquals(!release.hasPluginMetrics(), ownBeans,
                "metrics through KIP-877 plugin metrics exactly where the worker has them: see " + worker.logFile());
            checks.add(ownBeans ? "JMX metrics (own beans)" : "JMX metrics (KIP-877)");
            phase.accept("metrics");

            worker.kill();
            worker.start();
            worker.awaitState(CONNECTOR, "RUNNING", 2);
            written.addAll(write(logstore, "r2"));
            assertDeliveredOnce(broker, topic, written, "after the worker was SIGKILLed and restarted, exactly-once");
            checks.add("exactly-once across SIGKILL + restart");
            phase.accept("restart");

            if (release.hasOffsetsApi()) {
                offsetsApi(worker);
                written.addAll(write(logstore, "r3"));
                assertDeliveredOnce(broker, topic, written, "after DELETE and PATCH of /offsets and resume");
                checks.add("stop + GET/DELETE/PATCH /offsets");
                phase.accept("offsets API");
            } else {
                manualReset(worker, logstore);
                Map<String, Integer> counts = awaitCounts(broker, topic, c -> written.stream().allMatch(id -> c.getOrDefault(id, 0) >= 2),
                    "every log a second time after the manual reset");
                assertTrue(written.stream().allMatch(id -> counts.get(id) == 2), "each log exactly twice: " + counts);
                checks.add("manual offsets reset (new connector name)");
                phase.accept("manual reset");
            }
            assertFalse(worker.log().contains(KEY_SECRET), "the access key secret is in the worker log " + worker.logFile());
        } finally {
            sls.deleteLogstore(PROJECT, logstore);
        }
    }

    /** KIP-875: stop, read the offsets, delete them, put them back with PATCH, resume. */
    private void offsetsApi(Worker worker) {
        worker.send("PUT", "/connectors/" + CONNECTOR + "/stop", null);
        worker.awaitState(CONNECTOR, "STOPPED", 0);
        JsonNode before = worker.getJson("/connectors/" + CONNECTOR + "/offsets");
        assertEquals(SHARDS, before.path("offsets").size(), "one offset per shard: " + before);
        worker.send("DELETE", "/connectors/" + CONNECTOR + "/offsets", null);
        assertEquals(0, worker.getJson("/connectors/" + CONNECTOR + "/offsets").path("offsets").size(), "offsets after DELETE");
        worker.send("PATCH", "/connectors/" + CONNECTOR + "/offsets", before);
        JsonNode after = worker.getJson("/connectors/" + CONNECTOR + "/offsets");
        assertEquals(offsetSet(before), offsetSet(after), "offsets after PATCH");
        worker.send("PUT", "/connectors/" + CONNECTOR + "/resume", null);
        worker.awaitState(CONNECTOR, "RUNNING", 2);
    }

    /**
     * docs/compatibility.md's reset for workers without the offsets API: delete the connector and create it again
     * under a new name (offsets are keyed by name), keeping the mirrored SLS consumer group.
     */
    private void manualReset(Worker worker, String logstore) throws Exception {
        worker.send("DELETE", "/connectors/" + CONNECTOR, null);
        JvmProcess.await(() -> !String.valueOf(worker.get("/connectors")).contains("\"" + CONNECTOR + "\""),
            Duration.ofSeconds(30), CONNECTOR + " deleted");
        ObjectNode renamed = shippedConfig(logstore);
        renamed.put("name", CONNECTOR + "-2");
        ((ObjectNode) renamed.path("config")).put("sls.consumer.group", "kafka-connect-" + CONNECTOR);
        worker.send("POST", "/connectors", renamed);
        worker.awaitState(CONNECTOR + "-2", "RUNNING", 2);
    }

    private static Set<JsonNode> offsetSet(JsonNode offsets) {
        Set<JsonNode> set = new HashSet<>();
        offsets.path("offsets").forEach(set::add);
        return set;
    }

    /** The shipped example config, with the endpoint, keys and logstore of this run, and exactly-once required. */
    private ObjectNode shippedConfig(String logstore) throws Exception {
        ObjectNode body = (ObjectNode) Worker.JSON.readTree(CONFIG.toFile());
        body.put("name", CONNECTOR);
        ObjectNode c = (ObjectNode) body.path("config");
        c.put("sls.endpoint", sls.endpoint());
        c.put("sls.proxy.host", sls.host());
        c.put("sls.proxy.port", Integer.toString(sls.port()));
        c.put("sls.access.key.id", KEY_ID);
        c.put("sls.access.key.secret", KEY_SECRET);
        c.put("sls.project", PROJECT);
        c.put("sls.logstores", logstore);
        c.put("exactly.once.support", "required");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "2");
        c.put("fetch.idle.backoff.ms", "100");
        return body;
    }

    /** One log group of {@link #LOGS_PER_ROUND} logs per shard; returns the ids. */
    private List<String> write(String logstore, String round) {
        List<String> ids = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (int shard = 0; shard < SHARDS; shard++) {
            LogGroupBuilder group = new LogGroupBuilder().topic("compat").source("10.0.0." + shard);
            for (int i = 0; i < LOGS_PER_ROUND; i++) {
                String id = logstore + "-" + round + "-" + shard + "-" + i;
                group.log(now, null, "id", id, "msg", "compat " + id);
                ids.add(id);
            }
            sls.appendLogGroup(PROJECT, logstore, shard, group.build());
        }
        return ids;
    }

    /** Reads the topic until every id written is there, then asserts that none came twice. */
    private static void assertDeliveredOnce(Broker broker, String topic, List<String> written, String when) {
        Map<String, Integer> seen = awaitCounts(broker, topic, c -> c.keySet().containsAll(written),
            "all " + written.size() + " logs in " + topic + " (" + when + ")");
        List<String> duplicates = new ArrayList<>();
        seen.forEach((id, n) -> { if (n > 1) duplicates.add(id + " x" + n); });
        assertEquals(List.of(), duplicates, "duplicates " + when);
        assertEquals(written.size(), seen.size(), "ids in the topic that were never written " + when);
    }

    /**
     * Reads the topic from the beginning (read_committed) until {@code done} holds for the count of each id and a
     * poll comes back empty (so duplicates are seen too); returns those counts.
     */
    private static Map<String, Integer> awaitCounts(Broker broker, String topic, Predicate<Map<String, Integer>> done, String what) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            JvmProcess.await(() -> !consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty(), Duration.ofSeconds(60), "topic " + topic);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            JvmProcess.await(() -> {
                boolean empty = true;
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    empty = false;
                    seen.merge(id(r.value()), 1, Integer::sum);
                }
                return empty && done.test(seen);
            }, Duration.ofSeconds(90), what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; read " + seen.size() + " distinct ids", e);
        }
        return seen;
    }

    /** The log id in a {@code hec_event} record value ({@code event.id}), or a plain record's top-level {@code id}. */
    private static String id(String value) {
        try {
            JsonNode v = Worker.JSON.readTree(value);
            return v.has("id") ? v.path("id").asText() : v.path("event").path("id").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON record value: " + value, e);
        }
    }
}
