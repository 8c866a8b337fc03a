package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.junit.jupiter.api.Test;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * {@code sls.query} proven end to end: the SDK sends the SPL statement, the emulator applies it (its query
 * package), only matching logs reach Kafka, shaped as the query says, and the Connect offset still moves past the
 * filtered ones, to the end of the shard, so a restart delivers only what is new and matching.
 */
class SplQueryIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Every third log of the first 40 of each batch; the last group of a 5-group batch matches nothing. */
    private static final String QUERY = "* | where cast(seq as bigint) % 3 = 0 and cast(seq as bigint) < 40 "
        + "| project-away msg | extend seq_plus_one = cast(seq as bigint) + 1";




    /** The ids of {@code written} (TestLogs ids: prefix-shard-group-index, seq = group * 10 + index) the query keeps. */
    private static Set<String> matching(List<String> written) {
        Set<String> out = new TreeSet<>();
        for (String id : written) {
            String[] p = id.split("-");
            int seq = Integer.parseInt(p[2]) * 10 + Integer.parseInt(p[3]);
            if (seq % 3 == 0 && seq < 40) out.add(id);
        }
        return out;
    }

    private static Set<String> ids(List<Rec> read) {
        Set<String> out = new TreeSet<>();
        for (Rec r : read) out.add(r.id());
        return out;
    }

    @Test
    void onlyMatchingLogsArriveAndOffsetsMovePastFilteredOnesAcrossARestart() throws InterruptedException {
        String ls = "spl_ls";
        String name = "spl";
        String topic = ConnectHarness.topic(ls);
        sls.createLogstore(ConnectHarness.PROJECT, ls, 1);
        List<String> first = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 5, 10, "a");
        Map<String, String> cfg = h.sourceConfig(name, ls, 1);
        cfg.put("sls.query", QUERY);
        h.connect.configureConnector(name, cfg);
        Set<String> expected = matching(first);
        assertEquals(14, expected.size());

        // The offset reaches the shard's end although its last group held no matching log.
        String end = sls.endCursor(ConnectHarness.PROJECT, ls, 0);
        ConnectHarness.await(() -> {
            List<ConnectorOffset> offsets = h.connect.connectorOffsets(name).offsets();
            return offsets.size() == 1 && end.equals(offsets.get(0).offset().get("cursor"))
                && ((Number) offsets.get(0).offset().get("skip")).longValue() == 0;
        }, WAIT, "the committed offset at the end of the shard " + end);
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), expected.size(), WAIT, false);
        assertEquals(expected, ids(read), "exactly the matching logs");
        assertEquals(expected.size(), read.size(), "each once");
        for (Rec r : read) {
            assertFalse(r.value().has("msg"), "project-away msg: " + r.value());
            assertEquals(r.value().path("seq").asLong() + 1, r.value().path("seq_plus_one").asLong(), "extend: " + r.value());
        }

        // Restart: stopped, new logs written meanwhile, resumed. Only the new matching logs arrive, none again.
        h.connect.stopConnector(name);
        h.connect.assertions().assertConnectorIsStopped(name, "connector did not stop");
        List<String> second = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 3, 10, "b");
        h.connect.resumeConnector(name);
        Set<String> all = new TreeSet<>(expected);
        all.addAll(matching(second));
        assertEquals(24, all.size());
        List<Rec> after = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), all.size(), WAIT, false);
        assertEquals(all, ids(after));
        assertEquals(all.size(), after.size(), "no log delivered twice across the restart: " + KafkaTopics.duplicates(after));
        h.connect.deleteConnector(name);
    }

    @Test
    void anUnsupportedQueryFailsTheTaskWithSlsParameterInvalid() {
        String ls = "spl_bad";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 1);
        Map<String, String> cfg = h.sourceConfig("spl-bad", ls, 1);
        cfg.put("sls.query", "* | stats count(*) by method");
        // The task's pull gets SLS's 400 ParameterInvalid, and the task fails saying so.
        h.connect.configureConnector("spl-bad", cfg);
        ConnectHarness.await(() -> {
            try {
                return h.connect.connectorStatus("spl-bad").tasks().stream().anyMatch(t -> "FAILED".equals(t.state())
                    && t.trace().contains("ParameterInvalid") && t.trace().contains("stats"));
            } catch (RuntimeException e) {
                return false;
            }
        }, WAIT, "the task FAILED with SLS's ParameterInvalid naming the unsupported command");
        h.connect.deleteConnector("spl-bad");
    }
}
