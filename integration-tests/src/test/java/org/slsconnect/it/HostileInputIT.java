package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.ApiKind;
import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.faults.Corruption;
import org.slsconnect.emulator.sls.faults.FaultScope;
import org.slsconnect.it.KafkaTopics.Rec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hostile or broken input through a real worker: corrupt PullLogs responses, a log larger than a Kafka request,
 * thousands of fields, invalid UTF-8, content keys named like metadata, empty logs and groups. Each has a defined
 * outcome: delivered (possibly marked), or a task failure that names the shard and cursor and loses nothing.
 */
class HostileInputIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Prefetcher.MAX_DECODE_FAILURES: an undecodable response is tried this many times before the task fails. */
    private static final int DECODE_ATTEMPTS = 5;
    private static final String P = ConnectHarness.PROJECT;
    private static final int CORRUPT_COUNT = 1000;
    private final long time = System.currentTimeMillis() / 1000 - 60;

    // ----- 1. corrupt responses

    @Test
    void transientCorruptionIsRetriedAndEveryLogArrivesOnce() throws Exception {
        long t0 = System.nanoTime();
        String ls = "corrupt_transient";
        Corruption[] kinds = Corruption.values();
        sls.createLogstore(P, ls, kinds.length);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < kinds.length; s++) {
            written.addAll(TestLogs.write(sls, P, ls, s, 6, 10, "ct"));
            // Each shard gets its own kind of damage, twice in a row (under the decode-failure limit).
            sls.faults().corruptNext(FaultScope.of(ApiKind.PULL_LOGS).logstore(ls).shard(s), 2, kinds[s]);
        }
        Map<String, String> cfg = h.sourceConfig("ct", ls, 2);
        cfg.put("fetch.log.groups", "3");
        h.connect.configureConnector("ct", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("ct", 2, "not running");
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        Delivery d = Delivery.of("corrupt-response-transient", written, read).report(seconds(t0));
        assertEquals(Set.of(), d.missing(), d.summary());
        assertEquals(0, d.duplicates(), "a response that failed to decode delivered nothing, so its retry duplicates nothing");
        assertTrue(sls.faults().describe().stream().noneMatch(r -> r.startsWith("corruptNext")),
            "every corruption was served: " + sls.faults().describe());
        h.connect.connectorStatus("ct").tasks().forEach(t -> assertEquals("RUNNING", t.state(), t.trace()));
        h.connect.deleteConnector("ct");
    }

    @Test
    void persistentCorruptionFailsTheTaskNamingShardAndCursorThenARestartDeliversEverything() throws Exception {
        for (Corruption kind : Corruption.values()) {
            long t0 = System.nanoTime();
            String ls = "corrupt_" + kind.name().toLowerCase();
            String name = "cp-" + kind.name().toLowerCase();
            sls.createLogstore(P, ls, 1);
            List<String> written = TestLogs.write(sls, P, ls, 0, 5, 10, "cp");
            String cursor = sls.beginCursor(P, ls, 0);
            sls.faults().corruptNext(FaultScope.of(ApiKind.PULL_LOGS).logstore(ls), CORRUPT_COUNT, kind);
            h.connect.configureConnector(name, h.sourceConfig(name, ls, 1));
            h.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed(name, 1, kind + ": task should fail");
            String trace = h.connect.connectorStatus(name).tasks().get(0).trace();
            assertTrue(trace.contains("Shard " + ls + "/0") && trace.contains("at cursor " + cursor), kind + ": " + trace);
            assertTrue(trace.contains("Nothing was skipped"), trace);
            // PullLogs of this logstore while failing = damaged responses served (the emulator's count is global).
            long pulls = CORRUPT_COUNT - remainingCorruptions(ls);
            // Backed off and bounded, not a tight loop: exactly the decode attempts.
            assertEquals(DECODE_ATTEMPTS, pulls, kind + ": PullLogs while failing");
            // A measurement window, not pacing: a failed task must stay silent through it.
            Thread.sleep(1000);
            assertEquals(pulls, CORRUPT_COUNT - remainingCorruptions(ls), kind + ": a failed task pulls no more");

            sls.faults().clear();
            h.connect.restartTask(name, 0);
            List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
            Delivery d = Delivery.of("corrupt-response-persistent-" + kind.name().toLowerCase() + "-then-restart", written, read)
                .report(seconds(t0));
            assertEquals(Set.of(), d.missing(), d.summary());
            assertEquals(0, d.duplicates(), d.summary());
            System.out.println("hostile: " + kind + " failed after " + pulls + " PullLogs: " + firstLine(trace));
            h.connect.deleteConnector(name);
        }
    }

    // ----- 2. a log larger than a Kafka request

    /** 5 small logs, one log with a 2 MB field, 5 small logs, in three groups; returns the ids. */
    private List<String> writeWithHugeLog(String ls) {
        sls.createLogstore(P, ls, 1);
        List<String> ids = new ArrayList<>();
        LogGroupBuilder before = new LogGroupBuilder().topic("t").source("10.0.0.1");
        for (int i = 0; i < 5; i++) ids.add(log(before, ls + "-a" + i));
        sls.appendLogGroup(P, ls, 0, before.build());
        ids.add(ls + "-huge");
        sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().topic("t").source("10.0.0.1")
            .log(time, null, "id", ls + "-huge", "big", "x".repeat(2_000_000), "small", "kept").build());
        LogGroupBuilder after = new LogGroupBuilder().topic("t").source("10.0.0.1");
        for (int i = 0; i < 5; i++) ids.add(log(after, ls + "-b" + i));
        sls.appendLogGroup(P, ls, 0, after.build());
        return ids;
    }

    private String log(LogGroupBuilder b, String id) {
        b.log(time, null, "id", id, "msg", "small log " + id);
        return id;
    }

    @Test
    void oversizeLogFailsNamingShardCursorAndSizeAndAfterRaisingLimitsARestartDeliversIt() throws Exception {
        long t0 = System.nanoTime();
        String ls = "oversize_fail";
        List<String> written = writeWithHugeLog(ls);
        String hugeCursor = sls.cursor(P, ls, 0, sls.beginSequence(P, ls, 0) + 1);
        Map<String, String> cfg = h.sourceConfig("of", ls, 1);
        // Lets the topic take the record once the limits are raised (Connect creates it on the first record).
        cfg.put("topic.creation.default.max.message.bytes", "4194304");
        h.connect.configureConnector("of", cfg);
        h.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("of", 1, "task should fail on the huge log");
        String trace = h.connect.connectorStatus("of").tasks().get(0).trace();
        assertTrue(trace.contains("Shard " + ls + "/0 at cursor " + hugeCursor + ", log #0"), trace);
        assertTrue(trace.contains("record.max.bytes=1000000") && trace.contains("Nothing was skipped")
            && trace.contains("max.request.size") && trace.contains("record.oversize.policy"), trace);
        // The logs before it were delivered; nothing after it was.
        List<Rec> first = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), 5, WAIT, false);
        assertEquals(Set.copyOf(written.subList(0, 5)), ids(first));

        cfg.put("record.max.bytes", "3000000");
        cfg.put("producer.override.max.request.size", "4194304");
        h.connect.configureConnector("of", cfg);
        ConnectHarness.await(() -> "RUNNING".equals(taskState("of")) || "FAILED".equals(taskState("of")), WAIT, "task after reconfigure");
        if (!"RUNNING".equals(taskState("of"))) h.connect.restartTask("of", 0);
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        Delivery d = Delivery.of("oversize-fail-then-raise-limits", written, read).report(seconds(t0));
        assertEquals(Set.of(), d.missing(), d.summary());
        Rec huge = read.stream().filter(r -> r.id().equals(ls + "-huge")).findFirst().orElseThrow();
        assertEquals(2_000_000, huge.value().get("big").asText().length(), "delivered whole");
        System.out.println("hostile: oversize fail: " + firstLine(trace));
        h.connect.deleteConnector("of");
    }

    @Test
    void aLimitAboveTheProducersIsRefusedByTheProducerWithoutShardOrCursor() throws Exception {
        // What happens without the connector's check (record.max.bytes above the producer's max.request.size):
        // the worker's producer refuses the record and the task fails with an error that names neither.
        String ls = "oversize_producer";
        writeWithHugeLog(ls);
        Map<String, String> cfg = h.sourceConfig("op", ls, 1);
        cfg.put("record.max.bytes", "3000000");
        h.connect.configureConnector("op", cfg);
        h.connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("op", 1, "producer should refuse the record");
        String trace = h.connect.connectorStatus("op").tasks().get(0).trace();
        assertTrue(trace.contains("RecordTooLargeException"), trace);
        assertFalse(trace.contains("at cursor"), trace);
        System.out.println("hostile: producer-side: " + firstLine(trace));
        h.connect.deleteConnector("op");
    }

    @Test
    void oversizeLogIsTruncatedAndMarked() throws Exception {
        long t0 = System.nanoTime();
        String ls = "oversize_truncate";
        List<String> written = writeWithHugeLog(ls);
        Map<String, String> cfg = h.sourceConfig("ot", ls, 1);
        cfg.put("record.oversize.policy", "truncate");
        h.connect.configureConnector("ot", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("ot", 1, "not running");
        List<ConsumerRecord<byte[], byte[]>> records = records(ConnectHarness.topic(ls), written.size());
        List<Rec> read = new ArrayList<>();
        ConsumerRecord<byte[], byte[]> huge = null;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode v = KafkaTopics.JSON.readTree(r.value());
            read.add(new Rec(r.topic(), r.partition(), null, v, r.timestamp(), Map.of()));
            if (v.path("id").asText().endsWith("-huge")) huge = r;
        }
        Delivery d = Delivery.of("oversize-truncate", written, read).report(seconds(t0));
        assertEquals(Set.of(), d.missing(), d.summary());
        assertNotNull(huge);
        assertTrue(huge.value().length <= 1_000_000, "fits: " + huge.value().length);
        JsonNode v = KafkaTopics.JSON.readTree(huge.value());
        assertEquals("[\"big\"]", v.get("__truncated__").toString());
        assertEquals("kept", v.get("small").asText());
        assertTrue(v.get("big").asText().length() > 900_000, "cut no more than needed");
        assertTrue(Long.parseLong(header(huge, "sls.truncated")) > 2_000_000, "original size in the header");
        assertEquals(1L, shardMetric("ot", ls, "sls-oversize-truncated-total"));
        h.connect.deleteConnector("ot");
    }

    @Test
    void oversizeLogIsSkippedCountedAndTheOffsetMovesPastIt() throws Exception {
        long t0 = System.nanoTime();
        String ls = "oversize_skip";
        List<String> written = writeWithHugeLog(ls);
        List<String> expected = new ArrayList<>(written);
        expected.remove(ls + "-huge");
        Map<String, String> cfg = h.sourceConfig("os", ls, 1);
        cfg.put("record.oversize.policy", "skip");
        h.connect.configureConnector("os", cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("os", 1, "not running");
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), expected.size(), WAIT, false);
        Delivery d = Delivery.of("oversize-skip (huge log not expected)", expected, read).report(seconds(t0));
        assertEquals(Set.of(), d.missing(), d.summary());
        assertFalse(ids(read).contains(ls + "-huge"));
        assertEquals(1L, shardMetric("os", ls, "sls-oversize-skipped-total"));
        // The committed position is past the skipped log: a restart delivers nothing again and skips nothing again.
        String end = sls.endCursor(P, ls, 0);
        ConnectHarness.await(() -> h.connect.connectorOffsets("os").offsets().stream()
            .anyMatch(o -> end.equals(o.offset().get("cursor"))), WAIT, "offset at the end of the shard");
        h.connect.deleteConnector("os");
    }

    // ----- 3. thousands of fields

    @Test
    void aLogWithFiveThousandFieldsArrivesComplete() throws Exception {
        long t0 = System.nanoTime();
        String ls = "many_fields";
        sls.createLogstore(P, ls, 1);
        Map<String, String> contents = new LinkedHashMap<>();
        contents.put("id", "wide-1");
        for (int i = 0; i < 5000; i++) contents.put("field_" + i, "value " + i);
        LogGroupBuilder b = new LogGroupBuilder().topic("t").source("10.0.0.1").log(time, null, contents);
        for (int i = 0; i < 50; i++) b.log(time, null, "id", "narrow-" + i);
        sls.appendLogGroup(P, ls, 0, b.build());
        List<String> written = new ArrayList<>();
        written.add("wide-1");
        for (int i = 0; i < 50; i++) written.add("narrow-" + i);
        h.connect.configureConnector("mf", h.sourceConfig("mf", ls, 1));
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        double took = seconds(t0);
        Delivery d = Delivery.of("5000-field-log", written, read).report(took);
        assertEquals(Set.of(), d.missing(), d.summary());
        JsonNode wide = read.stream().filter(r -> r.id().equals("wide-1")).findFirst().orElseThrow().value();
        assertEquals(5001 + 3, wide.size(), "every field, plus __time__, __topic__, __source__");
        for (int i = 0; i < 5000; i++) assertEquals("value " + i, wide.get("field_" + i).asText());
        assertTrue(took < 30, "no pathological slowness: " + took + " s");
        h.connect.deleteConnector("mf");
    }

    // ----- 4. invalid UTF-8

    @Test
    void invalidUtf8GivesEachPolicysDocumentedOutput() throws Exception {
        byte[] badValue = {'o', 'k', (byte) 0xFF};
        byte[] badKey = {'k', (byte) 0xC3};
        for (String policy : List.of("replace", "base64")) {
            String ls = "utf8_" + policy;
            sls.createLogstore(P, ls, 1);
            sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().topic("t").source("10.0.0.1")
                .tag("host".getBytes(StandardCharsets.UTF_8), badValue)
                .log(time, null, utf8("id"), utf8("u-1"), utf8("bin"), badValue, badKey, utf8("v"),
                    utf8("overlong"), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("fine"), utf8("日志"))
                .build());
            Map<String, String> cfg = h.sourceConfig("u-" + policy, ls, 1);
            cfg.put("invalid.utf8.policy", policy);
            h.connect.configureConnector("u-" + policy, cfg);
        }
        for (String policy : List.of("replace", "base64")) {
            String ls = "utf8_" + policy;
            List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), 1, WAIT, false);
            assertEquals(1, read.size(), policy);
            JsonNode v = read.get(0).value();
            boolean b64 = policy.equals("base64");
            assertEquals(b64 ? "b2v/" : "ok\uFFFD", v.get("bin").asText(), policy);
            assertEquals(b64 ? "wK8=" : "\uFFFD\uFFFD", v.get("overlong").asText(), policy);
            assertEquals(b64 ? "b2v/" : "ok\uFFFD", v.get("__tag__:host").asText(), policy);
            assertEquals("v", v.get("k\uFFFD").asText(), "keys are always replaced");
            assertEquals("日志", v.get("fine").asText());
            List<String> flagged = new ArrayList<>();
            v.get("__invalid_utf8__").forEach(n -> flagged.add(n.asText()));
            assertEquals(Set.of("bin", "k\uFFFD", "overlong", "__tag__:host"), Set.copyOf(flagged), policy);
            h.connect.deleteConnector("u-" + policy);
        }
    }

    // ----- 5. content keys named like metadata

    @Test
    void keysCollidingWithMetadataGiveEachPolicysDocumentedOutput() throws Exception {
        List<String> policies = List.of("prefix", "overwrite", "keep_metadata");
        for (String format : List.of("flat_json", "hec_event")) {
            for (String policy : policies) {
                String ls = "collide_" + format + "_" + policy;
                sls.createLogstore(P, ls, 1);
                sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().topic("real-topic").source("10.0.0.9").tag("x", "real-tag")
                    .log(time, null, "id", "c-1", "__time__", "c-time", "__topic__", "c-topic", "__source__", "c-source",
                        "__tag__:x", "c-tag", "__tag__:absent", "no clash", "time", "c-t", "host", "c-host", "source", "c-src",
                        "sourcetype", "c-st", "index", "c-idx", "fields", "c-f", "event", "c-ev")
                    .build());
                Map<String, String> cfg = h.sourceConfig(name(format, policy), ls, 1);
                cfg.put("record.format", format);
                cfg.put("key.collision.policy", policy);
                h.connect.configureConnector(name(format, policy), cfg);
            }
        }
        for (String format : List.of("flat_json", "hec_event")) {
            for (String policy : policies) {
                String ls = "collide_" + format + "_" + policy;
                List<ConsumerRecord<byte[], byte[]>> records = records(ConnectHarness.topic(ls), 1);
                JsonNode top = KafkaTopics.JSON.readTree(records.get(0).value());
                JsonNode v = format.equals("hec_event") ? top.get("event") : top;
                String what = format + "/" + policy + ": " + v;
                switch (policy) {
                    case "prefix" -> {
                        assertEquals(time, v.get("__time__").asLong(), what);
                        assertEquals("real-topic", v.get("__topic__").asText(), what);
                        assertEquals("10.0.0.9", v.get("__source__").asText(), what);
                        assertEquals("real-tag", v.get("__tag__:x").asText(), what);
                        assertEquals("c-time", v.get("content.__time__").asText(), what);
                        assertEquals("c-topic", v.get("content.__topic__").asText(), what);
                        assertEquals("c-source", v.get("content.__source__").asText(), what);
                        assertEquals("c-tag", v.get("content.__tag__:x").asText(), what);
                    }
                    case "overwrite" -> {
                        assertEquals("c-time", v.get("__time__").asText(), what);
                        assertEquals("c-topic", v.get("__topic__").asText(), what);
                        assertEquals("c-source", v.get("__source__").asText(), what);
                        assertEquals("c-tag", v.get("__tag__:x").asText(), what);
                        assertFalse(v.has("content.__time__"), what);
                    }
                    default -> {
                        assertEquals(time, v.get("__time__").asLong(), what);
                        assertEquals("real-topic", v.get("__topic__").asText(), what);
                        assertEquals("real-tag", v.get("__tag__:x").asText(), what);
                        assertFalse(v.has("content.__topic__"), what);
                    }
                }
                assertEquals("no clash", v.get("__tag__:absent").asText(), "a tag the group does not have is no collision");
                // HEC envelope names are ordinary content keys: inside `event` they cannot collide with the envelope.
                for (String k : List.of("time", "host", "source", "sourcetype", "index", "fields", "event")) {
                    assertEquals("c-" + Map.of("time", "t", "host", "host", "source", "src", "sourcetype", "st",
                        "index", "idx", "fields", "f", "event", "ev").get(k), v.get(k).asText(), what);
                }
                if (format.equals("hec_event")) {
                    assertEquals(time, top.get("time").asLong(), "envelope time is the log's");
                    assertEquals("10.0.0.9", top.get("host").asText(), "envelope host is the group source");
                    assertEquals("sls:" + P + "/" + ls, top.get("source").asText());
                    assertFalse(top.has("index"), "no index configured");
                    assertEquals(P, top.get("fields").get("sls_project").asText());
                }
                h.connect.deleteConnector(name(format, policy));
            }
        }
    }

    private static String name(String format, String policy) {
        return "kc-" + format.replace('_', '-') + "-" + policy.replace('_', '-');
    }

    // ----- 6. empty logs, groups, keys and values

    @Test
    void emptyLogsGroupsKeysAndValuesHaveDefinedOutputAndOffsetsMovePastThem() throws Exception {
        long t0 = System.nanoTime();
        String ls = "empties";
        sls.createLogstore(P, ls, 1);
        sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().topic("t").source("10.0.0.1")
            .log(time, null)                                  // no contents
            .log(time, null, "", "empty key")                 // an empty key
            .log(time, null, "id", "e-1", "empty", "")         // an empty value
            .build());
        sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().topic("t").source("10.0.0.1").build());   // no logs
        sls.appendLogGroup(P, ls, 0, new LogGroupBuilder().build());                                 // nothing at all
        List<String> after = TestLogs.write(sls, P, ls, 0, 2, 5, "after-empty");
        List<String> written = new ArrayList<>(after);
        written.add("e-1");
        h.connect.configureConnector("em", h.sourceConfig("em", ls, 1));
        List<ConsumerRecord<byte[], byte[]>> records = records(ConnectHarness.topic(ls), 3 + after.size());
        List<Rec> read = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) read.add(new Rec(r.topic(), r.partition(), null,
            KafkaTopics.JSON.readTree(r.value()), r.timestamp(), Map.of()));
        // The empty log and the empty-key log have no id: the ledger counts the logs that do.
        Delivery d = Delivery.of("empty-logs-groups-keys-values", written,
            read.stream().filter(r -> !r.id().isEmpty()).toList()).report(seconds(t0));
        assertEquals(Set.of(), d.missing(), d.summary());
        assertEquals(3 + after.size(), read.size(), "one record per log, none for empty groups");
        assertEquals("{\"__time__\":" + time + ",\"__topic__\":\"t\",\"__source__\":\"10.0.0.1\"}", read.get(0).value().toString(),
            "a log without contents is its metadata");
        assertEquals("empty key", read.get(1).value().get("").asText(), "an empty key is kept as the JSON name \"\"");
        assertEquals("", read.get(2).value().get("empty").asText(), "an empty value stays an empty string");
        String end = sls.endCursor(P, ls, 0);
        ConnectHarness.await(() -> h.connect.connectorOffsets("em").offsets().stream()
            .anyMatch(o -> end.equals(o.offset().get("cursor"))), WAIT, "offset past the empty groups at the end");
        h.connect.connectorStatus("em").tasks().forEach(t -> assertEquals("RUNNING", t.state(), t.trace()));
        h.connect.deleteConnector("em");
    }

    // ----- helpers

    private List<ConsumerRecord<byte[], byte[]>> records(String topic, int n) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "hostile-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        try (KafkaConsumer<byte[], byte[]> c = h.connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (out.size() < n && System.currentTimeMillis() < deadline) c.poll(Duration.ofMillis(500)).forEach(out::add);
            // A little longer, so an unexpected extra record is seen too.
            c.poll(Duration.ofMillis(1000)).forEach(out::add);
        }
        assertEquals(n, out.size(), "records in " + topic);
        return out;
    }

    /** What is left of the logstore's corruptNext rule (the emulator counts it down per damaged response). */
    private long remainingCorruptions(String ls) {
        for (String rule : sls.faults().describe()) {
            if (rule.startsWith("corruptNext") && rule.contains("logstore=" + ls + " ")) {
                return Long.parseLong(rule.replaceAll(".*remaining=(\\d+).*", "$1"));
            }
        }
        return 0;
    }

    private String taskState(String connector) {
        try {
            ConnectorStateInfo s = h.connect.connectorStatus(connector);
            return s.tasks().isEmpty() ? "NONE" : s.tasks().get(0).state();
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }

    /** A per-shard plugin metric of task 0, read from JMX. */
    private static long shardMetric(String connector, String ls, String metric) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0,logstore=" + ls + ",shard=0");
        long[] value = new long[1];
        ConnectHarness.await(() -> {
            try {
                value[0] = ((Number) server.getAttribute(name, metric)).longValue();
                return value[0] > 0;
            } catch (Exception e) {
                return false;
            }
        }, WAIT, metric + " of " + name);
        return value[0];
    }

    private static Set<String> ids(List<Rec> read) {
        Set<String> out = new java.util.HashSet<>();
        for (Rec r : read) out.add(r.id());
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var hd = r.headers().lastHeader(key);
        assertNotNull(hd, key);
        return new String(hd.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String firstLine(String trace) {
        int nl = trace.indexOf('\n');
        return nl < 0 ? trace : trace.substring(0, nl);
    }

    private static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }
}
