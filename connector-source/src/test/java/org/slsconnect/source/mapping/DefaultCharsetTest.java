package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Non-ASCII text must survive on a JVM whose default charset is not UTF-8. The surefire execution
 * {@code mapping-iso-8859-1} (connector-source/pom.xml) runs all mapping tests with {@code -Dfile.encoding=ISO-8859-1}
 * and sets {@code slsconnect.expect.charset}, so this class checks that the setup really took effect there.
 */
class DefaultCharsetTest {

    private static final String TEXT = "日志 ✓ 🚀 Ünïcödé";

    @Test
    void theJvmRunsWithTheExpectedDefaultCharset() {
        String expected = System.getProperty("slsconnect.expect.charset");
        if (expected != null) assertEquals(Charset.forName(expected), Charset.defaultCharset());
    }

    @Test
    void nonAsciiSurvivesEveryFormat() {
        FastLogGroup g = LogGroups.group().topic("主题 🚀").source("源").tag("标签", TEXT).log(1, -1, "键", TEXT).build();
        if (!Charset.defaultCharset().equals(StandardCharsets.UTF_8)) {
            // The SDK's own getters decode with the default charset: this is what the mapping must not use.
            assertNotEquals(TEXT, g.getLogs(0).getContents(0).getValue());
        }
        JsonNode flat = viaStringConverter(map(props("splunk.host", "${tag:标签}"), SHARD, g, 0));
        assertEquals("主题 🚀", flat.get("__topic__").asText());
        assertEquals("源", flat.get("__source__").asText());
        assertEquals(TEXT, flat.get("__tag__:标签").asText());
        assertEquals(TEXT, flat.get("键").asText());

        SlsRecord hecRecord = map(props("record.format", "hec_event", "splunk.host", "${tag:标签}"), SHARD, g, 0);
        JsonNode hec = viaStringConverter(hecRecord);
        assertEquals(TEXT, hec.get("host").asText());
        assertEquals(TEXT, hec.at("/event/键").asText());
        assertEquals(TEXT, header(hecRecord, "splunk.header.host"));

        JsonNode structured = viaJsonConverter(map(props("record.format", "structured"), SHARD, g, 0), false);
        assertEquals("主题 🚀", structured.get("topic").asText());
        assertEquals(TEXT, structured.at("/tags/标签").asText());
        assertEquals(TEXT, structured.at("/contents/键").asText());
    }
}
