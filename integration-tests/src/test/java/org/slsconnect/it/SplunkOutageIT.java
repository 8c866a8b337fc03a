package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.ReceivedEvent;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Source -> Kafka -> Splunk's sink -> HEC emulator, with HEC refusing everything (503 "Server is busy") for a while
 * (20 s; 3 minutes with {@code -Dreliability.long=true}) under continuous writes. Kafka decouples the two sides: SLS
 * keeps being read into Kafka during the outage (the topic holds every id written while HEC still refuses), and
 * after recovery every event is at HEC. Splunk's jar: {@link SplunkSinkJar}.
 */
class SplunkOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Boolean.getBoolean("reliability.long") ? 180 : 20);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void slsKeepsFlowingIntoKafkaWhileHecRefusesAndEveryEventReachesHecAfterwards() throws Exception {
        long started = System.nanoTime();
        try (HecEmulator hec = HecEmulator.builder().port(0).token("it-hec-token", true).storeConfigChecks(false).build().start();
             ConnectHarness h = new ConnectHarness(SplunkSinkJar.workerProps(), Map.of(), 1);
             Admin admin = h.connect.kafka().createAdminClient()) {
            String ls = "splunk_outage";
            String topic = ConnectHarness.topic(ls);
            h.sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
            Map<String, String> source = h.sourceConfig("outage-src", ls, 2);
            // flat_json, the shipped format: the sink's default event mode (see sink() below).
            source.put("splunk.index", "main");
            source.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            source.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
            h.connect.configureConnector("outage-src", source);
            h.connect.configureConnector("outage-sink", sink(topic, hec));

            List<String> written;
            try (ContinuousWriter writer = new ContinuousWriter(h.sls, ConnectHarness.PROJECT, ls, 1, 10, 200)) {
                assertTrue(hec.awaitEvents(200, WAIT), "the pipeline delivers before the outage: " + hec.eventCount());

                // HEC answers every ingestion request with 503 (code 9, "Server is busy") while SLS keeps filling.
                hec.faults().busy(true);
                Instant outageStart = Instant.now();
                long inKafkaAtStart = KafkaTopics.endOffsets(admin, topic);
                ConnectHarness.await(() -> Duration.between(outageStart, Instant.now()).compareTo(OUTAGE) >= 0,
                    OUTAGE.plusSeconds(10), "the outage to last " + OUTAGE);
                written = writer.stop();
                // Still refusing: every id written, the outage included, is already in Kafka.
                List<Rec> inKafka = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
                assertTrue(hec.faults().isBusy(), "HEC still refuses while Kafka is checked");
                Delivery toKafka = Delivery.of("splunk outage " + OUTAGE.toSeconds() + " s: SLS -> Kafka while HEC answers 503",
                    written, inKafka).report(seconds(started));
                assertEquals(Set.of(), toKafka.missing(), toKafka.summary());
                assertTrue(KafkaTopics.endOffsets(admin, topic) > inKafkaAtStart, "SLS was read into Kafka during the outage");
                // A request already past the 503 check when the fault began may still land; nothing later may.
                Instant settled = outageStart.plusSeconds(1);
                List<ReceivedEvent> accepted = hec.dataEvents().stream().filter(e -> e.receivedAt().isAfter(settled)).toList();
                assertEquals(0, accepted.size(), "HEC accepted events while answering 503");
            }

            hec.faults().busy(false);
            ConnectHarness.await(() -> idsAtHec(hec).containsAll(written), WAIT, "every written id at HEC after the outage");
            List<Rec> atHec = hec.dataEvents().stream()
                .map(e -> new Rec("hec", 0, null, KafkaTopics.JSON.createObjectNode().put("id", SplunkSinkIT.logId(e)),
                    e.timeMillis() == null ? 0 : e.timeMillis(), Map.of()))
                .toList();
            Delivery toHec = Delivery.of("splunk outage " + OUTAGE.toSeconds() + " s: SLS -> Kafka -> Splunk sink -> HEC after recovery",
                written, atHec).report(seconds(started));
            assertEquals(Set.of(), toHec.missing(), toHec.summary());
            for (ReceivedEvent e : hec.dataEvents()) {
                assertEquals("alicloud:sls:" + ls, e.sourcetype());
                assertTrue(e.field("sls.event.id").startsWith(ConnectHarness.PROJECT + "/" + ls + "/"), "indexed field from the header: " + e);
            }
        }
    }

    /**
     * Splunk's sink as in {@link SplunkSinkIT}, in the shipped default event mode (the flat_json value is the event),
     * retrying a back-pressured (503) channel after 1 s instead of 60 s.
     */
    private static Map<String, String> sink(String topic, HecEmulator hec) {
        Map<String, String> sink = SplunkSinkIT.sinkConfig(topic, hec);
        sink.put("splunk.hec.json.event.formatted", "false");
        sink.put("splunk.header.custom", "sls.event.id");   // a record header as an indexed field (default mode)
        sink.put("splunk.hec.backoff.threshhold.seconds", "1");   // (sic) the sink's spelling
        return sink;
    }

    private static Set<String> idsAtHec(HecEmulator hec) {
        return hec.dataEvents().stream().map(SplunkSinkIT::logId).collect(Collectors.toSet());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
