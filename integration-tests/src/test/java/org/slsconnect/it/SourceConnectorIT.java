package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.junit.jupiter.api.Test;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * The connector in a real Connect worker against the SLS emulator through the real SDK: every log arrives with
 * its fields, start positions are honoured, restarts and rescaling lose nothing, offsets and checkpoints agree.
 */
class SourceConnectorIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);



    private void run(String name, Map<String, String> config, int expectedTasks) throws InterruptedException {
        h.connect.configureConnector(name, config);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, expectedTasks, "connector did not start");
    }

    @Test
    void everyLogOfEveryShardAndLogstoreArrivesOnceWithItsFields() throws Exception {
        sls.createLogstore(ConnectHarness.PROJECT, "all_a", 4);
        sls.createLogstore(ConnectHarness.PROJECT, "all_b", 2);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < 4; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, "all_a", s, 20, 10, "a"));
        for (int s = 0; s < 2; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, "all_b", s, 20, 10, "b"));

        run("all", h.sourceConfig("all", "all_a,all_b", 3), 3);
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic("all_a"), ConnectHarness.topic("all_b")), written.size(), WAIT, false);

        assertEquals(Set.of(), KafkaTopics.missing(written, read), "missing logs");
        assertEquals(0, KafkaTopics.duplicates(read), "no restart happened, so no duplicate is allowed");
        for (Rec r : read) {
            String[] parts = r.id().split("-");           // prefix-shard-group-index
            String logstore = parts[0].equals("a") ? "all_a" : "all_b";
            int shard = Integer.parseInt(parts[1]);
            int seq = Integer.parseInt(parts[2]) * 10 + Integer.parseInt(parts[3]);
            assertEquals(ConnectHarness.topic(logstore), r.topic());
            assertEquals(ConnectHarness.PROJECT + "/" + logstore + "/" + shard, r.key(), "key keeps a shard in one partition");
            long ns = seq % 2 == 0 ? 0 : 1000L * seq;
            assertEquals((TestLogs.BASE_TIME + seq) * 1000 + ns / 1_000_000, r.timestamp(), "record timestamp is log time");
            assertEquals(TestLogs.BASE_TIME + seq, r.value().get("__time__").asLong());
            assertEquals("it-topic", r.value().get("__topic__").asText());
            assertEquals("10.0.0." + shard, r.value().get("__source__").asText());
            assertEquals("web-" + shard, r.value().get("__tag__:host").asText());
            assertEquals("héllo wörld 日志 " + r.id(), r.value().get("msg").asText());
            String eventId = r.headers().get("sls.event.id");
            assertTrue(eventId.startsWith(ConnectHarness.PROJECT + "/" + logstore + "/" + shard + "/"), eventId);
        }
        // Every shard is in exactly one task.
        Set<String> assigned = new HashSet<>();
        for (var task : h.connect.taskConfigs("all")) {
            for (String s : task.config().get("task.shards").split(",")) assertTrue(assigned.add(s), "assigned twice: " + s);
        }
        assertEquals(6, assigned.size());
        h.connect.deleteConnector("all");
    }

    @Test
    void startPositionEndSkipsOldDataAndTimeUsesReceiveTime() throws Exception {
        sls.createLogstore(ConnectHarness.PROJECT, "pos_end", 2);
        List<String> old = TestLogs.write(sls, ConnectHarness.PROJECT, "pos_end", 0, 5, 10, "old");
        Map<String, String> cfg = h.sourceConfig("pos-end", "pos_end", 1);
        cfg.put("start.position", "end");
        long cursorsBefore = sls.requestCount("GetCursor");
        run("pos-end", cfg, 1);
        // The task resolves "end" when it starts (one GetCursor per shard); write only after both are resolved.
        ConnectHarness.await(() -> sls.requestCount("GetCursor") >= cursorsBefore + 2, WAIT, "both shards positioned at their end");
        List<String> fresh = TestLogs.write(sls, ConnectHarness.PROJECT, "pos_end", 0, 3, 10, "new");
        fresh.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, "pos_end", 1, 3, 10, "new"));
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic("pos_end")), fresh.size(), WAIT, false);
        assertEquals(Set.of(), KafkaTopics.missing(fresh, read));
        for (Rec r : read) assertFalse(old.contains(r.id()), "start.position=end must not deliver old log " + r.id());
        h.connect.deleteConnector("pos-end");
    }

    @Test
    void startPositionConsumerGroupResumesFromTheGroupCheckpoint() throws Exception {
        sls.createLogstore(ConnectHarness.PROJECT, "pos_cg", 1);
        List<String> first = TestLogs.write(sls, ConnectHarness.PROJECT, "pos_cg", 0, 4, 10, "first");
        List<String> second = TestLogs.write(sls, ConnectHarness.PROJECT, "pos_cg", 0, 4, 10, "second");
        // A consumer-group program consumed the first 4 groups: its checkpoint is the cursor of group 4.
        com.aliyun.openservices.log.Client sdk = SdkClients.client(sls);
        String begin = sdk.GetCursor(ConnectHarness.PROJECT, "pos_cg", 0, com.aliyun.openservices.log.common.Consts.CursorMode.BEGIN).GetCursor();
        var pulled = sdk.pullLogs(new com.aliyun.openservices.log.request.PullLogsRequest(ConnectHarness.PROJECT, "pos_cg", 0, 4, begin));
        sdk.CreateConsumerGroup(ConnectHarness.PROJECT, "pos_cg", new com.aliyun.openservices.log.common.ConsumerGroup("python-consumer", 60, false));
        sdk.UpdateCheckPoint(ConnectHarness.PROJECT, "pos_cg", "python-consumer", 0, pulled.getNextCursor());

        Map<String, String> cfg = h.sourceConfig("pos-cg", "pos_cg", 1);
        cfg.put("start.position", "consumer_group");
        cfg.put("sls.consumer.group", "python-consumer");
        run("pos-cg", cfg, 1);
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic("pos_cg")), second.size(), WAIT, false);
        assertEquals(Set.of(), KafkaTopics.missing(second, read));
        for (Rec r : read) assertFalse(first.contains(r.id()), "already consumed by the group: " + r.id());
        h.connect.deleteConnector("pos-cg");
    }

    @Test
    void checkpointMirrorEqualsTheCommittedOffset() throws Exception {
        String ls = "mirror_ls";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < 2; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 7, 3, "m"));
        run("mirror", h.sourceConfig("mirror", ls, 2), 2);
        KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        ConnectHarness.await(() -> {
            ConnectorOffsets offsets = h.connect.connectorOffsets("mirror");
            if (offsets.offsets().size() != 2) return false;
            for (ConnectorOffset o : offsets.offsets()) {
                int shard = ((Number) o.partition().get("shard")).intValue();
                String cursor = (String) o.offset().get("cursor");
                if (!cursor.equals(sls.checkpoint(ConnectHarness.PROJECT, ls, "kafka-connect-mirror", shard))) return false;
            }
            return true;
        }, WAIT, "consumer-group checkpoints equal to the committed Connect offsets");
        // All read: the committed cursor of each shard is its end.
        for (ConnectorOffset o : h.connect.connectorOffsets("mirror").offsets()) {
            assertEquals(0L, ((Number) o.offset().get("skip")).longValue());
        }
        // Per-shard metrics are published through Connect's plugin metrics (JMX).
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        Set<javax.management.ObjectName> names = jmx.queryNames(
            new javax.management.ObjectName("kafka.connect:type=plugins,connector=mirror,*"), null);
        long records = 0;
        int shards = 0;
        for (javax.management.ObjectName n : names) {
            if (n.getKeyProperty("shard") == null) continue;
            shards++;
            records += ((Number) jmx.getAttribute(n, "sls-records-total")).longValue();
            assertEquals(0L, ((Number) jmx.getAttribute(n, "sls-lag-ms")).longValue(), "caught up: " + n);
        }
        assertEquals(2, shards, "one metrics bean per shard: " + names);
        assertEquals(written.size(), records);
        h.connect.deleteConnector("mirror");
    }

    @Test
    void offsetsRestApiResetsAndMovesAShard() throws Exception {
        String ls = "offsets_ls";
        sls.createLogstore(ConnectHarness.PROJECT, ls, 1);
        List<String> written = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 5, 10, "o");
        run("offsets", h.sourceConfig("offsets", ls, 1), 1);
        KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        ConnectHarness.await(() -> !h.connect.connectorOffsets("offsets").offsets().isEmpty(), WAIT, "committed offset");

        // Move shard 0 back to the 3rd log of its 2nd group: exactly the logs from there on are delivered again.
        h.connect.stopConnector("offsets");
        h.connect.assertions().assertConnectorIsStopped("offsets", "connector did not stop");
        com.aliyun.openservices.log.Client sdk = SdkClients.client(sls);
        String begin = sdk.GetCursor(ConnectHarness.PROJECT, ls, 0, com.aliyun.openservices.log.common.Consts.CursorMode.BEGIN).GetCursor();
        String second = sdk.pullLogs(new com.aliyun.openservices.log.request.PullLogsRequest(ConnectHarness.PROJECT, ls, 0, 1, begin)).getNextCursor();
        Map<String, Object> partition = new HashMap<>();
        partition.put("project", ConnectHarness.PROJECT);
        partition.put("logstore", ls);
        partition.put("shard", 0);
        Map<String, Object> offset = new HashMap<>();
        offset.put("cursor", second);
        offset.put("skip", 2);
        h.connect.alterSourceConnectorOffset("offsets", partition, offset);
        assertEquals(second, sls.checkpoint(ConnectHarness.PROJECT, ls, "kafka-connect-offsets", 0),
            "the consumer-group mirror follows an offsets change");
        int before = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false).size();
        h.connect.resumeConnector("offsets");
        int expectedAgain = 4 * 10 - 2;
        ConnectHarness.await(() -> KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), before + expectedAgain,
            Duration.ofSeconds(5), false).size() >= before + expectedAgain, WAIT, "re-delivery after PATCH offsets");
        List<Rec> after = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        assertEquals(before + expectedAgain, after.size(), "exactly the logs after the new offset are delivered again");
        assertEquals("o-0-1-2", after.get(before).id());

        // Reset: everything again from the start position.
        h.connect.stopConnector("offsets");
        h.connect.assertions().assertConnectorIsStopped("offsets", "connector did not stop");
        h.connect.resetConnectorOffsets("offsets");
        h.connect.resumeConnector("offsets");
        int total = after.size() + written.size();
        ConnectHarness.await(() -> {
            int n = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), Duration.ofSeconds(5), false).size();
            return n >= total;
        }, WAIT, "re-delivery after DELETE offsets");
        h.connect.deleteConnector("offsets");
    }

    @Test
    void validateNamesTheBadFieldAndHidesTheSecret() {
        sls.createLogstore(ConnectHarness.PROJECT, "valid_ls", 1);
        Map<String, String> cfg = h.sourceConfig("v", "valid_ls,no_such_logstore", 1);
        Map<String, List<String>> errors = errors(h.connect.validateConnectorConfig(
            "org.slsconnect.source.SlsSourceConnector", cfg));
        assertEquals(Set.of("sls.logstores"), errors.keySet(), errors.toString());
        assertTrue(errors.get("sls.logstores").get(0).contains("LogStoreNotExist"), errors.toString());

        cfg = h.sourceConfig("v", "valid_ls", 1);
        cfg.put("sls.access.key.secret", "wrong-secret-value");
        errors = errors(h.connect.validateConnectorConfig("org.slsconnect.source.SlsSourceConnector", cfg));
        assertEquals(Set.of("sls.access.key.secret"), errors.keySet(), errors.toString());
        assertFalse(errors.toString().contains("wrong-secret-value"));

        cfg = h.sourceConfig("v", "valid_ls", 1);
        cfg.remove("sls.endpoint");
        cfg.put("fetch.log.groups", "5000");
        cfg.put("start.position", "yesterday");
        errors = errors(h.connect.validateConnectorConfig("org.slsconnect.source.SlsSourceConnector", cfg));
        assertEquals(Set.of("sls.endpoint", "fetch.log.groups", "start.position"), errors.keySet(), errors.toString());
        String all = h.connect.validateConnectorConfig("org.slsconnect.source.SlsSourceConnector", cfg).toString();
        assertFalse(all.contains(ConnectHarness.ACCESS_KEY_SECRET), "secret must be hidden in the REST answer");
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().errors().isEmpty()) out.put(info.configValue().name(), info.configValue().errors());
        }
        return out;
    }
}
