package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.RecordFormatConfig.OversizePolicy;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/** record.max.bytes and record.oversize.policy: what the mapper does with a log too large for one record. */
class OversizeTest {

    private static final int LIMIT = 100_000;
    /** 150 KB of text in two fields, a JSON field that was unfolded, and small ones that must survive intact. */
    private static FastLogGroup big() {
        String json = "{\"k\":\"" + "q\\\"".repeat(10_000) + "\"}";
        return LogGroups.group().topic("t").source("1.2.3.4").tag("host", "h")
            .log(1700000000L, -1, "id", "x-1", "big", "日志".repeat(15_000) + "end", "also", "b".repeat(40_000),
                "json", json, "small", "keep me")
            .build();
    }

    private static Map<String, String> props(String format, String policy) {
        return Fixtures.props("record.format", format, "record.max.bytes", Integer.toString(LIMIT),
            "record.oversize.policy", policy, "json.unfold.fields", "*:json");
    }

    private static long size(SlsRecord r) {
        long n = r.value() instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : 0;
        n += r.key() == null ? 0 : ((String) r.key()).length();
        for (var h : r.headers()) n += h.key().length() + ((String) h.value()).getBytes(StandardCharsets.UTF_8).length;
        return n;
    }

    @Test
    void failAndSkipRefuseTheRecordAndSayHowLargeItIs() {
        for (String policy : new String[] {"fail", "skip"}) {
            OversizeRecordException e = assertThrows(OversizeRecordException.class,
                () -> map(props("flat_json", policy), SHARD, big(), 0));
            assertEquals(OversizePolicy.valueOf(policy.toUpperCase()), e.policy());
            assertEquals(LIMIT, e.limit());
            assertTrue(e.size() > 150_000, "size " + e.size());
            assertTrue(e.getMessage().contains("record.max.bytes=" + LIMIT), e.getMessage());
        }
    }

    @Test
    void aRecordUnderTheLimitIsUntouched() {
        SlsRecord r = map(props("flat_json", "fail"), SHARD, nginxGroup(), 0);
        assertFalse(r.truncated());
        assertEquals(null, header(r, RecordMapper.TRUNCATED_HEADER));
    }

    @Test
    void truncateCutsTheLongestValuesUntilTheRecordFitsAndFlagsThem() {
        for (String format : new String[] {"flat_json", "hec_event"}) {
            SlsRecord r = map(props(format, "truncate"), SHARD, big(), 0);
            assertTrue(r.truncated());
            long size = size(r);
            assertTrue(size <= LIMIT, format + ": " + size);
            assertTrue(size > LIMIT - 2_000, format + ": cuts no more than needed, " + size);
            JsonNode v = viaStringConverter(r);
            if (format.equals("hec_event")) v = v.get("event");
            assertEquals("x-1", v.get("id").asText());
            assertEquals("keep me", v.get("small").asText(), "short values are not cut");
            assertTrue(v.get("big").asText().startsWith("日志日志"), "a cut value is a prefix, whole characters");
            assertFalse(v.get("big").asText().contains("\uFFFD"));
            assertTrue(v.get("big").asText().length() < 30_000);
            JsonNode flagged = v.get("__truncated__");
            assertTrue(flagged.toString().contains("\"big\""), flagged.toString());
            assertFalse(flagged.toString().contains("small"));
            assertTrue(Long.parseLong(header(r, RecordMapper.TRUNCATED_HEADER)) > 150_000, "original size in the header");
        }
    }

    @Test
    void truncateWorksForStructuredToo() {
        SlsRecord r = map(props("structured", "truncate"), SHARD, big(), 0);
        assertTrue(r.truncated());
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "false"), false);
        byte[] out = c.fromConnectData(r.topic(), r.valueSchema(), r.value());
        assertTrue(out.length <= LIMIT * 1.1, "estimate close to the converter's output: " + out.length);
        @SuppressWarnings("unchecked")
        Map<String, String> contents = (Map<String, String>) ((Struct) r.value()).get("contents");
        assertEquals("keep me", contents.get("small"));
        assertTrue(contents.get("big").length() < 30_000);
    }

    @Test
    void truncateThatCannotFitFails() {
        // 3000 keys of 40 bytes with empty values: cutting values cannot help.
        Object[] kv = new Object[6000];
        for (int i = 0; i < 3000; i++) {
            kv[2 * i] = String.format("key-%036d", i);
            kv[2 * i + 1] = "";
        }
        FastLogGroup g = LogGroups.group().topic("t").log(1700000000L, -1, kv).build();
        OversizeRecordException e = assertThrows(OversizeRecordException.class,
            () -> map(props("flat_json", "truncate"), SHARD, g, 0));
        assertEquals(OversizePolicy.FAIL, e.policy());
        assertTrue(e.getMessage().contains("cannot make it fit"), e.getMessage());
    }

    @Test
    void aContentKeyNamedLikeTheTruncationFlagIsACollision() {
        FastLogGroup g = LogGroups.group().topic("t").log(1700000000L, -1, "__truncated__", "mine").build();
        JsonNode v = viaStringConverter(map(Fixtures.props(), SHARD, g, 0));
        assertEquals("mine", v.get("content.__truncated__").asText());
        assertFalse(v.has("__truncated__"));
    }

    @Test
    void capCutsTheLongestValuesToOneLength() {
        int[] lengths = {1, 5, 10, 100};
        assertEquals(100, RecordMapper.cap(lengths, 0));
        assertEquals(90, RecordMapper.cap(lengths, 10));
        assertEquals(10, RecordMapper.cap(lengths, 90));
        assertEquals(7, RecordMapper.cap(lengths, 96));       // 100->7 and 10->7: 93 + 3
        assertEquals(0, RecordMapper.cap(lengths, 116));
        assertEquals(0, RecordMapper.cap(lengths, 1000));
        assertEquals(0, RecordMapper.cap(new int[0], 5));
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(0, RecordMapper.utf8Length(null));
        assertEquals("a日é🚀".getBytes(StandardCharsets.UTF_8).length, RecordMapper.utf8Length("a日é🚀"));
    }
}
