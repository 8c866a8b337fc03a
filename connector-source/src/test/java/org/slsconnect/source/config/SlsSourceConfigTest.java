package org.slsconnect.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class SlsSourceConfigTest {

    static final String SECRET = "s3cr3t-Value-42";

    static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("name", "audit");
        p.put(SlsSourceConfig.ENDPOINT, "cn-hangzhou.log.aliyuncs.com");
        p.put(SlsSourceConfig.ACCESS_KEY_ID, "LTAIexample");
        p.put(SlsSourceConfig.ACCESS_KEY_SECRET, SECRET);
        p.put(SlsSourceConfig.PROJECT, "security-logs");
        p.put(SlsSourceConfig.LOGSTORES, "actiontrail_log, nginx_access");
        return p;
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        return SlsSourceConfig.CONFIG_DEF.validate(props).stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void defaults() {
        SlsSourceConfig c = new SlsSourceConfig(valid());
        assertEquals(List.of("actiontrail_log", "nginx_access"), c.logstores());
        assertEquals("sls.security-logs.nginx_access", c.topicFor("nginx_access"));
        assertEquals("kafka-connect-audit", c.consumerGroup());
        assertEquals(StartPosition.Kind.BEGIN, c.startPosition().kind());
        assertEquals(1000, c.fetchLogGroups());
        assertTrue(c.checkpointMirror());
        assertTrue(c.keyByShard());
    }

    @Test
    void eachBadFieldIsReportedOnThatField() {
        Map<String, String> p = valid();
        p.remove(SlsSourceConfig.ENDPOINT);
        p.put(SlsSourceConfig.FETCH_LOG_GROUPS, "5000");
        p.put(SlsSourceConfig.START_POSITION, "2026-01-01 00:00:00");
        p.put(SlsSourceConfig.LOGSTORES, "");
        Map<String, List<String>> errors = errors(p);
        assertEquals(List.of(SlsSourceConfig.ENDPOINT, SlsSourceConfig.FETCH_LOG_GROUPS, SlsSourceConfig.LOGSTORES,
                SlsSourceConfig.START_POSITION).stream().sorted().collect(Collectors.toList()),
            errors.keySet().stream().sorted().collect(Collectors.toList()));
        assertTrue(errors.get(SlsSourceConfig.START_POSITION).get(0).contains("ISO-8601"), errors.toString());
    }

    @Test
    void endpointWithPortOrIpIsRejectedWithTheWayOut() {
        Map<String, String> p = valid();
        p.put(SlsSourceConfig.ENDPOINT, "http://127.0.0.1:8080");
        String msg = errors(p).get(SlsSourceConfig.ENDPOINT).get(0);
        assertTrue(msg.contains("sls.proxy.host"), msg);
        p.put(SlsSourceConfig.ENDPOINT, "10.0.0.1");
        assertTrue(errors(p).get(SlsSourceConfig.ENDPOINT).get(0).contains("IP"));
        p.put(SlsSourceConfig.ENDPOINT, "https://cn-shanghai.log.aliyuncs.com");
        assertFalse(errors(p).containsKey(SlsSourceConfig.ENDPOINT));
    }

    @Test
    void timesNeedAZone() {
        assertEquals(Instant.parse("2026-01-31T00:00:00Z"), TimeParser.parse("2026-01-31T08:00:00+08:00"));
        assertEquals(Instant.ofEpochSecond(1700000000), TimeParser.parse("1700000000"));
        assertEquals(Instant.ofEpochMilli(1700000000123L), TimeParser.parse("1700000000123"));
        assertThrows(IllegalArgumentException.class, () -> TimeParser.parse("2026-01-31T08:00:00"));
    }

    @Test
    void crossFieldRulesNameTheField() {
        Map<String, String> p = valid();
        p.put(SlsSourceConfig.SIGNATURE_VERSION, "v4");
        ConfigException e = assertThrows(ConfigException.class, () -> new SlsSourceConfig(p));
        assertTrue(e.getMessage().contains(SlsSourceConfig.REGION), e.getMessage());
        p.put(SlsSourceConfig.REGION, "cn-hangzhou");
        p.put(SlsSourceConfig.PROXY_HOST, "proxy.corp");
        e = assertThrows(ConfigException.class, () -> new SlsSourceConfig(p));
        assertTrue(e.getMessage().contains(SlsSourceConfig.PROXY_PORT), e.getMessage());
    }

    @Test
    void conflictsAreAllReportedOnTheirFields() {
        Map<String, String> p = valid();
        p.put(SlsSourceConfig.ENDPOINT, "https://security-logs.cn-hangzhou.log.aliyuncs.com");
        p.put(SlsSourceConfig.RETRY_BACKOFF_MS, "5000");
        p.put(SlsSourceConfig.RETRY_BACKOFF_MAX_MS, "1000");
        p.put(SlsSourceConfig.START_POSITION, "2026-02-01T00:00:00Z");
        p.put(SlsSourceConfig.STOP_TIME, "2026-01-01T00:00:00Z");
        p.put(SlsSourceConfig.TOPIC_PATTERN, "x".repeat(240) + ".${logstore}");
        Map<String, String> conflicts = SlsSourceConfig.conflicts(p);
        assertEquals(List.of(SlsSourceConfig.ENDPOINT, SlsSourceConfig.RETRY_BACKOFF_MAX_MS, SlsSourceConfig.STOP_TIME,
            SlsSourceConfig.TOPIC_PATTERN), List.copyOf(conflicts.keySet()));
        assertTrue(conflicts.get(SlsSourceConfig.ENDPOINT).contains("e.g. cn-hangzhou.log.aliyuncs.com"), conflicts.toString());
        assertTrue(conflicts.get(SlsSourceConfig.STOP_TIME).contains("must be after start.position"), conflicts.toString());
        assertThrows(ConfigException.class, () -> new SlsSourceConfig(p));
        assertEquals(Map.of(), SlsSourceConfig.conflicts(valid()));
    }

    @Test
    void endpointSchemeAndPathAreExplained() {
        Map<String, String> p = valid();
        p.put(SlsSourceConfig.ENDPOINT, "ftp://cn-hangzhou.log.aliyuncs.com");
        assertTrue(errors(p).get(SlsSourceConfig.ENDPOINT).get(0).contains("https://"), errors(p).toString());
        p.put(SlsSourceConfig.ENDPOINT, "https://cn-hangzhou.log.aliyuncs.com/logstores");
        assertTrue(errors(p).get(SlsSourceConfig.ENDPOINT).get(0).contains("without a path"), errors(p).toString());
    }

    @Test
    void secretsNeverAppearInErrorsOrToString() {
        Map<String, String> p = valid();
        p.put(SlsSourceConfig.FETCH_LOG_GROUPS, "0");
        String all = errors(p).toString() + new SlsSourceConfig(valid()).toString()
            + SlsSourceConfig.CONFIG_DEF.validate(p).toString();
        assertFalse(all.contains(SECRET), all);
        Map<String, String> blank = valid();
        blank.put(SlsSourceConfig.ACCESS_KEY_SECRET, " ");
        assertTrue(errors(blank).containsKey(SlsSourceConfig.ACCESS_KEY_SECRET));
    }
}
