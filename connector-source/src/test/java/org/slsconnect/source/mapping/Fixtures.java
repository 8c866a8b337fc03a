package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.slsconnect.source.config.RecordFormatConfig;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sample logs, mapping and converter round trips shared by the mapping tests. */
final class Fixtures {

    private Fixtures() {}

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ShardContext SHARD = new ShardContext("my-proj", "nginx-access", 3, "sls.my-proj.nginx-access", true);
    static final ShardContext TRAIL_SHARD = new ShardContext("my-proj", "actiontrail_trail", 0, "sls.my-proj.actiontrail_trail", true);
    static final String CURSOR = "MTcwMDAwMDAwMDAwMDAwMDAwMQ==";

    /** An ActionTrail record (the JSON text SLS keeps in the field {@code event}), with CJK, emoji and nesting. */
    static final String TRAIL_EVENT = "{\"eventId\":\"6A3C1F7E-2B0D-4C5E-9F11-0123456789AB\",\"eventName\":\"DeleteBucket\","
        + "\"eventSource\":\"oss.aliyuncs.com\",\"eventTime\":\"2023-11-14T22:13:20Z\",\"eventType\":\"ApiCall\","
        + "\"eventVersion\":1,\"acsRegion\":\"cn-hangzhou\",\"requestId\":\"5F0A-11\",\"serviceName\":\"Oss\","
        + "\"sourceIpAddress\":\"203.0.113.7\",\"userAgent\":\"aliyun-cli/3.0 \\\"quoted\\\"\",\"isGlobal\":false,"
        + "\"userIdentity\":{\"type\":\"ram-user\",\"principalId\":\"2800\",\"accountId\":\"1234567890\","
        + "\"accessKeyId\":\"LTAI****\",\"userName\":\"张三 🚀\"},"
        + "\"requestParameters\":{\"BucketName\":\"logs-备份\",\"tags\":[\"a\",\"b\"],\"n\":null},"
        + "\"additionalEventData\":{\"loginAccount\":\"alice@example.com\",\"isMFAChecked\":\"true\"},"
        + "\"referencedResources\":{\"ACS::OSS::Bucket\":[\"logs-备份\"]}}";

    static FastLogGroup trailGroup() {
        return LogGroups.group().topic("actiontrail_audit_event").source("actiontrail")
            .tag("__receive_time__", "1700000001")
            .log(1700000000L, 123456789, "event", TRAIL_EVENT, "owner_id", "1234567890")
            .build();
    }

    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        + "Chrome/119.0 Safari/537.36";

    /** Nginx access logs collected by Logtail: source is the host IP, tags name host and file. */
    static FastLogGroup nginxGroup() {
        return LogGroups.group().topic("").source("10.0.0.12")
            .tag("__hostname__", "web-01").tag("__path__", "/var/log/nginx/access.log")
            .log(1700000000L, -1,
                "remote_addr", "198.51.100.23", "time_local", "14/Nov/2023:22:13:20 +0000",
                "request", "GET /search?q=%E6%97%A5%E5%BF%97&lang=zh HTTP/1.1", "status", "200",
                "body_bytes_sent", "5123", "http_referer", "-", "http_user_agent", USER_AGENT,
                "request_time", "0.012", "msg", "日志 ✓ 🚀 \"quoted\" \\ back\nslash\ttab\u0001ctl")
            .log(1700000002L, 5_000_000, "remote_addr", "198.51.100.24", "status", "404")
            .build();
    }

    static RecordMapper mapper(Map<String, String> props) {
        return RecordFormats.mapper(new RecordFormatConfig(props));
    }

    static SlsRecord map(Map<String, String> props, ShardContext shard, FastLogGroup group, int index) {
        return mapper(props).map(shard, group, group.getLogs(index), CURSOR, index, Map.of("cursor", CURSOR));
    }

    static Map<String, String> props(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** What a worker with {@code value.converter=StringConverter} writes to Kafka, parsed back. */
    static JsonNode viaStringConverter(SlsRecord r) {
        StringConverter c = new StringConverter();
        c.configure(Map.of(), false);
        return parse(c.fromConnectData(r.topic(), r.valueSchema(), r.value()));
    }

    /** What a worker with {@code value.converter=JsonConverter} writes to Kafka, parsed back. */
    static JsonNode viaJsonConverter(SlsRecord r, boolean schemas) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
        return parse(c.fromConnectData(r.topic(), r.valueSchema(), r.value()));
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(SlsRecord r, String name) {
        Header h = r.headers().lastWithName(name);
        if (h == null) return null;
        assertNotNull(h.value(), name);
        return (String) h.value();
    }
}
