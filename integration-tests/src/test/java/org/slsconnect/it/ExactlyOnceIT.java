package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.it.KafkaTopics.Rec;

/** With a worker running exactly-once source support, restarts mid-stream leave every log in Kafka exactly once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceIT {

    private ConnectHarness h;
    private SlsEmulator sls;

    @BeforeAll
    void start() {
        h = new ConnectHarness(
            Map.of("exactly.once.source.support", "enabled"),
            Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"),
            1);
        sls = h.sls;
    }

    @AfterAll
    void stop() {
        if (h != null) h.close();
    }

    @Test
    void restartsMidStreamGiveZeroDuplicates() throws Exception {
        String ls = "eos_ls";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 3);
        List<String> written = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int round = 0;
            while (writing.get()) {
                for (int s = 0; s < 3; s++) {
                    List<String> ids = TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 3, 40, "e" + round);
                    synchronized (written) { written.addAll(ids); }
                }
                round++;
                try { Thread.sleep(40); } catch (InterruptedException e) { return; }
            }
        });
        writer.start();
        Map<String, String> cfg = h.sourceConfig("eos", ls, 3);
        cfg.put("exactly.once.support", "required");
        cfg.put("transaction.boundary", "poll");
        cfg.put("max.poll.records", "300");      // many small transactions, so restarts land between and inside them
        h.connect.configureConnector("eos", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 3, "not running");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1500);
            h.connect.restartConnectorAndTasks("eos", false, true, false);
            h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 3, "not running after restart");
        }
        Thread.sleep(1000);
        writing.set(false);
        writer.join();
        List<String> all;
        synchronized (written) { all = new ArrayList<>(written); }
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of("sls." + ConnectHarness.PROJECT + "." + ls),
            all.size(), Duration.ofSeconds(90), true);
        System.out.printf("exactly-once: written=%d read=%d%n", all.size(), read.size());
        assertEquals(Set.of(), KafkaTopics.missing(all, read));
        assertEquals(0, KafkaTopics.duplicates(read), "read_committed sees every log exactly once");
        assertEquals(all.size(), read.size());
    }
}
