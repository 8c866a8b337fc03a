package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** record.format=hec_event through StringConverter, checked the way Splunk's sink reads a formatted event. */
class HecEventFormatTest {

    private static final Map<String, String> HEC = props("record.format", "hec_event");
    private static final Set<String> ENVELOPE = Set.of("time", "host", "source", "sourcetype", "index", "event", "fields");

    /** The shape the sink's {@code splunk.hec.json.event.formatted=true} deserializes into (unknown keys fail). */
    public static final class SinkEvent {
        public Double time;
        public String host;
        public String source;
        public String sourcetype;
        public String index;
        public Object event;
        public Map<String, String> fields;
    }

    private static SinkEvent asSink(SlsRecord r) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m.readValue(r.value().toString(), SinkEvent.class);
    }

    @Test
    void actionTrailEventIsAReadyHecEvent() throws Exception {
        SlsRecord r = map(HEC, TRAIL_SHARD, trailGroup(), 0);
        JsonNode v = viaStringConverter(r);
        assertTrue(ENVELOPE.containsAll(FlatJsonFormatTest.names(v)), v.toString());
        assertTrue(r.value().toString().startsWith("{\"time\":1700000000.123456,"), "microseconds, truncated");
        assertEquals("actiontrail", v.get("host").asText());
        assertEquals("sls:my-proj/actiontrail_trail", v.get("source").asText());
        assertEquals("alicloud:actiontrail", v.get("sourcetype").asText());
        assertFalse(v.has("index"), "no index configured: the token default applies");
        JsonNode event = v.get("event");
        assertEquals(MAPPER.readTree(TRAIL_EVENT), event.get("event"));
        assertEquals("1234567890", event.get("owner_id").asText());
        assertEquals("actiontrail_audit_event", event.get("__topic__").asText());
        assertEquals("1700000001", event.get("__tag__:__receive_time__").asText());
        assertEquals("{\"sls_project\":\"my-proj\",\"sls_logstore\":\"actiontrail_trail\",\"sls_shard\":\"0\"}",
            v.get("fields").toString());

        SinkEvent sink = asSink(r);
        // The sink writes time back with 6 decimals: nothing of what we sent is lost.
        assertEquals("1700000000.123456", String.format(Locale.ROOT, "%.6f", sink.time));
        assertTrue(sink.event instanceof Map && !((Map<?, ?>) sink.event).isEmpty());
        assertEquals(1700000000_123L, r.timestamp());
    }

    @Test
    void nginxEventHasLogtailHostAndGenericSourcetype() throws Exception {
        SlsRecord r = map(HEC, SHARD, nginxGroup(), 0);
        JsonNode v = viaStringConverter(r);
        assertTrue(r.value().toString().startsWith("{\"time\":1700000000,"), "no ns part: whole seconds");
        assertEquals("10.0.0.12", v.get("host").asText());
        assertEquals("alicloud:sls:nginx-access", v.get("sourcetype").asText());
        assertEquals("sls:my-proj/nginx-access", v.get("source").asText());
        assertEquals("日志 ✓ 🚀 \"quoted\" \\ back\nslash\ttab\u0001ctl", v.at("/event/msg").asText());
        assertEquals("web-01", v.at("/event/__tag__:__hostname__").asText());
        assertNotNull(asSink(r).event);

        String second = map(HEC, SHARD, nginxGroup(), 1).value().toString();
        assertTrue(second.startsWith("{\"time\":1700000002.005000,"), second);
    }

    @Test
    void indexAndFieldsAreConfigurable() throws Exception {
        Map<String, String> p = props("record.format", "hec_event", "splunk.index", "sls_${logstore}",
            "hec.event.fields", "event_id,topic,project");
        JsonNode v = viaStringConverter(map(p, TRAIL_SHARD, trailGroup(), 0));
        assertEquals("sls_actiontrail_trail", v.get("index").asText());
        assertEquals("my-proj/actiontrail_trail/0/" + CURSOR + "/0", v.at("/fields/sls_event_id").asText());
        assertEquals("actiontrail_audit_event", v.at("/fields/sls_topic").asText());
        assertEquals("my-proj", v.at("/fields/sls_project").asText());

        // An empty topic is not sent as an indexed field; no fields at all leaves the key out.
        JsonNode n = viaStringConverter(map(p, SHARD, nginxGroup(), 0));
        assertFalse(n.get("fields").has("sls_topic"));
        JsonNode none = viaStringConverter(map(props("record.format", "hec_event", "hec.event.fields", ""), SHARD, nginxGroup(), 0));
        assertFalse(none.has("fields"));
    }

    @Test
    void emptyLogGivesANonBlankEvent() throws Exception {
        FastLogGroup g = LogGroups.group().log(1700000000L, 999_999_999).build();
        SlsRecord r = map(HEC, SHARD, g, 0);
        JsonNode v = viaStringConverter(r);
        assertTrue(r.value().toString().startsWith("{\"time\":1700000000.999999,"), "truncated: never the next second");
        assertFalse(v.has("host"), "no __source__: no host rather than an empty one");
        assertEquals("{\"__time__\":1700000000,\"__time_ns_part__\":999999999,\"__topic__\":\"\",\"__source__\":\"\"}",
            v.get("event").toString());
        assertFalse(((Map<?, ?>) asSink(r).event).isEmpty());
    }

    @Test
    void secondsFormatting() {
        char[] buf = new char[32];
        assertEquals("0", new String(buf, 0, HecEventFormat.seconds(0, 0, buf)));
        assertEquals("4294967295.000001", new String(buf, 0, HecEventFormat.seconds(4294967295L, 1999, buf)));
        assertEquals("1700000000", new String(buf, 0, HecEventFormat.seconds(1700000000L, 999, buf)));
        assertEquals("1700000000.010000", new String(buf, 0, HecEventFormat.seconds(1700000000L, 10_000_000, buf)));
    }
}
