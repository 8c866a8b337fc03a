package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/** record.format=flat_json through StringConverter, as a worker runs it. */
class FlatJsonFormatTest {

    private static final Map<String, String> FLAT = props("record.format", "flat_json");

    @Test
    void nginxLogRoundTripsEveryField() {
        FastLogGroup g = nginxGroup();
        SlsRecord r = map(FLAT, SHARD, g, 0);
        assertEquals(Schema.STRING_SCHEMA, r.valueSchema());
        assertEquals(1700000000_000L, r.timestamp());
        assertEquals("sls.my-proj.nginx-access", r.topic());
        assertEquals("my-proj/nginx-access/3", r.key());
        JsonNode v = viaStringConverter(r);
        assertEquals(List.of("__time__", "__topic__", "__source__", "__tag__:__hostname__", "__tag__:__path__",
            "remote_addr", "time_local", "request", "status", "body_bytes_sent", "http_referer", "http_user_agent",
            "request_time", "msg"), names(v));
        assertTrue(v.get("__time__").isIntegralNumber());
        assertEquals(1700000000L, v.get("__time__").asLong());
        assertEquals("", v.get("__topic__").asText());
        assertEquals("10.0.0.12", v.get("__source__").asText());
        assertEquals("web-01", v.get("__tag__:__hostname__").asText());
        assertEquals("/var/log/nginx/access.log", v.get("__tag__:__path__").asText());
        assertEquals("GET /search?q=%E6%97%A5%E5%BF%97&lang=zh HTTP/1.1", v.get("request").asText());
        assertEquals("200", v.get("status").asText());   // SLS values are strings and stay strings
        assertEquals(USER_AGENT, v.get("http_user_agent").asText());
        assertEquals("日志 ✓ 🚀 \"quoted\" \\ back\nslash\ttab\u0001ctl", v.get("msg").asText());
    }

    @Test
    void nanosecondPartIsKeptAndInTheRecordTimestamp() {
        SlsRecord r = map(FLAT, SHARD, nginxGroup(), 1);
        assertEquals(1700000002_005L, r.timestamp());
        JsonNode v = viaStringConverter(r);
        assertEquals(1700000002L, v.get("__time__").asLong());
        assertEquals(5_000_000, v.get("__time_ns_part__").asInt());
    }

    @Test
    void actionTrailEventIsUnfoldedIntoAnObject() throws Exception {
        JsonNode v = viaStringConverter(map(FLAT, TRAIL_SHARD, trailGroup(), 0));
        assertEquals("actiontrail_audit_event", v.get("__topic__").asText());
        assertEquals(123456789, v.get("__time_ns_part__").asInt());
        assertTrue(v.get("event").isObject());
        assertEquals(MAPPER.readTree(TRAIL_EVENT), v.get("event"));
        assertEquals("张三 🚀", v.at("/event/userIdentity/userName").asText());
        assertEquals("1234567890", v.get("owner_id").asText());
        assertFalse(v.has("__unfold_error__"));
    }

    @Test
    void unfoldingIsPerTopic() {
        // The same field in another topic stays a string.
        FastLogGroup g = LogGroups.group().topic("other").log(1, -1, "event", "{\"a\":1}").build();
        assertEquals("{\"a\":1}", viaStringConverter(map(FLAT, SHARD, g, 0)).get("event").asText());
        // "*" unfolds a field in every topic, and several fields can be listed.
        JsonNode v = viaStringConverter(map(props("json.unfold.fields", "*:event, other:extra"), SHARD,
            LogGroups.group().topic("other").log(1, -1, "event", "{\"a\":1}", "extra", "[1,{\"b\":[]}]").build(), 0));
        assertEquals(1, v.at("/event/a").asInt());
        assertTrue(v.get("extra").isArray());
        // An empty list turns unfolding off.
        assertTrue(viaStringConverter(map(props("json.unfold.fields", ""), TRAIL_SHARD, trailGroup(), 0)).get("event").isTextual());
    }

    @Test
    void valuesThatAreNotJsonObjectsStayStringsAndAreFlagged() {
        String[] bad = {"not json {", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "123", "\"text\"", "null", "",
            "{\"a\":", "{\"a\":01}", "{'a':1}", "{\"a\":\"x\u0000y\"}", "\uFEFF{\"a\":1}"};
        for (String value : bad) {
            FastLogGroup g = LogGroups.group().topic("actiontrail_audit_event").log(1, -1, "event", value, "k", "v").build();
            JsonNode v = viaStringConverter(map(FLAT, TRAIL_SHARD, g, 0));
            assertEquals(value, v.get("event").asText(), value);
            assertEquals("[\"event\"]", v.get("__unfold_error__").toString(), value);
            assertEquals("v", v.get("k").asText());
        }
        // Surrounding whitespace and pretty-printing are fine.
        FastLogGroup g = LogGroups.group().topic("actiontrail_audit_event").log(1, -1, "event", " \n{ \"a\" : [1, 2] }\r\n").build();
        JsonNode v = viaStringConverter(map(FLAT, TRAIL_SHARD, g, 0));
        assertEquals("[1,2]", v.at("/event/a").toString());
    }

    @Test
    void veryLongValuesRoundTrip() throws Exception {
        String big = "x".repeat(700_000) + "日志🚀\"\\" + "y".repeat(350_000);
        String bigJson = "{\"payload\":\"" + big.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"n\":[1,2,3]}";
        FastLogGroup g = LogGroups.group().topic("actiontrail_audit_event")
            .log(1700000000L, 1, "message", big, "event", bigJson).build();
        // 2.1 MB: over the default record.max.bytes, so raised (as with a raised producer max.request.size).
        Map<String, String> props = new java.util.HashMap<>(FLAT);
        props.put("record.max.bytes", "3000000");
        JsonNode v = viaStringConverter(map(props, TRAIL_SHARD, g, 0));
        assertEquals(big, v.get("message").asText());
        assertEquals(big, v.at("/event/payload").asText());
        assertEquals(MAPPER.readTree(bigJson), v.get("event"));
        // The next record on the same thread is small again and correct (the buffer is reused).
        assertEquals("404", viaStringConverter(map(FLAT, SHARD, nginxGroup(), 1)).get("status").asText());
    }

    @Test
    void manyFieldsRoundTripInOrder() {
        Object[] kv = new Object[10_000];
        for (int i = 0; i < 5000; i++) {
            kv[2 * i] = "field_" + i;
            kv[2 * i + 1] = "值" + i;
        }
        FastLogGroup g = LogGroups.group().topic("t").log(1700000000L, -1, kv).build();
        JsonNode v = viaStringConverter(map(FLAT, SHARD, g, 0));
        List<String> names = names(v);
        assertEquals(5003, names.size());
        for (int i = 0; i < 5000; i++) {
            assertEquals("field_" + i, names.get(3 + i));
            assertEquals("值" + i, v.get("field_" + i).asText());
        }
    }

    @Test
    void emptyLogIsStillANonEmptyObject() {
        FastLogGroup g = LogGroups.group().log(1700000000L, -1).build();
        SlsRecord r = map(FLAT, SHARD, g, 0);
        assertEquals("{\"__time__\":1700000000,\"__topic__\":\"\",\"__source__\":\"\"}", r.value());
    }

    @Test
    void bytesValueTypeGivesTheSameKafkaBytes() {
        FastLogGroup g = trailGroup();
        SlsRecord asString = map(FLAT, TRAIL_SHARD, g, 0);
        SlsRecord asBytes = map(props("record.value.type", "bytes"), TRAIL_SHARD, g, 0);
        assertEquals(Schema.BYTES_SCHEMA, asBytes.valueSchema());
        StringConverter sc = new StringConverter();
        sc.configure(Map.of(), false);
        // ByteArrayConverter (connect-runtime) hands a byte[] value to Kafka unchanged.
        assertArrayEquals(sc.fromConnectData("t", asString.valueSchema(), asString.value()), (byte[]) asBytes.value());
    }

    @Test
    void mapperIsSafeToShareBetweenThreads() throws Exception {
        RecordMapper mapper = mapper(FLAT);
        FastLogGroup nginx = nginxGroup();
        FastLogGroup trail = trailGroup();
        String expectNginx = (String) mapper.map(SHARD, nginx, nginx.getLogs(0), CURSOR, 0, Map.of()).value();
        String expectTrail = (String) mapper.map(TRAIL_SHARD, trail, trail.getLogs(0), CURSOR, 0, Map.of()).value();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        assertEquals(expectNginx, mapper.map(SHARD, nginx, nginx.getLogs(0), CURSOR, 0, Map.of()).value());
                        assertEquals(expectTrail, mapper.map(TRAIL_SHARD, trail, trail.getLogs(0), CURSOR, 0, Map.of()).value());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        assertEquals(List.of(), errors);
    }

    static List<String> names(JsonNode v) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
