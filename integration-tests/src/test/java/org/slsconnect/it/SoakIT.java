package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * A long run with continuous writes and a disruption every 15 s in turn (a burst of failing pulls, the endpoint
 * unreachable for 5 s, a task restart through REST). Every 5 s it samples what was written, what is in the topic,
 * the lag between the two and the heap used, and writes the table to {@code target/soak-results.tsv}. Runs
 * {@code -Dsoak.minutes} minutes (1 by default). The heap is the whole test JVM: worker, broker and emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoakIT {

    static final Path RESULTS = Path.of("target", "soak-results.tsv");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long SAMPLE_MS = 5_000;
    private static final long FAULT_EVERY_MS = 15_000;
    private ConnectHarness h;
    private SlsEmulator sls;

    @BeforeAll
    void start() {
        h = new ConnectHarness(Map.of(), Map.of(), 1);
        sls = h.sls;
    }

    @AfterAll
    void stop() {
        if (h != null) h.close();
    }

    @Test
    void continuousWritesWithPeriodicFaultsKeepUpAndLoseNothing() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("soak.minutes", "1"));
        String ls = "soak_ls";
        String name = "soak";
        String topic = ConnectHarness.topic(ls);
        sls.createLogstore(ConnectHarness.PROJECT, ls, 4);
        h.connect.configureConnector(name, h.sourceConfig(name, ls, 2));
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "did not start");

        List<String> table = new ArrayList<>();
        table.add("seconds\twritten\tin_topic\tlag\theap_used_mb\tevent");
        Runtime rt = Runtime.getRuntime();
        long started = System.currentTimeMillis();
        long end = started + (long) (minutes * 60_000);
        ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, ls, 1, 20, 100);
        Admin admin = h.connect.kafka().createAdminClient();
        int fault = 0;
        try {
            long nextFault = started + FAULT_EVERY_MS;
            for (long next = started + SAMPLE_MS; next <= end; next += SAMPLE_MS) {
                // A sampler: the pacing is the point here, nothing to wait for.
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                String event = "";
                sls.faults().failureRate("PullLogs", 0, 503, "ServerBusy");   // a burst lasts one sample period
                // No fault at the last sample: it would have no time to act before the run ends.
                if (System.currentTimeMillis() >= nextFault && next + SAMPLE_MS <= end) {
                    nextFault += FAULT_EVERY_MS;
                    switch (fault++ % 3) {
                        case 0 -> {
                            sls.faults().failureRate("PullLogs", 0.3, 503, "ServerBusy");
                            event = "30% PullLogs 503 for 5 s";
                        }
                        case 1 -> {
                            sls.faults().unreachableFor(Duration.ofSeconds(5));
                            event = "unreachable 5 s";
                        }
                        default -> {
                            h.connect.restartTask(name, 0);
                            event = "REST restart of task 0";
                        }
                    }
                }
                // The topic first: the writer counts a log after appending it, so the other order can make the
                // lag negative by a round in flight.
                long inTopic = KafkaTopics.endOffsets(admin, topic);
                int written = writer.count();
                long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
                table.add(String.format(Locale.ROOT, "%d\t%d\t%d\t%d\t%d\t%s", (System.currentTimeMillis() - started) / 1000,
                    written, inTopic, written - inTopic, heapMb, event));
            }
        } finally {
            writer.close();
            admin.close();
            sls.faults().clear();
        }
        List<String> written = writer.stop();
        System.out.println("soak (" + minutes + " min):\n" + String.join("\n", table));
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.write(RESULTS, table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + RESULTS, e);
        }

        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, "not running at the end of the soak");
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
        Delivery d = Delivery.of(String.format(Locale.ROOT, "soak %.1f min (503 bursts, unreachable 5 s, task restarts)", minutes),
            written, read).report((System.currentTimeMillis() - started) / 1e3);
        assertEquals(Set.of(), d.missing(), d.summary());
        h.connect.deleteConnector(name);
    }
}
