package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slsconnect.emulator.sls.ClientWorkerRunner;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Migration both ways between Alibaba's consumer-group programs and the connector, through the consumer group's
 * checkpoints: Alibaba's real loghub-client-lib ClientWorker on one side, the connector in a Connect worker on the
 * other, neither re-reading what the other delivered.
 */
class MigrationIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;



    @Test
    void fromClientWorkerToConnector() throws Exception {
        String ls = "from_worker";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> consumedByWorker = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 5, 4, "w");
        consumedByWorker.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 5, 4, "w"));
        ClientWorkerRunner.Result worker = ClientWorkerRunner.run(sls, ConnectHarness.PROJECT, ls, "legacy-group",
            ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET, consumedByWorker.size(), 40, tmp);
        assertTrue(worker.consumedExactly(consumedByWorker.size()), worker.diagnostics());

        List<String> later = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 3, 4, "k");
        later.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 3, 4, "k"));
        Map<String, String> cfg = h.sourceConfig("from-worker", ls, 2);
        cfg.put("start.position", "consumer_group");
        cfg.put("sls.consumer.group", "legacy-group");
        h.connect.configureConnector("from-worker", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("from-worker", 2, "not running");
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of("sls." + ConnectHarness.PROJECT + "." + ls),
            later.size(), WAIT, false);
        assertEquals(Set.of(), KafkaTopics.missing(later, read));
        for (Rec r : read) assertFalse(consumedByWorker.contains(r.id()), "the worker already delivered " + r.id());
        assertEquals(later.size(), read.size());
        h.connect.deleteConnector("from-worker");
    }

    @Test
    void fromConnectorToClientWorker() throws Exception {
        String ls = "to_worker";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> first = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 6, 5, "c");
        first.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 6, 5, "c"));
        h.connect.configureConnector("to-worker", h.sourceConfig("to-worker", ls, 1));
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("to-worker", 1, "not running");
        KafkaTopics.readUntil(h.connect.kafka(), List.of("sls." + ConnectHarness.PROJECT + "." + ls), first.size(), WAIT, false);
        // The connector's committed offsets reach the consumer group's checkpoints.
        ConnectHarness.await(() -> sls.checkpoint(ConnectHarness.PROJECT, ls, "kafka-connect-to-worker", 0)
                .equals(sls.endCursor(ConnectHarness.PROJECT, ls, 0))
            && sls.checkpoint(ConnectHarness.PROJECT, ls, "kafka-connect-to-worker", 1)
                .equals(sls.endCursor(ConnectHarness.PROJECT, ls, 1)), WAIT, "checkpoints at the end of both shards");
        // Stop first and wait: a task still running would read (and checkpoint) what is written next.
        h.connect.stopConnector("to-worker");
        h.connect.assertions().assertConnectorIsStopped("to-worker", "connector did not stop");
        h.connect.deleteConnector("to-worker");

        List<String> later = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 2, 5, "x");
        later.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 2, 5, "x"));
        ClientWorkerRunner.Result worker = ClientWorkerRunner.run(sls, ConnectHarness.PROJECT, ls, "kafka-connect-to-worker",
            ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET, later.size(), 40, tmp);
        assertTrue(worker.consumedExactly(later.size()), "the worker resumes where the connector stopped: " + worker.diagnostics());
    }
}
