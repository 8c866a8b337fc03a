package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/** record.format=structured through JsonConverter with and without schemas. */
class StructuredFormatTest {

    private static final Map<String, String> STRUCTURED = props("record.format", "structured");

    @Test
    void actionTrailRoundTripsWithSchemas() throws Exception {
        SlsRecord r = map(STRUCTURED, TRAIL_SHARD, trailGroup(), 0);
        assertEquals("org.slsconnect.sls.Log", r.valueSchema().name());
        assertEquals(1, r.valueSchema().version());
        JsonNode json = viaJsonConverter(r, true);
        assertEquals("org.slsconnect.sls.Log", json.at("/schema/name").asText());
        JsonNode v = json.get("payload");
        assertEquals(1700000000_123L, v.get("time").asLong());
        assertEquals(123456789, v.get("time_ns_part").asInt());
        assertEquals("actiontrail_audit_event", v.get("topic").asText());
        assertEquals("actiontrail", v.get("source").asText());
        assertEquals("{\"__receive_time__\":\"1700000001\"}", v.get("tags").toString());
        // Contents are a string map: the ActionTrail record stays its exact JSON text.
        assertEquals(TRAIL_EVENT, v.at("/contents/event").asText());
        assertEquals("1234567890", v.at("/contents/owner_id").asText());
        assertEquals("my-proj", v.get("project").asText());
        assertEquals("actiontrail_trail", v.get("logstore").asText());
        assertEquals(0, v.get("shard").asInt());
        assertEquals(CURSOR, v.get("cursor").asText());
        assertEquals("my-proj/actiontrail_trail/0/" + CURSOR + "/0", v.get("event_id").asText());
        assertEquals("[]", v.get("invalid_utf8_keys").toString());

        // A consumer with the same converter gets the identical Struct back.
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true"), false);
        SchemaAndValue back = c.toConnectData(r.topic(), c.fromConnectData(r.topic(), r.valueSchema(), r.value()));
        Struct s = (Struct) back.value();
        assertEquals(new Date(1700000000_123L), s.get("time"));
        assertEquals(r.value(), s);
    }

    @Test
    void nginxRoundTripsWithoutSchemas() {
        JsonNode v = viaJsonConverter(map(STRUCTURED, SHARD, nginxGroup(), 0), false);
        assertEquals(1700000000_000L, v.get("time").asLong());
        assertEquals(0, v.get("time_ns_part").asInt());
        assertEquals("", v.get("topic").asText());
        assertEquals("web-01", v.at("/tags/__hostname__").asText());
        assertEquals("日志 ✓ 🚀 \"quoted\" \\ back\nslash\ttab\u0001ctl", v.at("/contents/msg").asText());
        assertEquals(9, v.get("contents").size());
        assertEquals(3, v.get("shard").asInt());
    }

    @Test
    void duplicatesAndInvalidUtf8FollowThePolicies() {
        byte[] bad = {'a', (byte) 0xFF, 'b'};
        FastLogGroup g = LogGroups.group().topic("t").log(1, -1, "k", "1", "k", "2", "raw", bad).build();
        JsonNode v = viaJsonConverter(map(STRUCTURED, SHARD, g, 0), false);
        assertEquals("{\"k\":\"1\",\"k_2\":\"2\",\"raw\":\"a\uFFFDb\"}", v.get("contents").toString());
        assertEquals("[\"raw\"]", v.get("invalid_utf8_keys").toString());

        JsonNode b = viaJsonConverter(map(props("record.format", "structured", "invalid.utf8.policy", "base64",
            "duplicate.key.policy", "last"), SHARD, g, 0), false);
        assertEquals("{\"k\":\"2\",\"raw\":\"Yf9i\"}", b.get("contents").toString());
        assertEquals(List.of("raw"), List.of(b.get("invalid_utf8_keys").get(0).asText()));
        assertTrue(b.get("tags").isEmpty());
    }

    @Test
    void metadataNamesInContentsAreNotRenamed() {
        FastLogGroup g = LogGroups.group().topic("t").tag("host", "h").log(1, -1, "__topic__", "c", "__tag__:host", "x").build();
        JsonNode v = viaJsonConverter(map(STRUCTURED, SHARD, g, 0), false);
        assertEquals("{\"__topic__\":\"c\",\"__tag__:host\":\"x\"}", v.get("contents").toString());
        assertEquals("t", v.get("topic").asText());
    }
}
