package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.Test;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Rescaling, pause/resume and restarts while logs are written continuously into a 6-shard logstore. Every id is
 * counted: none may be missing; duplicates are reported (at-least-once), and must be 0 with exactly-once.
 * Each step waits on a condition (task states, the topic growing), never on a fixed sleep.
 */
class RebalanceUnderLoadIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SHARDS = 6;
    /** Records the topic must gain after each step: proof that the new task set delivers. */
    private static final int GROWTH = 1000;

    @Test
    void rescalingPauseResumeAndRestartsUnderLoadLoseNothing() throws Exception {
        long started = System.nanoTime();
        try (ConnectHarness h = new ConnectHarness(Map.of(), Map.of(), 1);
             Admin admin = h.connect.kafka().createAdminClient()) {
            String ls = "rebal_ls";
            String name = "rebal";
            String topic = ConnectHarness.topic(ls);
            h.sls.createLogstore(ConnectHarness.PROJECT, ls, SHARDS);
            List<String> written;
            try (ContinuousWriter writer = new ContinuousWriter(h.sls, ConnectHarness.PROJECT, ls, 1, 10, 50)) {
                h.connect.configureConnector(name, h.sourceConfig(name, ls, 1));
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "1 task not running");
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);

                for (int tasks : new int[] {3, 6, 2}) {
                    h.connect.patchConnectorConfig(name, Map.of("tasks.max", Integer.toString(tasks)));
                    h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks,
                        "did not rescale to " + tasks + " tasks");
                    assertShardsSpread(h, name, tasks);
                    KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                }

                // Pause: once the records in flight are written, the topic stops growing although SLS keeps filling.
                h.connect.pauseConnector(name);
                h.connect.assertions().assertConnectorAndExactlyNumTasksArePaused(name, 2, "did not pause");
                long paused = awaitStable(admin, topic, Duration.ofSeconds(30));
                int writtenAtPause = writer.count();
                ConnectHarness.await(() -> writer.count() >= writtenAtPause + 2 * GROWTH, WAIT,
                    "the writer to add " + 2 * GROWTH + " logs while paused");
                assertEquals(paused, KafkaTopics.endOffsets(admin, topic),
                    "a paused connector wrote to Kafka while " + (writer.count() - writtenAtPause) + " logs were added");

                // Resume: it catches up with everything written so far, including the backlog of the pause.
                h.connect.resumeConnector(name);
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "did not resume");
                KafkaTopics.awaitEndOffsets(admin, topic, writer.count(), WAIT, "catch-up after resume");

                h.connect.restartConnectorAndTasks(name, false, true, false);
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "not running after restart");
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);

                h.connect.restartTask(name, 0);
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "not running after task restart");
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                written = writer.stop();
            }
            List<Rec> read = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
            Delivery d = Delivery.of("rebalance under load: tasks.max 1-3-6-2, pause/resume, restart all, restart task",
                written, read).report(seconds(started));
            assertEquals(Set.of(), d.missing(), d.summary());
            h.connect.deleteConnector(name);
        }
    }

    @Test
    void exactlyOnceRescalingUnderLoadGivesZeroDuplicates() throws Exception {
        long started = System.nanoTime();
        try (ConnectHarness h = new ConnectHarness(
                 Map.of("exactly.once.source.support", "enabled"),
                 Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"), 1);
             Admin admin = h.connect.kafka().createAdminClient()) {
            String ls = "rebal_eos";
            String name = "rebal-eos";
            String topic = ConnectHarness.topic(ls);
            h.sls.createLogstore(ConnectHarness.PROJECT, ls, SHARDS);
            List<String> written;
            try (ContinuousWriter writer = new ContinuousWriter(h.sls, ConnectHarness.PROJECT, ls, 1, 10, 50)) {
                Map<String, String> cfg = h.sourceConfig(name, ls, 1);
                cfg.put("exactly.once.support", "required");
                cfg.put("transaction.boundary", "poll");
                h.connect.configureConnector(name, cfg);
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "1 task not running");
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                for (int tasks : new int[] {3, 6, 2}) {
                    h.connect.patchConnectorConfig(name, Map.of("tasks.max", Integer.toString(tasks)));
                    h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks,
                        "did not rescale to " + tasks + " tasks");
                    KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                }
                written = writer.stop();
            }
            List<Rec> read = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, true);
            Delivery d = Delivery.of("rebalance under load, exactly-once: tasks.max 1-3-6-2", written, read)
                .report(seconds(started));
            assertEquals(Set.of(), d.missing(), d.summary());
            assertEquals(0, d.duplicates(), "read_committed sees every log exactly once: " + d.summary());
            h.connect.deleteConnector(name);
        }
    }

    /**
     * Waits until the topic's record count stayed the same over two reads a second apart, and returns it. Bounded:
     * a paused connector that keeps writing fails here.
     */
    private static long awaitStable(Admin admin, String topic, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long last = KafkaTopics.endOffsets(admin, topic);
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            long now = KafkaTopics.endOffsets(admin, topic);
            if (now == last) return now;
            last = now;
        }
        throw new AssertionError("the topic kept growing for " + timeout + " after the pause: " + last + " records");
    }

    /** Every shard is in exactly one task, and the shards are spread evenly over the tasks. */
    private static void assertShardsSpread(ConnectHarness h, String name, int tasks) {
        Set<String> assigned = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        List<org.apache.kafka.connect.runtime.rest.entities.TaskInfo> configs = new ArrayList<>();
        ConnectHarness.await(() -> {
            try {
                configs.addAll(h.connect.taskConfigs(name));
                return true;
            } catch (ConnectRestException e) {
                return false;   // 500 "a rebalance is expected": ask again
            }
        }, WAIT, "the task configs of " + name);
        for (var task : configs) {
            String[] shards = task.config().get("task.shards").split(",");
            sizes.add(shards.length);
            for (String s : shards) assertTrue(assigned.add(s), "assigned twice: " + s);
        }
        assertEquals(SHARDS, assigned.size(), "every shard assigned: " + assigned);
        assertEquals(tasks, sizes.size(), "task configs: " + sizes);
        int min = sizes.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max - min <= 1, "shards per task are even: " + sizes);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
