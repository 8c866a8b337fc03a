package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slsconnect.it.KafkaTopics.Rec;

/** Splits, merges, SLS faults and expired data while the connector runs. */
class ShardChangesAndFaultsIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(90);



    @Test
    void splitAndMergeDuringConsumptionDeliverEveryLogOfParentsAndChildren() throws Exception {
        String ls = "split_ls";
        String topic = ConnectHarness.topic(ls);
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> all;
        int merged;
        try (Admin admin = h.connect.kafka().createAdminClient()) {
            try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, ls, 1, 20, 30)) {
                h.connect.configureConnector("split", h.sourceConfig("split", ls, 4));
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("split", 2, "not running");
                KafkaTopics.awaitGrowth(admin, topic, 500, WAIT);
                List<Integer> children = sls.splitShard(ConnectHarness.PROJECT, ls, 0);
                assertEquals(2, children.size());
                KafkaTopics.awaitGrowth(admin, topic, 1000, WAIT);   // the writer now writes to the children
                merged = sls.mergeShards(ConnectHarness.PROJECT, ls, children.get(0));
                KafkaTopics.awaitGrowth(admin, topic, 1000, WAIT);
                all = writer.stop();
            }

            List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), all.size(), WAIT, false);
            Set<String> missing = KafkaTopics.missing(all, read);
            assertEquals(Set.of(), missing, "every log of parents and children");
            // Read-only shards read to their end drop out of the assignment; only read-write shards stay.
            ConnectHarness.await(() -> {
                List<String> assigned = new ArrayList<>();
                for (var t : h.connect.taskConfigs("split")) assigned.addAll(List.of(t.config().get("task.shards").split(",")));
                return assigned.stream().noneMatch(s -> s.endsWith(":ro"))
                    && assigned.contains(ls + ":" + merged + ":rw") && assigned.contains(ls + ":1:rw");
            }, WAIT, "finished read-only shards leave the assignment");

            // A restart does not reopen finished shards: once logs written after the restart have arrived, the
            // topic holds exactly those on top of what it had, nothing delivered twice.
            long before = KafkaTopics.endOffsets(admin, topic);
            h.connect.restartConnectorAndTasks("split", false, true, false);
            h.connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("split", 1, "not running after restart");
            List<String> after = TestLogs.write(sls, ConnectHarness.PROJECT, ls, merged, 1, 20, "after-restart");
            KafkaTopics.awaitEndOffsets(admin, topic, before + after.size(), WAIT, "the logs written after the restart");
            List<Rec> again = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), all.size() + after.size(), WAIT, false);
            assertEquals(read.size() + after.size(), again.size(), "finished shards stay finished after a restart");
        }
        h.connect.deleteConnector("split");
    }

    @Test
    void injectedSlsFaultsAreRetriedWithoutLoss() throws Exception {
        String ls = "faults_ls";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 3);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < 3; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 30, 10, "f"));
        sls.faults().failNext("PullLogs", 4, 503, "ServerBusy");
        sls.faults().failNext("PullLogs", 3, 403, "ShardReadQuotaExceed");
        sls.faults().failNext("PullLogs", 3, 500, "InternalServerError");
        sls.faults().cutNext("PullLogs", 2);
        sls.faults().latency("PullLogs", Duration.ofMillis(200));
        Map<String, String> cfg = h.sourceConfig("faults", ls, 2);
        cfg.put("fetch.log.groups", "5");          // many pulls, so faults hit mid-stream
        h.connect.configureConnector("faults", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("faults", 2, "not running");
        String topic = ConnectHarness.topic(ls);
        try (Admin admin = h.connect.kafka().createAdminClient()) {
            KafkaTopics.awaitEndOffsets(admin, topic, 200, WAIT, "the first logs despite the queued faults");
            sls.faults().failureRate("PullLogs", 0.1, 500, "InternalServerError");
            KafkaTopics.awaitGrowth(admin, topic, 200, WAIT);
        }
        sls.faults().clear();
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        assertEquals(Set.of(), KafkaTopics.missing(written, read));
        assertEquals(0, KafkaTopics.duplicates(read), "retries never re-deliver");
        ConnectorStateInfo status = h.connect.connectorStatus("faults");
        status.tasks().forEach(t -> assertEquals("RUNNING", t.state(), "task recovered: " + t.trace()));
        h.connect.deleteConnector("faults");
    }

    /**
     * Each policy does what it says, and what it skips is reported exactly: the metric
     * {@code sls-expired-groups-skipped-total} and the log line both name the number of log groups jumped over.
     */
    @Test
    void expiredCursorPoliciesAreApplied() throws Exception {
        try (SlsFaultsUnderLoadIT.LogCapture logs = SlsFaultsUnderLoadIT.LogCapture.open()) {
            for (String policy : List.of("earliest", "latest", "fail")) expiredCursorPolicy(policy, logs);
        }
    }

    private void expiredCursorPolicy(String policy, SlsFaultsUnderLoadIT.LogCapture logs) throws Exception {
        String ls = "expire_" + policy;
        String name = "expire-" + policy;
        sls.createLogstore(ConnectHarness.PROJECT, ls, 1);
        List<String> first = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 10, 5, "a");
        Map<String, String> cfg = h.sourceConfig(name, ls, 1);
        cfg.put("expired.cursor.policy", policy);
        h.connect.configureConnector(name, cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "not running");
        KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), first.size(), WAIT, false);
        // The committed position is the end of the 10 groups read, so the number of groups skipped is known.
        String end = sls.cursor(ConnectHarness.PROJECT, ls, 0, 10);
        ConnectHarness.await(() -> h.connect.connectorOffsets(name).offsets().stream()
            .anyMatch(o -> end.equals(o.offset().get("cursor"))), WAIT, "offset committed at the end of the shard");
        h.connect.stopConnector(name);
        h.connect.assertions().assertConnectorIsStopped(name, "not stopped");
        assertEquals(List.of(end), h.connect.connectorOffsets(name).offsets().stream()
            .map(o -> o.offset().get("cursor")).toList(), "stopped at the end of the 10 groups read");
        List<String> second = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 10, 5, "b");
        sls.expireLogGroups(ConnectHarness.PROJECT, ls, 0, 15);   // the first 10 groups and 5 of the new ones
        List<String> kept = second.subList(25, 50);
        long resumed = System.currentTimeMillis();
        h.connect.resumeConnector(name);
        if (policy.equals("fail")) {
            h.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, "task should fail on expired cursor");
            String trace = h.connect.connectorStatus(name).tasks().get(0).trace();
            assertTrue(trace.contains("expired.cursor.policy"), trace);
            // Nothing skipped: the task stops at the expired cursor and says so once.
            var failed = logs.between(resumed, Long.MAX_VALUE, l -> l.message().contains("is no longer valid"));
            assertEquals(1, failed.size(), "one log line: " + failed);
            assertTrue(failed.get(0).message().contains("Shard " + ls + "/0: cursor " + end + " is no longer valid"),
                failed.get(0).message());
        } else if (policy.equals("earliest")) {
            List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), first.size() + kept.size(), WAIT, false);
            assertEquals(Set.of(), KafkaTopics.missing(kept, read), "continues at the oldest retained data");
            for (Rec r : read) assertFalse(second.subList(0, 25).contains(r.id()), "expired data cannot arrive");
            // Groups 10..14 expired before they were read: 5 groups (25 logs) lost, reported as such.
            assertSkippedReported(name, ls, 5, logs, resumed);
        } else {
            // From group 10 to the end (20): the 5 expired groups and the 5 retained ones. Waiting for the skip
            // also makes sure the new logs below come after the position 'latest' chose.
            assertSkippedReported(name, ls, 10, logs, resumed);
            List<String> third = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 2, 5, "c");
            List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), first.size() + third.size(), WAIT, false);
            assertEquals(Set.of(), KafkaTopics.missing(third, read), "continues at the end");
            for (Rec r : read) assertFalse(kept.contains(r.id()), "latest skips the retained backlog: " + r.id());
        }
        h.connect.deleteConnector(name);
    }

    /** The expired-cursor metrics and the policy's log line name exactly {@code groups} skipped log groups. */
    private static void assertSkippedReported(String name, String ls, long groups, SlsFaultsUnderLoadIT.LogCapture logs,
                                              long since) {
        ConnectHarness.await(() -> SlsFaultsUnderLoadIT.Jmx.sum(name, "sls-expired-cursor-total") == 1, WAIT,
            "one expired cursor in the metrics of " + name);
        assertEquals(groups, SlsFaultsUnderLoadIT.Jmx.sum(name, "sls-expired-groups-skipped-total"),
            "log groups skipped by the policy, in the metrics");
        var lines = logs.between(since, Long.MAX_VALUE, l -> l.message().startsWith("Shard " + ls + "/0: cursor ")
            && l.message().contains("is no longer valid"));
        assertEquals(1, lines.size(), "one log line for the skip: " + lines);
        assertTrue(lines.get(0).message().contains("skipping " + groups + " log group(s)"), lines.get(0).message());
    }
}
