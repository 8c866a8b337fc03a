package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.RecordFormatConfig;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/** The splunk.header.* routing headers and the templates behind them. */
class SplunkHeadersTest {

    private static final String INDEX = "splunk.header.index";
    private static final String SOURCE = "splunk.header.source";
    private static final String SOURCETYPE = "splunk.header.sourcetype";
    private static final String HOST = "splunk.header.host";

    @Test
    void defaults() {
        SlsRecord nginx = map(props(), SHARD, nginxGroup(), 0);
        assertNull(header(nginx, INDEX), "no index header: the token's default index applies");
        assertEquals("sls:my-proj/nginx-access", header(nginx, SOURCE));
        assertEquals("alicloud:sls:nginx-access", header(nginx, SOURCETYPE));
        assertEquals("10.0.0.12", header(nginx, HOST));
        assertEquals("my-proj/nginx-access/3/" + CURSOR + "/0", header(nginx, RecordMapper.EVENT_ID_HEADER));

        SlsRecord trail = map(props(), TRAIL_SHARD, trailGroup(), 0);
        assertEquals("alicloud:actiontrail", header(trail, SOURCETYPE));
        assertEquals("actiontrail", header(trail, HOST));
    }

    @Test
    void everyHeaderIsANonEmptyString() {
        for (String format : List.of("flat_json", "hec_event", "structured")) {
            for (FastLogGroup g : List.of(nginxGroup(), trailGroup(), LogGroups.group().log(1, -1).build())) {
                SlsRecord r = map(props("record.format", format, "splunk.index", "${tag:__hostname__}"), SHARD, g, 0);
                for (Header h : r.headers()) {
                    assertEquals(Schema.STRING_SCHEMA, h.schema(), h.key());
                    assertTrue(h.value() instanceof String && !((String) h.value()).isBlank(), h.key());
                }
            }
        }
        // No __source__ and no tag: host and index are left out instead of being empty.
        SlsRecord empty = map(props("splunk.index", "${tag:__hostname__}"), SHARD, LogGroups.group().log(1, -1).build(), 0);
        assertNull(header(empty, HOST));
        assertNull(header(empty, INDEX));
    }

    @Test
    void templatesAndRules() {
        Map<String, String> p = props(
            "splunk.host", "${tag:__hostname__|source}",
            "splunk.index", "main",
            "splunk.index.by.logstore", "nginx-access=web, actiontrail_trail=audit",
            "splunk.index.by.topic", "special=sec_${logstore}",
            "splunk.source", "${project}:${logstore}:${shard}:${topic|source}",
            "splunk.sourcetype.by.logstore", "nginx-access=nginx:plus:access");
        SlsRecord nginx = map(p, SHARD, nginxGroup(), 0);
        assertEquals("web-01", header(nginx, HOST));
        assertEquals("web", header(nginx, INDEX));
        assertEquals("my-proj:nginx-access:3:10.0.0.12", header(nginx, SOURCE));
        assertEquals("nginx:plus:access", header(nginx, SOURCETYPE));

        SlsRecord trail = map(p, TRAIL_SHARD, trailGroup(), 0);
        assertEquals("actiontrail", header(trail, HOST), "no __hostname__ tag: falls back to __source__");
        assertEquals("audit", header(trail, INDEX));
        assertEquals("alicloud:actiontrail", header(trail, SOURCETYPE), "the topic rule wins over everything");
        assertEquals("my-proj:actiontrail_trail:0:actiontrail_audit_event", header(trail, SOURCE));

        FastLogGroup special = LogGroups.group().topic("special").log(1, -1, "k", "v").build();
        assertEquals("sec_nginx-access", header(map(p, SHARD, special, 0), INDEX));
        assertEquals("main", header(map(p, new ShardContext("my-proj", "other", 1, "t", false), nginxGroup(), 0), INDEX));

        // The hec_event envelope carries the same values.
        p.put("record.format", "hec_event");
        JsonNode v = viaStringConverter(map(p, SHARD, nginxGroup(), 0));
        assertEquals("web", v.get("index").asText());
        assertEquals("web-01", v.get("host").asText());
        assertEquals("nginx:plus:access", v.get("sourcetype").asText());
    }

    @Test
    void headersCanBeTurnedOff() {
        SlsRecord r = map(props("splunk.headers.enabled", "false"), SHARD, nginxGroup(), 0);
        List<String> keys = new ArrayList<>();
        r.headers().forEach(h -> keys.add(h.key()));
        assertEquals(List.of(RecordMapper.EVENT_ID_HEADER), keys);
    }

    @Test
    void defaultValuesSurviveTheSinksHeaderConverters() {
        SlsRecord r = map(props(), SHARD, nginxGroup(), 0);
        StringConverter string = new StringConverter();
        string.configure(Map.of(), false);
        SimpleHeaderConverter simple = new SimpleHeaderConverter();
        simple.configure(Map.of());
        for (Header h : r.headers()) {
            byte[] bytes = string.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value());
            assertEquals(h.value(), new String(bytes, StandardCharsets.UTF_8));
            assertEquals(h.value(), string.toConnectHeader(r.topic(), h.key(), bytes).value());
            // Even the worker default (SimpleHeaderConverter) keeps these plain values as strings.
            SchemaAndValue back = simple.toConnectHeader(r.topic(), h.key(), bytes);
            assertEquals(h.value(), back.value(), h.key());
        }
    }

    @Test
    void invalidTemplatesAreRejectedAtStartup() {
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("splunk.host", "${hostname}")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("splunk.index", "idx_${logstore")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("splunk.index.by.logstore", "noequals")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("splunk.index.by.topic", "t=${nope}")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("json.unfold.fields", "event")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("hec.event.fields", "cursor")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("record.format", "xml")));
        assertThrows(ConfigException.class, () -> new RecordFormatConfig(props("key.collision.prefix", "__x")));
    }

    @Test
    void templateSyntax() {
        ShardContext s = new ShardContext("p", "l", 2, "t", false);
        Map<String, String> tags = Map.of("a", "A", "empty", "");
        assertEquals("plain", Template.parse("plain").resolve(s, "", "", tags));
        assertEquals("p/l/2", Template.parse("${project}/${logstore}/${shard}").resolve(s, "", "", tags));
        assertEquals("$x-A-src", Template.parse("$x-${tag:a}-${tag:empty|topic|source}").resolve(s, "", "src", tags));
        assertEquals("", Template.parse("${tag:missing|topic}").resolve(s, "", "", tags));
        assertEquals("a-top", Template.parse("a-${ topic | source }").resolve(s, "top", "", tags));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("${}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("${tag:}"));
        assertThrows(IllegalArgumentException.class, () -> Template.parse("${topic|}"));
    }
}
