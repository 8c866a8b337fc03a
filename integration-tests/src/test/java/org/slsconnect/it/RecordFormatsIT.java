package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.LogGroupBuilder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Each record format through a real worker with the converter the docs recommend, on real-looking logs:
 * ActionTrail events with nested JSON, nginx access logs, tags, the nanosecond part, unicode, long values.
 */
class RecordFormatsIT extends HarnessIT {

    private static final String ACTIONTRAIL_EVENT = "{\"eventId\":\"a1b2\",\"eventName\":\"ConsoleSignin\","
        + "\"userIdentity\":{\"type\":\"ram-user\",\"userName\":\"张三\"},\"sourceIpAddress\":\"203.0.113.7\","
        + "\"requestParameters\":{\"nested\":{\"list\":[1,2,3]}}}";
    private static final String LONG_VALUE = "x".repeat(200_000) + "✓";
    /** Reads decimals exactly, so the HEC time's digits can be compared as written. */
    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final long time = System.currentTimeMillis() / 1000 - 60;

    /** One ActionTrail group and one nginx group with a tag; 3 logs in all. */
    private void writeSample(String ls) {
        sls.createLogstore(ConnectHarness.PROJECT, ls, 1);
        sls.appendLogGroup(ConnectHarness.PROJECT, ls, 0, new LogGroupBuilder()
            .topic("actiontrail_audit_event").source("10.0.0.12").tag("__hostname__", "trail-01")
            .log(time, 123456789, "id", "at-1", "event", ACTIONTRAIL_EVENT, "owner_id", "1234567890")
            .log(time + 1, null, "id", "at-2", "event", "not json {", "note", LONG_VALUE)
            .build());
        sls.appendLogGroup(ConnectHarness.PROJECT, ls, 0, new LogGroupBuilder()
            .topic("nginx").source("10.0.0.20")
            .log(time + 2, 5_000_000, "id", "web-1", "remote_addr", "198.51.100.4", "request",
                "GET /index.html?q=日志 HTTP/1.1", "status", "200", "http_user_agent", "Mozilla/5.0 (X11; Linux) 🚀")
            .build());
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int n) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "formats-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        try (KafkaConsumer<byte[], byte[]> c = h.connect.kafka().createConsumerAndSubscribeTo(props, topic)) {
            while (out.size() < n && System.currentTimeMillis() < deadline) c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        assertEquals(n, out.size(), "records in " + topic);
        out.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return out;
    }

    private String runConnector(String name, String ls, Map<String, String> overrides) throws InterruptedException {
        writeSample(ls);
        Map<String, String> cfg = h.sourceConfig(name, ls, 1);
        cfg.putAll(overrides);
        h.connect.configureConnector(name, cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "not running");
        return ConnectHarness.topic(ls);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void hecEventWithStringConverterIsWhatSplunksFormattedModeSends() throws Exception {
        String topic = runConnector("fmt-hec", "fmt_hec", Map.of("record.format", "hec_event",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter",
            "header.converter", "org.apache.kafka.connect.storage.StringConverter"));
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);

        JsonNode at1 = EXACT.readTree(records.get(0).value());
        assertEquals(time + ".123456", at1.get("time").decimalValue().toPlainString(), "seconds with microseconds from the ns part");
        assertEquals("alicloud:actiontrail", at1.get("sourcetype").asText());
        assertEquals("sls:" + ConnectHarness.PROJECT + "/fmt_hec", at1.get("source").asText());
        assertEquals("10.0.0.12", at1.get("host").asText());
        assertTrue(at1.path("index").isMissingNode(), "no index configured: the token default applies");
        JsonNode event = at1.get("event");
        assertEquals("at-1", event.get("id").asText());
        assertEquals("张三", event.get("event").get("userIdentity").get("userName").asText(), "ActionTrail event unfolded");
        assertEquals(3, event.get("event").get("requestParameters").get("nested").get("list").size());
        assertEquals("trail-01", event.get("__tag__:__hostname__").asText());
        assertEquals(ConnectHarness.PROJECT, at1.get("fields").get("sls_project").asText());
        assertEquals("alicloud:actiontrail", header(records.get(0), "splunk.header.sourcetype"));
        assertEquals(time * 1000 + 123, records.get(0).timestamp());

        JsonNode at2 = KafkaTopics.JSON.readTree(records.get(1).value()).get("event");
        assertEquals("not json {", at2.get("event").asText(), "invalid JSON stays a string");
        assertTrue(at2.get("__unfold_error__").toString().contains("event"), at2.toString());
        assertEquals(LONG_VALUE, at2.get("note").asText());

        JsonNode web = EXACT.readTree(records.get(2).value());
        assertEquals("alicloud:sls:fmt_hec", web.get("sourcetype").asText());
        assertEquals("GET /index.html?q=日志 HTTP/1.1", web.get("event").get("request").asText());
        assertEquals("Mozilla/5.0 (X11; Linux) 🚀", web.get("event").get("http_user_agent").asText());
        assertEquals(0, new java.math.BigDecimal((time + 2) + ".005").compareTo(web.get("time").decimalValue()));
        h.connect.deleteConnector("fmt-hec");
    }

    @Test
    void structuredWithJsonConverterCarriesSchemaAndEveryField() throws Exception {
        String topic = runConnector("fmt-struct", "fmt_struct", Map.of("record.format", "structured",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable", "true"));
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);
        JsonNode first = KafkaTopics.JSON.readTree(records.get(0).value());
        assertEquals("org.slsconnect.sls.Log", first.get("schema").get("name").asText());
        JsonNode p = first.get("payload");
        assertEquals(time * 1000 + 123, p.get("time").asLong());
        assertEquals(123456789, p.get("time_ns_part").asInt());
        assertEquals("actiontrail_audit_event", p.get("topic").asText());
        assertEquals("10.0.0.12", p.get("source").asText());
        assertEquals("trail-01", p.get("tags").get("__hostname__").asText());
        assertEquals(ACTIONTRAIL_EVENT, p.get("contents").get("event").asText(), "structured keeps contents as strings");
        assertEquals("fmt_struct", p.get("logstore").asText());
        assertEquals(0, p.get("shard").asInt());
        assertEquals(header(records.get(0), "sls.event.id"), p.get("event_id").asText());
        assertEquals(LONG_VALUE, KafkaTopics.JSON.readTree(records.get(1).value()).get("payload").get("contents").get("note").asText());
        h.connect.deleteConnector("fmt-struct");
    }

    @Test
    void flatJsonAsBytesWithByteArrayConverter() throws Exception {
        String topic = runConnector("fmt-bytes", "fmt_bytes", Map.of("record.format", "flat_json",
            "record.value.type", "bytes",
            "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 3);
        JsonNode web = KafkaTopics.JSON.readTree(records.get(2).value());
        assertEquals(time + 2, web.get("__time__").asLong());
        assertEquals(5_000_000, web.get("__time_ns_part__").asInt());
        assertEquals("nginx", web.get("__topic__").asText());
        assertEquals("198.51.100.4", web.get("remote_addr").asText());
        assertEquals("Mozilla/5.0 (X11; Linux) 🚀", web.get("http_user_agent").asText());
        JsonNode at1 = KafkaTopics.JSON.readTree(records.get(0).value());
        assertEquals("ConsoleSignin", at1.get("event").get("eventName").asText(), "unfolded in flat_json too");
        h.connect.deleteConnector("fmt-bytes");
    }
}
