package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slsconnect.it.KafkaTopics.Rec;

/** With a worker running exactly-once source support, restarts mid-stream leave every log in Kafka exactly once. */
class ExactlyOnceIT extends HarnessIT {

    @Override
    protected Map<String, String> workerProps() {
        return Map.of("exactly.once.source.support", "enabled");
    }

    @Override
    protected Map<String, String> brokerProps() {
        return Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1");
    }

    @Test
    void restartsMidStreamGiveZeroDuplicates() throws Exception {
        long t0 = System.nanoTime();
        String ls = "eos_ls";
        String topic = ConnectHarness.topic(ls);
        sls.createLogstore(ConnectHarness.PROJECT, ls, 3);
        List<String> written;
        try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, ls, 3, 40, 40);
             Admin admin = h.connect.kafka().createAdminClient()) {
            Map<String, String> cfg = h.sourceConfig("eos", ls, 3);
            cfg.put("exactly.once.support", "required");
            cfg.put("transaction.boundary", "poll");
            cfg.put("max.poll.records", "300");      // many small transactions, so restarts land between and inside them
            h.connect.configureConnector("eos", cfg);
            h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 3, "not running");
            for (int i = 0; i < 3; i++) {
                KafkaTopics.awaitGrowth(admin, topic, 2000, Duration.ofSeconds(60));
                h.connect.restartConnectorAndTasks("eos", false, true, false);
                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("eos", 3, "not running after restart");
            }
            KafkaTopics.awaitGrowth(admin, topic, 2000, Duration.ofSeconds(60));
            written = writer.stop();
        }
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), written.size(), Duration.ofSeconds(90), true);
        Delivery d = Delivery.of("exactly-once, 3 REST restarts", written, read).report((System.nanoTime() - t0) / 1e9);
        assertEquals(Set.of(), d.missing());
        assertEquals(0, d.duplicates(), "read_committed sees every log exactly once");
    }
}
