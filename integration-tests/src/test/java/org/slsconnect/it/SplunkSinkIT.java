package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.PrivateCa;
import org.slsconnect.emulator.hec.ReceivedEvent;
import org.slsconnect.emulator.sls.LogGroupBuilder;

/**
 * The whole pair as users run it: SLS emulator -> our source -> Kafka -> Splunk's own sink (Splunk Connect for Kafka
 * v2.2.1, {@link SplunkSinkJar}) -> HEC emulator over https with a certificate from a private CA. Starts from the
 * files of {@code connector-config/} ({@link ShippedConfigs}): the sink is POSTed before its topics exist, a logstore
 * is added later, part of the logs are a 30-day-old backfill, and every log must be at HEC once with its time
 * (to the millisecond; the exact time stays in the event), index, sourcetype, source and host. A second test runs
 * the alternative for microsecond times and indexed fields: {@code hec_event} with the sink's
 * {@code json.event.formatted} mode.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplunkSinkIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long NOW = System.currentTimeMillis() / 1000;
    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    private Path dir;
    private PrivateCa ca;
    private HecEmulator hec;
    private ConnectHarness h;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("splunk-sink-it");
        ca = PrivateCa.create(dir.resolve("ca"), "it-private-ca", "127.0.0.1", "localhost");
        hec = HecEmulator.builder().port(0).token(ShippedConfigs.HEC_TOKEN, true).storeConfigChecks(false)
            .tls(ca.serverContext()).build().start();
        Map<String, String> worker = new HashMap<>(SplunkSinkJar.workerProps());
        worker.putAll(ShippedConfigs.workerProps());
        // Retention checks every second instead of every 5 minutes, so a record the broker may delete is deleted now.
        h = new ConnectHarness(worker, Map.of("log.retention.check.interval.ms", "1000"), 1);
        h.sls.createProject(ShippedConfigs.PROJECT);
    }

    @AfterAll
    void stop() {
        if (h != null) h.close();
        if (hec != null) hec.close();
    }

    @Test
    void shippedConfigsSinkFirstDeliverEveryLogOnceOverHttpsIncludingALogstoreAddedLaterAndA30DayOldBackfill() throws Exception {
        String project = ShippedConfigs.PROJECT;
        Map<String, Expected> expected = new LinkedHashMap<>();
        Path secrets = dir.resolve("secrets");
        Map<String, String> source = ShippedConfigs.source(h.sls, secrets, null);   // the shipped logstores
        Map<String, String> sink = ShippedConfigs.sink(hec, ca, secrets);
        List<String> logstores = List.of(source.get("sls.logstores").split(","));
        assertEquals(List.of("actiontrail_trail", "nginx-access"), logstores, "the shipped logstores this test writes");
        for (String ls : logstores) h.sls.createLogstore(project, ls, 2);
        // ActionTrail: half of it a backfill 30 days old; nginx: recent.
        write(project, "actiontrail_trail", 0, "actiontrail_audit_event", NOW - THIRTY_DAYS, 300, expected);
        write(project, "actiontrail_trail", 1, "actiontrail_audit_event", NOW - 600, 300, expected);
        write(project, "nginx-access", 0, "", NOW - 600, 300, expected);
        write(project, "nginx-access", 1, "", NOW - 600, 300, expected);

        // Sink first, as "set up Splunk, then start the source" goes: its topics do not exist yet.
        h.connect.configureConnector(sink.get("name"), sink);
        Instant posted = Instant.now();
        h.connect.configureConnector(source.get("name"), source);
        awaitAtHec(expected.keySet(), "every log of the shipped logstores at HEC");
        Instant first = hec.dataEvents().stream().filter(e -> e.source().startsWith("sls:" + project + "/"))
            .map(ReceivedEvent::receivedAt).min(Instant::compareTo).orElseThrow();
        System.out.printf("SHIPPED CONFIGS: POST of the source to the first event at HEC: %.1f s (sink POSTed first; "
            + "splunk.flush.window=%s, ack poll %s s)%n", Duration.between(posted, first).toMillis() / 1000.0,
            sink.get("splunk.flush.window"), sink.get("splunk.hec.ack.poll.interval"));

        assertEveryLogOnceWithItsMetadata(expected, hec.dataEvents());

        // A logstore added later: a new topic the sink's topics.regex consumer must find within seconds.
        h.sls.createLogstore(project, "waf", 2);
        source.put("sls.logstores", source.get("sls.logstores") + ",waf");
        Map<String, Expected> later = new LinkedHashMap<>();
        write(project, "waf", 0, "", NOW - 60, 50, later);
        write(project, "waf", 1, "", NOW - 60, 50, later);
        expected.putAll(later);
        Instant added = Instant.now();
        h.connect.configureConnector(source.get("name"), source);
        awaitAtHec(later.keySet(), "the added logstore's logs at HEC");
        Duration addedToHec = Duration.between(added, Instant.now());
        System.out.printf("SHIPPED CONFIGS: logstore added to the source config to its logs at HEC: %.1f s%n",
            addedToHec.toMillis() / 1000.0);
        assertTrue(addedToHec.compareTo(Duration.ofSeconds(60)) < 0,
            "a new logstore reaches HEC within seconds, not at the sink's next 5-minute metadata refresh: " + addedToHec);

        assertEveryLogOnceWithItsMetadata(expected, hec.dataEvents());   // the added logstore too, and no re-sends

        try (Admin admin = h.connect.kafka().createAdminClient()) {
            for (String ls : List.of("actiontrail_trail", "nginx-access", "waf")) {
                String topic = "sls." + project + "." + ls;
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
                assertEquals(Integer.parseInt(source.get("topic.creation.default.partitions")), partitions, topic);
            }
            // The trap the shipped retention avoids: with the broker's default (7 days by time), a 30-day-old record
            // is deleted within a retention check. Once that happened here, the shipped topic must still hold all.
            String control = "retention-control";
            admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            Properties p = new Properties();
            p.put("bootstrap.servers", h.connect.kafka().bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(control, null, (NOW - THIRTY_DAYS) * 1000, null, "old".getBytes())).get();
            }
            ConnectHarness.await(() -> KafkaTopics.startOffsets(admin, control) > 0, Duration.ofSeconds(60),
                "the broker's default retention to delete a 30-day-old record");
            String backfilled = "sls." + project + ".actiontrail_trail";
            assertEquals(0, KafkaTopics.startOffsets(admin, backfilled), "the shipped retention kept the 30-day-old backfill");
            var configs = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, backfilled)))
                .all().get(10, TimeUnit.SECONDS).values().iterator().next();
            assertEquals(source.get("topic.creation.default.retention.ms"), configs.get("retention.ms").value());
        }
    }

    @Test
    void hecEventWithTheSinksFormattedModeDeliversMicrosecondTimesAndIndexedFields() throws Exception {
        String project = ShippedConfigs.PROJECT;
        Path secrets = dir.resolve("secrets-hec-event");
        Map<String, String> source = ShippedConfigs.source(h.sls, secrets, "fmt_a");
        source.put("name", "hec-event-source");
        source.put("record.format", "hec_event");
        source.put("hec.event.fields", "project,logstore,shard");
        // Topics of their own: the shipped sink of the other test (default mode) must not read these hec_event
        // values, nor this sink that test's flat_json values.
        source.put("topic.pattern", "fmt.${project}.${logstore}");
        Map<String, String> sink = ShippedConfigs.sink(hec, ca, secrets);
        sink.put("name", "hec-event-sink");
        sink.put("topics.regex", "fmt\\..+");
        sink.put("splunk.hec.json.event.formatted", "true");   // the record value is the whole HEC event
        h.sls.createLogstore(project, "fmt_a", 2);
        Map<String, Expected> expected = new LinkedHashMap<>();
        write(project, "fmt_a", 0, "", NOW - 600, 200, expected);
        write(project, "fmt_a", 1, "", NOW - 600, 200, expected);
        h.connect.configureConnector(sink.get("name"), sink);
        h.connect.configureConnector(source.get("name"), source);
        awaitAtHec(expected.keySet(), "every hec_event log at HEC");

        List<ReceivedEvent> events = hec.dataEvents().stream().filter(e -> e.source().equals("sls:" + project + "/fmt_a")).toList();
        Map<String, Long> counts = events.stream().collect(Collectors.groupingBy(e -> e.event().path("id").asText(), Collectors.counting()));
        assertEquals(expected.keySet(), counts.keySet());
        assertEquals(Set.of(1L), Set.copyOf(counts.values()), "every log once");
        for (ReceivedEvent e : events) {
            Expected x = expected.get(e.event().path("id").asText());
            BigDecimal time = BigDecimal.valueOf(x.timeSec).add(BigDecimal.valueOf(x.ns / 1000, 6));   // µs, truncated
            assertEquals(0, e.time().compareTo(time), "time to the microsecond: " + e);
            assertEquals("main", e.index(), "no index rule for fmt_a: no index in the event, the token's default index");
            assertEquals("alicloud:sls:fmt_a", e.sourcetype());
            assertEquals(x.host, e.host());
            assertEquals(Map.of("sls_project", project, "sls_logstore", "fmt_a", "sls_shard", Integer.toString(x.shard)),
                e.fields(), "indexed fields");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Expected(String logstore, int shard, String topic, long timeSec, int ns, String host) {}

    private void write(String project, String ls, int shard, String topic, long firstSec, int logs, Map<String, Expected> out) {
        int perGroup = 50;
        for (int g = 0; g * perGroup < logs; g++) {
            String host = "host-" + ls + "-" + shard;
            LogGroupBuilder b = new LogGroupBuilder().topic(topic).source("10.0.0." + shard).tag("__hostname__", host);
            for (int i = 0; i < perGroup; i++) {
                int n = g * perGroup + i;
                String id = project + "/" + ls + "/" + shard + "/" + n;
                long sec = firstSec + n;
                int ns = (n * 7_919 % 1000) * 1_000_000 + (n % 1000) * 1000 + 7;   // ms, µs and ns parts
                if (topic.equals("actiontrail_audit_event")) {
                    b.log(sec, ns, "id", id, "event", "{\"eventName\":\"DeleteBucket\",\"eventTime\":\"x\"}", "owner_id", "123");
                } else {
                    b.log(sec, ns, "id", id, "request", "GET /index.html " + n);
                }
                out.put(id, new Expected(ls, shard, topic, sec, ns, host));
            }
            h.sls.appendLogGroup(project, ls, shard, b.build());
        }
    }

    private void awaitAtHec(Set<String> ids, String what) {
        ConnectHarness.await(() -> idsAtHec().containsAll(ids), WAIT, what);
    }

    private Set<String> idsAtHec() {
        return hec.dataEvents().stream().map(SplunkSinkIT::logId).collect(Collectors.toSet());
    }

    /** The {@code id} content of the log an event carries, in either sink mode. */
    static String logId(ReceivedEvent e) {
        return e.event().isObject() ? e.event().path("id").asText() : flatId(e);   // hec_event : flat_json
    }

    private static String flatId(ReceivedEvent e) {
        try {
            return KafkaTopics.JSON.readTree(e.eventText()).path("id").asText();
        } catch (Exception notJson) {
            return "";
        }
    }

    /**
     * flat_json through the shipped sink (its default event mode): the event is the log, the time is the record
     * timestamp (the log time in ms), and host, source, sourcetype and index come from the record's headers.
     */
    private static void assertEveryLogOnceWithItsMetadata(Map<String, Expected> expected, List<ReceivedEvent> all) throws Exception {
        Set<String> sources = expected.values().stream().map(x -> "sls:" + ShippedConfigs.PROJECT + "/" + x.logstore)
            .collect(Collectors.toSet());
        List<ReceivedEvent> events = all.stream().filter(e -> sources.contains(e.source())).toList();   // not the other test's
        Map<String, Long> counts = events.stream().collect(Collectors.groupingBy(SplunkSinkIT::flatId, Collectors.counting()));
        assertEquals(expected.keySet(), counts.keySet(), "the logs at HEC");
        List<String> dups = counts.entrySet().stream().filter(c -> c.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        assertEquals(List.of(), dups.subList(0, Math.min(20, dups.size())), dups.size() + " logs more than once");
        List<String> wrong = new ArrayList<>();
        for (ReceivedEvent e : events) {
            var log = KafkaTopics.JSON.readTree(e.eventText());
            Expected x = expected.get(log.path("id").asText());
            long timeMillis = x.timeSec * 1000 + x.ns / 1_000_000;
            String index = x.logstore.equals("actiontrail_trail") ? "alicloud_audit" : x.logstore.equals("nginx-access") ? "web" : "main";
            String sourcetype = x.topic.equals("actiontrail_audit_event") ? "alicloud:actiontrail" : "alicloud:sls:" + x.logstore;
            // The event keeps the exact log time, nanoseconds included.
            boolean exactTimeInEvent = log.path("__time__").asLong() == x.timeSec && log.path("__time_ns_part__").asInt() == x.ns;
            if (!Long.valueOf(timeMillis).equals(e.timeMillis()) || !exactTimeInEvent || !index.equals(e.index())
                || !sourcetype.equals(e.sourcetype()) || !("sls:" + ShippedConfigs.PROJECT + "/" + x.logstore).equals(e.source())
                || !x.host.equals(e.host()) || !e.fields().isEmpty()) {
                wrong.add("expected time " + timeMillis + " ms (event: " + x.timeSec + " s + " + x.ns + " ns) index " + index
                    + " sourcetype " + sourcetype + " host " + x.host + ", no indexed fields, got " + e);
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(5, wrong.size())), wrong.size() + " events with wrong metadata");
    }

    /** Splunk's sink reading {@code topic} into {@code hec} (http) in json.event.formatted mode, acks and headers on. */
    static Map<String, String> sinkConfig(String topic, HecEmulator hec) {
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "com.splunk.kafka.connect.SplunkSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", topic);
        sink.put("splunk.hec.uri", hec.url());
        sink.put("splunk.hec.token", "it-hec-token");
        sink.put("splunk.hec.ack.enabled", "true");
        sink.put("splunk.hec.ack.poll.interval", "1");
        sink.put("splunk.hec.json.event.formatted", "true");
        sink.put("splunk.header.support", "true");
        sink.put("splunk.hec.raw", "false");
        sink.put("splunk.flush.window", "1");
        sink.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        sink.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
        return sink;
    }
}
