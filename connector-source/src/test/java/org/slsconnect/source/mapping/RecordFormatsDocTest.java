package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.config.RecordFormatConfig;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** docs/record-formats.md shows what the code really produces, and names every record-format setting. */
class RecordFormatsDocTest {

    private static final Path DOC = Path.of("..", "docs", "record-formats.md");
    static final ShardContext EXAMPLE_SHARD =
        new ShardContext("my-project", "actiontrail_trail", 0, "sls.my-project.actiontrail_trail", true);

    static FastLogGroup example() {
        return LogGroups.group().topic("actiontrail_audit_event").source("10.0.0.12").tag("__hostname__", "web-01")
            .log(1700000000L, 123456789, "event",
                "{\"eventName\":\"DeleteBucket\",\"eventTime\":\"2023-11-14T22:13:20Z\",\"userIdentity\":{\"userName\":\"张三\"}}",
                "owner_id", "1234567890")
            .build();
    }

    static FastLogGroup policies() {
        return LogGroups.group().topic("actiontrail_audit_event").source("10.0.0.12")
            .log(1700000000L, -1, "__topic__", "from-content", "a", "1", "a", "2", "event", "not json",
                "bin", new byte[] {'o', 'k', (byte) 0xFF})
            .build();
    }

    private static List<String> expectedBlocks() {
        List<String> out = new ArrayList<>();
        FastLogGroup g = example();
        for (String format : List.of("flat_json", "hec_event")) {
            SlsRecord r = map(props("record.format", format), EXAMPLE_SHARD, g, 0);
            out.add(pretty(stringBytes(r)));
        }
        SlsRecord s = map(props("record.format", "structured"), EXAMPLE_SHARD, g, 0);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        out.add(pretty(json.fromConnectData(s.topic(), s.valueSchema(), s.value())));
        SlsRecord r = map(props(), EXAMPLE_SHARD, g, 0);
        out.add("timestamp: " + r.timestamp());
        for (Header h : r.headers()) out.add(h.key() + ": " + h.value());
        out.add(pretty(stringBytes(map(props(), EXAMPLE_SHARD, policies(), 0))));
        out.add(pretty(stringBytes(map(props("key.collision.policy", "overwrite", "duplicate.key.policy", "last",
            "invalid.utf8.policy", "base64"), EXAMPLE_SHARD, policies(), 0))));
        return out;
    }

    /** Keeps the HEC time's decimals as sent (a double would print 1.700000000123456E9). */
    private static final ObjectMapper EXACT = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private static String pretty(byte[] json) {
        try {
            return EXACT.writerWithDefaultPrettyPrinter().writeValueAsString(EXACT.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] stringBytes(SlsRecord r) {
        StringConverter c = new StringConverter();
        c.configure(Map.of(), false);
        return c.fromConnectData(r.topic(), r.valueSchema(), r.value());
    }

    @Test
    void examplesAreWhatTheCodeProduces() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String block : expectedBlocks()) if (!doc.contains(block)) missing.add(block);
        assertEquals(List.of(), missing, "docs/record-formats.md lacks these outputs (copy them in):\n"
            + String.join("\n\n", missing));
    }

    @Test
    void everySettingIsDocumented() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (String name : RecordFormatConfig.configDef().names()) {
            assertTrue(doc.contains("`" + name + "`"), name + " is not in docs/record-formats.md");
        }
    }
}
