package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.faults.FaultScope;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Continuous writes for {@code -Dsoak.minutes=N} (default 1) with a fault every 15 s, in turn: a burst of failing
 * pulls, SLS unreachable for 5 s, a task restart. Every 5 s it samples the records in the topic, the lag (written
 * minus in Kafka, and the connector's {@code sls-lag-ms}) and the heap used by this JVM (broker, worker and
 * emulators included); the table is printed and written to {@code target/soak-results.tsv}. It ends with every id
 * delivered.
 */
class SoakIT extends HarnessIT {

    private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "1"));
    private static final Path RESULTS = Path.of("target", "soak-results.tsv");
    private static final long SAMPLE_MS = 5_000;
    private static final int FAULT_EVERY_SAMPLES = 3;   // 15 s
    private static final String NAME = "soak";
    private static final String LS = "soak_ls";
    private static final int TASKS = 2;

    /** One row of the table. */
    private record Sample(double seconds, long written, long inKafka, long slsLagMs, long heapMb, String fault) {
        String tsv() {
            return String.format(Locale.ROOT, "%.0f\t%d\t%d\t%d\t%d\t%d\t%s", seconds, written, inKafka, written - inKafka,
                slsLagMs, heapMb, fault);
        }
    }

    @Test
    void continuousWritesWithPeriodicFaultsDeliverEverything() throws Exception {
        long started = System.nanoTime();
        long runMs = (long) (MINUTES * 60_000);
        List<Sample> samples = new ArrayList<>();
        try (Admin admin = h.connect.kafka().createAdminClient()) {
            String topic = ConnectHarness.topic(LS);
            sls.createLogstore(ConnectHarness.PROJECT, LS, 4);
            h.connect.configureConnector(NAME, h.sourceConfig(NAME, LS, TASKS));
            h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, TASKS, "not running");
            FaultScope pulls = FaultScope.of("PullLogs");
            List<String> written;
            long t0 = System.currentTimeMillis();
            try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, LS, 1, 10, 100)) {
                String fault = "-";
                for (int tick = 0; ; tick++) {
                    // The sampling clock: tick k is at t0 + 5k s, however long the previous step took.
                    long due = t0 + tick * SAMPLE_MS;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) Thread.sleep(wait);
                    // A fault lasts until the next sample.
                    sls.faults().failureRate(pulls, 0, 500, "InternalServerError");
                    samples.add(sample(t0, writer::count, admin, topic, fault));
                    System.out.println("soak " + samples.get(samples.size() - 1).tsv());
                    if (System.currentTimeMillis() - t0 >= runMs) break;
                    fault = "-";
                    if (tick > 0 && tick % FAULT_EVERY_SAMPLES == 0) {
                        switch ((tick / FAULT_EVERY_SAMPLES - 1) % 3) {
                            case 0 -> {
                                sls.faults().failureRate(pulls, 0.3, 500, "InternalServerError");
                                fault = "30% pulls fail";
                            }
                            case 1 -> {
                                sls.faults().unreachableFor(Duration.ofSeconds(5));
                                fault = "unreachable 5 s";
                            }
                            default -> {
                                int task = tick % TASKS;
                                h.connect.restartTask(NAME, task);
                                h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, TASKS,
                                    "not running after restarting task " + task);
                                fault = "restart task " + task;
                            }
                        }
                    }
                }
                written = writer.stop();
            }
            sls.faults().clear();
            KafkaTopics.awaitEndOffsets(admin, topic, written.size(), Duration.ofSeconds(120), "catch-up at the end");
            samples.add(sample(t0, written::size, admin, topic, "end (caught up)"));
            writeTable(samples);
            List<Rec> read = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(),
                Duration.ofSeconds(120), false);
            Delivery d = Delivery.of(String.format(Locale.ROOT, "soak %.1f min: faults every 15 s (30%% failing pulls, "
                + "unreachable 5 s, task restart)", MINUTES), written, read).report((System.nanoTime() - started) / 1e9);
            assertEquals(Set.of(), d.missing(), d.summary());
            h.connect.deleteConnector(NAME);
        }
    }

    /** Reads the topic before the writer's count, so logs written in between never show as negative lag. */
    private static Sample sample(long t0, IntSupplier written, Admin admin, String topic, String fault) {
        long inKafka = KafkaTopics.endOffsets(admin, topic);
        return new Sample((System.currentTimeMillis() - t0) / 1000.0, written.getAsInt(), inKafka,
            SlsFaultsUnderLoadIT.Jmx.max(NAME, "sls-lag-ms"), heapUsedMb(), fault);
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static void writeTable(List<Sample> samples) throws IOException {
        StringBuilder sb = new StringBuilder("seconds\twritten\tin_kafka\tlag_records\tsls_lag_ms\theap_used_mb\tfault_in_last_5s\n");
        for (Sample s : samples) sb.append(s.tsv()).append('\n');
        System.out.print("soak results (" + RESULTS + "):\n" + sb);
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, sb.toString(), StandardCharsets.UTF_8);
    }
}
