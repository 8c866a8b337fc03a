package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.source.mapping.Fixtures.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.databind.JsonNode;

/** Logs with thousands of fields: complete, linear in time, and the per-thread key cache stays bounded. */
class ManyFieldsTest {

    private static FastLogGroup fields(int n, String prefix) {
        Object[] kv = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            kv[2 * i] = prefix + i;
            kv[2 * i + 1] = "v" + i;
        }
        return LogGroups.group().topic("t").log(1700000000L, -1, kv).build();
    }

    @Test
    void fiveThousandFieldsArriveCompleteInEveryFormat() {
        FastLogGroup g = fields(5000, "field_");
        for (String format : new String[] {"flat_json", "hec_event"}) {
            JsonNode v = viaStringConverter(map(props("record.format", format), SHARD, g, 0));
            if (format.equals("hec_event")) v = v.get("event");
            assertEquals(5000 + 3, v.size(), "all fields plus __time__, __topic__, __source__");
            assertEquals("v4999", v.get("field_4999").asText());
        }
        @SuppressWarnings("unchecked")
        Map<String, String> contents = (Map<String, String>) ((org.apache.kafka.connect.data.Struct)
            map(props("record.format", "structured"), SHARD, g, 0).value()).get("contents");
        assertEquals(5000, contents.size());
    }

    @Test
    void distinctKeysInEveryLogDoNotGrowTheKeyCacheWithoutBound() {
        RecordMapper mapper = mapper(props());
        LogContext probe = new LogContext();
        long start = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            FastLogGroup g = fields(5000, "r" + round + "_");
            mapper.map(SHARD, g, g.getLogs(0), CURSOR, 0, Map.of());
            probe.start(SHARD, g, g.getLogs(0), CURSOR, "id", 0, new MappingOptions(
                new org.slsconnect.source.config.RecordFormatConfig(props())));
            assertTrue(probe.keys.size() <= KeyCache.MAX_KEYS + 5000, "cache size " + probe.keys.size());
        }
        // 100,000 fields in all; a few ms each on a slow shared machine, nowhere near quadratic.
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }
}
