package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * /raw as Splunk indexes it with the shipped connector-config/splunk-props.conf: one event per line, its time taken
 * from the text after TIME_PREFIX, metadata from the query string.
 */
class RawTimeExtractionTest {

    /** The TIME_PREFIX value of the shipped stanza, so the emulator is tested against what users install. */
    static String shippedTimePrefix() throws Exception {
        for (String line : Files.readAllLines(Path.of("../connector-config/splunk-props.conf"), StandardCharsets.UTF_8)) {
            if (line.startsWith("TIME_PREFIX")) return line.substring(line.indexOf('=') + 1).trim();
        }
        throw new AssertionError("no TIME_PREFIX in connector-config/splunk-props.conf");
    }

    @Test
    void eachLineGetsTheTimeOfItsEnvelope() throws Exception {
        try (HecEmulator hec = HecEmulator.builder().token("tok", true).rawTimePrefix(shippedTimePrefix()).build().start()) {
            String body = "{\"time\":1700000000.123456,\"host\":\"web-1\",\"event\":{\"msg\":\"a\"}}\n"
                + "{\"time\":1700000001,\"host\":\"web-1\",\"event\":{\"msg\":\"b\",\"t\":\"{\\\"time\\\":5}\"}}\n"
                + "no envelope here\n"
                + "{\"time\":1.2.3,\"event\":\"bad time\"}\n";
            Http.Resp r = new Http(hec.url()).post("/services/collector/raw?host=web-1&sourcetype=st&source=src&index=main",
                "tok", Http.CH1, body);
            assertEquals(200, r.status(), r.body());
            List<ReceivedEvent> events = hec.events();
            assertEquals(4, events.size());
            assertEquals(new BigDecimal("1700000000.123456"), events.get(0).time());
            assertEquals(new BigDecimal("1700000001"), events.get(1).time());
            assertNull(events.get(2).time(), "a line without the prefix keeps no time (Splunk would use the receipt time)");
            assertNull(events.get(3).time(), "an unreadable time is no time");
            assertEquals("web-1", events.get(0).host());
            assertEquals("st", events.get(1).sourcetype());
            assertEquals("{\"time\":1700000000.123456,\"host\":\"web-1\",\"event\":{\"msg\":\"a\"}}", events.get(0).eventText());
        }
    }
}
