package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.RecordFormatConfig.DuplicateKeyPolicy;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Key collisions, duplicate keys and invalid UTF-8, in flat_json and hec_event. */
class PoliciesTest {

    /** Fails on a duplicate key: no output may ever contain one, whatever the policy. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static String flat(Map<String, String> props, FastLogGroup g) throws Exception {
        String json = (String) map(props, SHARD, g, 0).value();
        STRICT.readTree(json);
        props.put("record.format", "hec_event");
        STRICT.readTree((String) map(props, SHARD, g, 0).value());
        return json;
    }

    private static FastLogGroup colliding() {
        return LogGroups.group().topic("real-topic").source("1.2.3.4").tag("host", "h1")
            .log(1700000000L, -1, "__topic__", "c-topic", "__source__", "c-source", "__time__", "c-time",
                "__tag__:host", "c-tag", "__tag__:absent", "no clash", "__time_ns_part__", "no ns here", "x", "1")
            .build();
    }

    @Test
    void collisionPrefixKeepsBoth() throws Exception {
        assertEquals("{\"__time__\":1700000000,\"__topic__\":\"real-topic\",\"__source__\":\"1.2.3.4\",\"__tag__:host\":\"h1\","
                + "\"content.__topic__\":\"c-topic\",\"content.__source__\":\"c-source\",\"content.__time__\":\"c-time\","
                + "\"content.__tag__:host\":\"c-tag\",\"__tag__:absent\":\"no clash\",\"__time_ns_part__\":\"no ns here\",\"x\":\"1\"}",
            flat(props(), colliding()));
        assertEquals("{\"__time__\":1700000000,\"__topic__\":\"real-topic\",\"__source__\":\"1.2.3.4\",\"__tag__:host\":\"h1\","
                + "\"c_\":\"x\",\"c___topic__\":\"c-topic\"}",
            flat(props("key.collision.prefix", "c_"),
                LogGroups.group().topic("real-topic").source("1.2.3.4").tag("host", "h1")
                    .log(1700000000L, -1, "c_", "x", "__topic__", "c-topic").build()));
    }

    @Test
    void collisionOverwriteLetsContentWin() throws Exception {
        assertEquals("{\"__topic__\":\"c-topic\",\"__source__\":\"c-source\",\"__time__\":\"c-time\",\"__tag__:host\":\"c-tag\","
                + "\"__tag__:absent\":\"no clash\",\"__time_ns_part__\":\"no ns here\",\"x\":\"1\"}",
            flat(props("key.collision.policy", "overwrite"), colliding()));
    }

    @Test
    void collisionKeepMetadataDropsContent() throws Exception {
        assertEquals("{\"__time__\":1700000000,\"__topic__\":\"real-topic\",\"__source__\":\"1.2.3.4\",\"__tag__:host\":\"h1\","
                + "\"__tag__:absent\":\"no clash\",\"__time_ns_part__\":\"no ns here\",\"x\":\"1\"}",
            flat(props("key.collision.policy", "keep_metadata"), colliding()));
    }

    @Test
    void nsPartCollidesOnlyWhenTheLogHasOne() throws Exception {
        FastLogGroup g = LogGroups.group().log(1, 7, "__time_ns_part__", "c").build();
        assertEquals("{\"__time__\":1,\"__time_ns_part__\":7,\"__topic__\":\"\",\"__source__\":\"\",\"content.__time_ns_part__\":\"c\"}",
            flat(props(), g));
    }

    @Test
    void duplicateKeys() throws Exception {
        FastLogGroup g = LogGroups.group().log(1, -1, "a", "1", "a", "2", "a_2", "3", "a", "4").build();
        String head = "{\"__time__\":1,\"__topic__\":\"\",\"__source__\":\"\",";
        assertEquals(head + "\"a\":\"1\",\"a_3\":\"2\",\"a_2\":\"3\",\"a_4\":\"4\"}", flat(props(), g));
        assertEquals(head + "\"a\":\"1\",\"a_2\":\"3\"}", flat(props("duplicate.key.policy", "first"), g));
        assertEquals(head + "\"a_2\":\"3\",\"a\":\"4\"}", flat(props("duplicate.key.policy", "last"), g));
    }

    @Test
    void duplicateTagsAndRenamedCollisions() throws Exception {
        FastLogGroup g = LogGroups.group().tag("k", "1").tag("k", "2")
            .log(1, -1, "__topic__", "a", "content.__topic__", "b").build();
        assertEquals("{\"__time__\":1,\"__topic__\":\"\",\"__source__\":\"\",\"__tag__:k\":\"1\",\"__tag__:k_2\":\"2\","
            + "\"content.__topic__\":\"a\",\"content.__topic___2\":\"b\"}", flat(props(), g));
    }

    @Test
    void dedupeHelper() {
        assertArrayEquals(new String[] {"a", null, "b"}, KeyPlan.dedupe(new String[] {"a", null, "b"}, DuplicateKeyPolicy.RENAME));
        assertArrayEquals(new String[] {"x", "x_2", "x_3"}, KeyPlan.dedupe(new String[] {"x", "x", "x"}, DuplicateKeyPolicy.RENAME));
    }

    private static final byte[] BAD = {'a', (byte) 0xFF, 'b'};

    @Test
    void invalidUtf8IsReplacedAndFlagged() throws Exception {
        byte[] badKey = {'k', (byte) 0xC0, (byte) 0xAF};   // an overlong '/'
        FastLogGroup g = LogGroups.group().topicBytes(new byte[] {'t', (byte) 0xE6, (byte) 0x97}).tagBytes(LogGroups.utf8("tg"), BAD)
            .log(1, -1, "v", BAD, badKey, "ok", "surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "good", "日志")
            .build();
        JsonNode v = STRICT.readTree(flat(props(), g));
        assertEquals("t\uFFFD", v.get("__topic__").asText());
        assertEquals("a\uFFFDb", v.get("__tag__:tg").asText());
        assertEquals("a\uFFFDb", v.get("v").asText());
        assertEquals("ok", v.get("k\uFFFD\uFFFD").asText());
        // An encoded surrogate is not UTF-8; the JDK replaces it the way it always does.
        assertEquals(new String(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, StandardCharsets.UTF_8), v.get("surrogate").asText());
        assertTrue(v.get("surrogate").asText().contains("\uFFFD"));
        assertEquals("日志", v.get("good").asText());
        assertEquals("[\"__topic__\",\"__tag__:tg\",\"v\",\"k\uFFFD\uFFFD\",\"surrogate\"]", v.get("__invalid_utf8__").toString());
    }

    @Test
    void invalidUtf8AsBase64() throws Exception {
        FastLogGroup g = LogGroups.group().topic("actiontrail_audit_event")
            .log(1, -1, "v", BAD, "event", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}).build();
        JsonNode v = STRICT.readTree(flat(props("invalid.utf8.policy", "base64"), g));
        assertEquals("Yf9i", v.get("v").asText());
        assertEquals("eyJhIjoi/yJ9", v.get("event").asText());
        assertEquals("[\"v\",\"event\"]", v.get("__invalid_utf8__").toString());
        assertEquals("[\"event\"]", v.get("__unfold_error__").toString());
    }

    @Test
    void aFieldWithInvalidKeyAndValueIsFlaggedOnce() throws Exception {
        FastLogGroup g = LogGroups.group().log(1, -1, new byte[] {'k', (byte) 0xFF}, BAD).build();
        assertEquals("[\"k\uFFFD\"]", STRICT.readTree(flat(props(), g)).get("__invalid_utf8__").toString());
    }

    @Test
    void keysThatDecodeAlikeAreStillUnique() throws Exception {
        FastLogGroup g = LogGroups.group().log(1, -1, new byte[] {'k', (byte) 0xFF}, "1", new byte[] {'k', (byte) 0xFE}, "2",
            "k\uFFFD", "3").build();
        JsonNode v = STRICT.readTree(flat(props(), g));
        assertEquals("1", v.get("k\uFFFD").asText());
        assertEquals("2", v.get("k\uFFFD_2").asText());
        assertEquals("3", v.get("k\uFFFD_3").asText());
    }

    @Test
    void contentNamedLikeAFlagDoesNotDuplicateIt() throws Exception {
        FastLogGroup g = LogGroups.group().log(1, -1, "__invalid_utf8__", "mine", "v", BAD).build();
        JsonNode v = STRICT.readTree(flat(props(), g));
        assertEquals("mine", v.get("content.__invalid_utf8__").asText());
        assertEquals("[\"v\"]", v.get("__invalid_utf8__").toString());
        JsonNode o = STRICT.readTree(flat(props("key.collision.policy", "overwrite"), g));
        assertEquals("mine", o.get("__invalid_utf8__").asText());
        assertFalse(o.has("content.__invalid_utf8__"));
    }

    @Test
    void keyCacheIsBounded() {
        RecordMapper m = mapper(props());
        for (int i = 0; i < KeyCache.MAX_KEYS + 10; i += 1000) {
            Object[] kv = new Object[2000];
            for (int j = 0; j < 1000; j++) {
                kv[2 * j] = "key-" + (i + j);
                kv[2 * j + 1] = "v";
            }
            FastLogGroup g = LogGroups.group().log(1, -1, kv).build();
            String json = (String) m.map(SHARD, g, g.getLogs(0), CURSOR, 0, Map.of()).value();
            assertEquals(true, json.contains("\"key-" + (i + 999) + "\":\"v\""));
        }
        KeyCache cache = new KeyCache();
        for (int i = 0; i <= KeyCache.MAX_KEYS; i++) cache.get("k" + i);
        cache.trimIfLarge();
        assertEquals(0, cache.size());
    }
}
