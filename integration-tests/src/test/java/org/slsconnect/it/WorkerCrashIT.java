package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Connect workers as separate JVMs (the packaged plugin on {@code plugin.path}), killed with SIGKILL mid-stream while
 * logs keep arriving in SLS: nothing is lost, duplicates stay within the offset-flush windows (none with exactly-once),
 * and a surviving worker takes over a dead one's tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private SlsEmulator sls;
    private EmbeddedKafkaCluster kafka;
    private Admin admin;
    private Path dir;

    @BeforeAll
    void start() throws Exception {
        sls = SlsEmulator.builder().port(0).accessKey(ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET)
            .build().start();
        sls.createProject(ConnectHarness.PROJECT);
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        // A killed worker's open transaction is aborted when it times out; check for that every second.
        broker.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        kafka = new EmbeddedKafkaCluster(1, broker);
        kafka.start();
        admin = kafka.createAdminClient();
        dir = Files.createDirectories(Path.of("target", "crash-workers"));
    }

    @AfterAll
    void stop() {
        if (admin != null) admin.close();
        if (kafka != null) kafka.stop();
        if (sls != null) sls.close();
    }

    @Test
    void sigkilledWorkerRestartedThreeTimesLosesNothing() throws Exception {
        Delivery d = killAndRestart("crash_alo", Map.of(), false, 3);
        assertTrue(d.duplicates() < d.written() / 2, "duplicates are bounded by the offset flush windows: " + d.summary());
    }

    @Test
    void withExactlyOnceASigkilledWorkerRestartedTwiceLeavesNoDuplicates() throws Exception {
        // The restarted worker reads the offsets topic read_committed, so it waits until the killed worker's open
        // transaction is aborted at its timeout (Connect's producers: 60 s by default; 10 s here).
        Delivery d = killAndRestart("crash_eos", Map.of("exactly.once.source.support", "enabled",
            "producer.transaction.timeout.ms", "10000"), true, 2);
        assertEquals(0, d.duplicates(), d.summary());
    }

    /** One worker JVM, SIGKILLed {@code kills} times mid-stream and started again each time. */
    private Delivery killAndRestart(String ls, Map<String, String> workerProps, boolean exactlyOnce, int kills)
            throws Exception {
        long t0 = System.nanoTime();
        sls.createLogstore(ConnectHarness.PROJECT, ls, 4);
        String topic = ConnectHarness.topic(ls);
        List<String> written;
        try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, ls, 1, 20, 100);
             ConnectWorkerProcess worker = new ConnectWorkerProcess(ls + "-w", kafka.bootstrapServers(), ls, workerProps, dir)) {
            worker.start();
            Map<String, String> config = ConnectHarness.sourceConfig(sls, ls, ls, 2);
            if (exactlyOnce) config.put("exactly.once.support", "required");
            worker.putConnector(ls, config);
            for (int kill = 1; kill <= kills; kill++) {
                awaitRunning(worker, ls, 2);
                // Kill once the worker has committed offsets of its own for every shard, so the restart resumes
                // from them rather than from the beginning.
                awaitOffsetsCommitted(worker, ls, 4);
                KafkaTopics.awaitGrowth(admin, topic, 500, WAIT);
                worker.kill();
                long before = KafkaTopics.endOffsets(admin, topic);
                worker.start();
                System.out.printf("%s: kill #%d at %d records in the topic%n", ls, kill, before);
            }
            awaitRunning(worker, ls, 2);
            KafkaTopics.awaitGrowth(admin, topic, 500, WAIT);
            written = writer.stop();
            List<Rec> read = KafkaTopics.readUntil(kafka, List.of(topic), written.size(), WAIT, exactlyOnce);
            assertNoSecret(worker);
            Delivery d = Delivery.of("worker JVM SIGKILLed x" + kills + (exactlyOnce ? ", exactly-once" : ""), written, read)
                .report((System.nanoTime() - t0) / 1e9);
            assertEquals(0, d.missing().size(), d.summary());
            return d;
        }
    }

    @Test
    void whenOneOfTwoWorkersDiesItsTasksMoveToTheOther() throws Exception {
        long t0 = System.nanoTime();
        String ls = "crash_failover";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 4);
        String topic = ConnectHarness.topic(ls);
        try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, ls, 1, 20, 100);
             ConnectWorkerProcess a = new ConnectWorkerProcess(ls + "-a", kafka.bootstrapServers(), ls, Map.of(), dir);
             ConnectWorkerProcess b = new ConnectWorkerProcess(ls + "-b", kafka.bootstrapServers(), ls, Map.of(), dir)) {
            a.start();
            b.start();
            a.putConnector(ls, ConnectHarness.sourceConfig(sls, ls, ls, 4));
            ConnectHarness.await(() -> {
                Map<Integer, String> running = a.runningTasks(ls);
                return running.size() == 4 && running.containsValue(b.workerId()) && running.containsValue(a.workerId());
            }, WAIT, "4 tasks running, spread over both workers");
            awaitOffsetsCommitted(a, ls, 4);
            KafkaTopics.awaitGrowth(admin, topic, 500, WAIT);
            b.kill();
            // After the group notices (session timeout) and the lost tasks' grace period
            // (scheduled.rebalance.max.delay.ms), every task runs on the surviving worker.
            long killedAt = System.nanoTime();
            ConnectHarness.await(() -> {
                Map<Integer, String> running = a.runningTasks(ls);
                return running.size() == 4 && running.values().stream().allMatch(a.workerId()::equals);
            }, WAIT, "all 4 tasks running on the surviving worker " + a.workerId());
            System.out.printf("failover: tasks moved %.1f s after the kill%n", (System.nanoTime() - killedAt) / 1e9);
            KafkaTopics.awaitGrowth(admin, topic, 500, WAIT);
            List<String> written = writer.stop();
            List<Rec> read = KafkaTopics.readUntil(kafka, List.of(topic), written.size(), WAIT, false);
            assertNoSecret(a);
            assertNoSecret(b);
            Delivery d = Delivery.of("2 workers, one SIGKILLed, tasks move", written, read)
                .report((System.nanoTime() - t0) / 1e9);
            assertEquals(0, d.missing().size(), d.summary());
            assertTrue(d.duplicates() < d.written() / 2, d.summary());
        }
    }

    private void awaitRunning(ConnectWorkerProcess worker, String connector, int tasks) {
        ConnectHarness.await(() -> worker.runningTasks(connector).size() == tasks, WAIT,
            tasks + " tasks of " + connector + " RUNNING on " + worker.name);
    }

    /** Waits until the connector's committed offsets cover {@code shards} shards and differ from what they were. */
    private void awaitOffsetsCommitted(ConnectWorkerProcess worker, String connector, int shards) {
        String before = worker.offsets(connector);
        ConnectHarness.await(() -> {
            String now = worker.offsets(connector);
            return now != null && !now.equals(before) && now.split("\"cursor\"", -1).length - 1 == shards;
        }, WAIT, connector + " to commit offsets for " + shards + " shards");
    }

    private static void assertNoSecret(ConnectWorkerProcess worker) throws Exception {
        String log = Files.readString(worker.logFile());
        assertFalse(log.isEmpty(), "the worker wrote no log at all: " + worker.logFile());
        assertFalse(log.contains(ConnectHarness.ACCESS_KEY_SECRET), "the access key secret is in " + worker.logFile());
    }
}
