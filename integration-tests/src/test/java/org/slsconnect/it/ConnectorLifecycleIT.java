package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.faults.FaultScope;

/**
 * Issue 15, bugs 1 and 3, through a real Connect worker: a connector started while SLS is busy comes up by itself,
 * and an offsets reset works after a logstore left the config and while SLS cannot update every checkpoint.
 */
class ConnectorLifecycleIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);




    /** Bug 3: ServerBusy at connector start used to fail the connector for good (Connect does not restart it). */
    @Test
    void busySlsAtConnectorStartIsRetriedInTheBackground() throws InterruptedException {
        String ls = "busy_start";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < 2; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 3, 5, "busy"));
        // Validation's probe takes at most one of these (and only warns); the connector's start meets the rest.
        sls.faults().failNext(FaultScope.of("ListShards").logstore(ls), 4, 503, "ServerBusy");
        h.connect.configureConnector("busy-start", h.sourceConfig("busy-start", ls, 2));
        List<KafkaTopics.Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)),
            written.size(), WAIT, false);
        assertEquals(Set.of(), KafkaTopics.missing(written, read));
        assertEquals(0, KafkaTopics.duplicates(read));
        ConnectorStateInfo state = h.connect.connectorStatus("busy-start");
        assertEquals("RUNNING", state.connector().state(), state.connector().trace());
        h.connect.deleteConnector("busy-start");
    }

    /**
     * Bug 1: DELETE /connectors/name/offsets failed once a logstore was removed from the config, and one shard
     * whose checkpoint SLS could not update failed the whole reset.
     */
    @Test
    void offsetsResetWorksAfterALogstoreLeftTheConfigAndWhenMirroringFails() throws InterruptedException {
        String kept = "reset_kept";
        String dropped = "reset_dropped";
        sls.createLogstore(ConnectHarness.PROJECT, kept, 2);
        sls.createLogstore(ConnectHarness.PROJECT, dropped, 1);
        List<String> keptLogs = new ArrayList<>();
        for (int s = 0; s < 2; s++) keptLogs.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, kept, s, 2, 5, "k"));
        List<String> droppedLogs = TestLogs.write(sls, ConnectHarness.PROJECT, dropped, 0, 2, 5, "d");
        String name = "reset";
        h.connect.configureConnector(name, h.sourceConfig(name, kept + "," + dropped, 1));
        KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(kept), ConnectHarness.topic(dropped)),
            keptLogs.size() + droppedLogs.size(), WAIT, false);
        ConnectHarness.await(() -> h.connect.connectorOffsets(name).offsets().size() == 3, WAIT, "offsets of 3 shards");

        h.connect.stopConnector(name);
        h.connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        h.connect.configureConnector(name, h.sourceConfig(name, kept, 1));
        h.connect.assertions().assertConnectorIsStopped(name, "connector stays stopped after the config change");
        sls.deleteLogstore(ConnectHarness.PROJECT, dropped);
        // One of the kept logstore's two checkpoints cannot be written right now.
        sls.faults().failNext(FaultScope.of("UpdateCheckPoint").logstore(kept), 1, 500, "InternalServerError");

        h.connect.resetConnectorOffsets(name);      // threw before: 'logstore' must be one of [reset_kept]
        ConnectHarness.await(() -> h.connect.connectorOffsets(name).offsets().isEmpty(), WAIT, "no offset left after the reset");

        h.connect.resumeConnector(name);
        int total = keptLogs.size() * 2;
        ConnectHarness.await(() -> KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(kept)),
            keptLogs.size(), Duration.ofSeconds(5), false).size() >= total, WAIT, "the kept logstore read again from the start");
        h.connect.deleteConnector(name);
    }
}
