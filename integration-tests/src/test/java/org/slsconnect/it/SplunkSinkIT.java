package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.ReceivedEvent;

/**
 * Source -> Kafka -> Splunk's own sink (Splunk Connect for Kafka) -> HEC emulator. Splunk's jar is not on Maven
 * Central, so this runs only when one is given: {@code SPLUNK_SINK_JAR=/path/splunk-kafka-connect-v2.2.x.jar}
 * (or {@code -Dsplunk.sink.jar=...}); otherwise it is skipped with that message.
 */
class SplunkSinkIT {

    @Test
    void everyEventArrivesAtHecWithTimeIndexSourcetypeSourceHostAndBody() throws Exception {
        String jar = System.getProperty("splunk.sink.jar", System.getenv("SPLUNK_SINK_JAR"));
        Assumptions.assumeTrue(jar != null && !jar.isBlank() && Files.isRegularFile(Path.of(jar)),
            "Skipped: Splunk's sink is not on Maven Central. Download splunk-kafka-connect (github.com/splunk/kafka-connect-splunk "
                + "releases) and run with SPLUNK_SINK_JAR=/path/to/splunk-kafka-connect-v2.2.x.jar");
        Path pluginDir = Files.createTempDirectory("splunk-plugin");
        Files.copy(Path.of(jar), pluginDir.resolve(Path.of(jar).getFileName()));   // a jar in plugin.path is a plugin
        try (HecEmulator hec = HecEmulator.builder().port(0).token("it-hec-token", true).storeConfigChecks(false).build().start();
             ConnectHarness h = new ConnectHarness(Map.of("plugin.path", pluginDir.toString()), Map.of(), 1)) {
            String ls = "splunk_leg";
            h.sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
            List<String> written = TestLogs.write(h.sls, ConnectHarness.PROJECT, ls, 0, 10, 10, "s");
            written.addAll(TestLogs.write(h.sls, ConnectHarness.PROJECT, ls, 1, 10, 10, "s"));
            Map<String, String> source = h.sourceConfig("splunk-src", ls, 2);
            source.put("record.format", "hec_event");
            source.put("splunk.index", "main");
            h.connect.configureConnector("splunk-src", source);

            Map<String, String> sink = sinkConfig("sls." + ConnectHarness.PROJECT + "." + ls, hec);
            h.connect.configureConnector("splunk-sink", sink);

            assertTrue(hec.awaitEvents(written.size(), Duration.ofSeconds(120)), "events at HEC: " + hec.eventCount());
            for (ReceivedEvent e : hec.dataEvents()) {
                assertEquals("main", e.index());
                assertEquals("alicloud:sls:" + ls, e.sourcetype());
                assertEquals("sls:" + ConnectHarness.PROJECT + "/" + ls, e.source());
                assertTrue(e.host().startsWith("10.0.0."), e.host());
                long seq = e.event().get("seq").asLong();
                assertEquals((TestLogs.BASE_TIME + seq) * 1000 + (seq % 2 == 0 ? 0 : seq / 1000), e.timeMillis());
                assertTrue(written.contains(e.event().get("id").asText()));
            }
        }
    }

    /** Splunk's sink reading {@code topic} into {@code hec} in json.event.formatted mode, with acks and headers. */
    static Map<String, String> sinkConfig(String topic, HecEmulator hec) {
        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "com.splunk.kafka.connect.SplunkSinkConnector");
        sink.put("tasks.max", "1");
        sink.put("topics", topic);
        sink.put("splunk.hec.uri", hec.url());
        sink.put("splunk.hec.token", "it-hec-token");
        sink.put("splunk.hec.ack.enabled", "true");
        sink.put("splunk.hec.ack.poll.interval", "1");
        sink.put("splunk.hec.json.event.formatted", "true");
        sink.put("splunk.header.support", "true");
        sink.put("splunk.hec.raw", "false");
        sink.put("splunk.flush.window", "1");
        sink.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        sink.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
        return sink;
    }
}
