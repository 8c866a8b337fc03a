package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.faults.FaultScope;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * SLS misbehaving while logs are written continuously: a 10% mix of PullLogs errors, slow responses, connections
 * cut mid-body, the endpoint unreachable for a while (20 s; 60 s with {@code -Dreliability.long=true}), a shard
 * split and a merge. The tasks stay RUNNING through all of it (no task failure, no restart), retries are logged
 * sparsely (retry #1, 2, 4, 8...), and every id arrives.
 */
class SlsFaultsUnderLoadIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final boolean LONG = Boolean.getBoolean("reliability.long");
    private static final Duration OUTAGE = Duration.ofSeconds(LONG ? 60 : 20);
    private static final String NAME = "faults-load";
    private static final String LS = "faults_load";
    private static final int SHARDS = 4;
    private static final int TASKS = 2;
    private static final int GROWTH = 1000;
    /** The attempt number in the connector's retry line (the SDK's message before it may span lines). */
    private static final Pattern RETRY = Pattern.compile("; retry #(\\d+) in \\d+ ms");

    @Test
    void tasksStayRunningThroughSlsFaultsOutageAndReshardingAndLoseNothing() throws Exception {
        long started = System.nanoTime();
        try (LogCapture logs = LogCapture.open();
             Admin admin = h.connect.kafka().createAdminClient()) {
            String topic = ConnectHarness.topic(LS);
            sls.createLogstore(ConnectHarness.PROJECT, LS, SHARDS);
            List<String> written;
            Map<String, String> cfg = h.sourceConfig(NAME, LS, TASKS);
            cfg.put("fetch.log.groups", "5");      // many small pulls, so the faults hit mid-stream
            h.connect.configureConnector(NAME, cfg);
            h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(NAME, TASKS, "not running");
            try (ContinuousWriter writer = new ContinuousWriter(sls, ConnectHarness.PROJECT, LS, 2, 10, 100);
                 StatusWatch watch = new StatusWatch(h, NAME)) {
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);

                // 1. About 10% of pulls fail: 500 InternalServerError, 503 ServerBusy, 403 ReadQuotaExceed. A scope
                // holds one rate rule, and the emulator tries every matching rule in turn, so three scopes that all
                // match every pull of this logstore give three independent 3.5% chances (1 - 0.965^3 = 10.1%).
                List<FaultScope> rated = List.of(FaultScope.of("PullLogs"), FaultScope.of("PullLogs").project(ConnectHarness.PROJECT),
                    FaultScope.of("PullLogs").logstore(LS));
                sls.faults().failureRate(rated.get(0), 0.035, 500, "InternalServerError");
                sls.faults().failureRate(rated.get(1), 0.035, 503, "ServerBusy");
                sls.faults().failureRate(rated.get(2), 0.035, 403, "ReadQuotaExceed");
                long retries0 = Jmx.sum(NAME, "sls-retries-total");
                long throttles0 = Jmx.sum(NAME, "sls-throttles-total");
                long topic0 = KafkaTopics.endOffsets(admin, topic);
                ConnectHarness.await(() -> Jmx.sum(NAME, "sls-retries-total") >= retries0 + 30
                        && Jmx.sum(NAME, "sls-throttles-total") >= throttles0 + 3
                        && KafkaTopics.endOffsets(admin, topic) >= topic0 + 3 * GROWTH,
                    WAIT, "30 retries, 3 of them throttles, and progress under a 10% failure rate");
                for (FaultScope s : rated) sls.faults().failureRate(s, 0, 500, "InternalServerError");
                watch.assertAllRunning("10% failing pulls");

                // 2. Slow responses: every pull takes 300 ms more; data keeps flowing.
                sls.faults().latency("PullLogs", Duration.ofMillis(300));
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                sls.faults().latency("PullLogs", Duration.ZERO);

                // 3. Connections cut mid-body. Fewer than 5 in a row per shard: 5 undecodable answers in a row
                // fail the task by design (the SDK reports a cut body as BadResponse, like a corrupt one).
                long retries1 = Jmx.sum(NAME, "sls-retries-total");
                sls.faults().cutNext("PullLogs", 3);
                ConnectHarness.await(() -> sls.faults().describe().stream().noneMatch(r -> r.startsWith("cutNext")),
                    WAIT, "the 3 cut responses served");
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                assertTrue(Jmx.sum(NAME, "sls-retries-total") >= retries1 + 3, "each cut response is retried");
                watch.assertAllRunning("slow and cut responses");

                // 4. The endpoint is unreachable. Tasks stay RUNNING, retry with capped backoff, and continue by
                // themselves once it is back: same task instances (their metrics keep counting), all caught up.
                Map<String, Long> retriesBefore = Jmx.byShard(NAME, "sls-retries-total");
                long outageStart = System.currentTimeMillis();
                sls.faults().unreachableFor(OUTAGE);
                ConnectHarness.await(() -> !sls.faults().isUnreachable(), OUTAGE.plusSeconds(10), "the outage to end");
                long outageEnd = System.currentTimeMillis();
                watch.assertAllRunning("the outage");
                KafkaTopics.awaitEndOffsets(admin, topic, writer.count(), WAIT, "catch-up after the outage");
                Map<String, Long> retriesAfter = Jmx.byShard(NAME, "sls-retries-total");
                assertEquals(retriesBefore.keySet(), retriesAfter.keySet(), "the same shards in the same tasks");
                assertOutageLogging(logs, outageStart, outageEnd, retriesBefore, retriesAfter);
                watch.assertAllRunning("recovery after the outage");

                // 5. A split and a merge while writing: children and the merged shard are picked up and read.
                List<Integer> children = betweenRounds(writer, () -> sls.splitShard(ConnectHarness.PROJECT, LS, 0));
                awaitAssigned(h, children);
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                int merged = betweenRounds(writer, () -> sls.mergeShards(ConnectHarness.PROJECT, LS, children.get(0)));
                awaitAssigned(h, List.of(merged));
                KafkaTopics.awaitGrowth(admin, topic, GROWTH, WAIT);
                written = writer.stop();
                watch.assertNeverFailed();
            }
            List<Rec> read = KafkaTopics.readIdsUntil(h.connect.kafka(), List.of(topic), written.size(), WAIT, false);
            Delivery d = Delivery.of("SLS faults under load: 10% 500/503/403, 300 ms latency, 3 cut bodies, unreachable "
                + OUTAGE.toSeconds() + " s, split + merge", written, read).report(seconds(started));
            assertEquals(Set.of(), d.missing(), d.summary());
            h.connect.deleteConnector(NAME);
        }
    }

    /**
     * During the outage every shard retried, and each logged only its 1st, 2nd, 4th, 8th... retry; shard discovery
     * and checkpoint mirroring log at most once per interval; no task was started again.
     */
    private static void assertOutageLogging(LogCapture logs, long from, long to, Map<String, Long> before,
                                            Map<String, Long> after) {
        List<LogCapture.Line> retryLines = logs.between(from, to, l -> l.message().contains("; retry #"));
        long allowed = 0;
        long retries = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            assertTrue(n >= 3, "shard " + e.getKey() + " kept retrying during the outage: " + n);
            retries += n;
            allowed += 64 - Long.numberOfLeadingZeros(n) + 1;   // powers of two up to n, and one more for the edge
        }
        for (LogCapture.Line l : retryLines) {
            Matcher m = RETRY.matcher(l.message());
            assertTrue(m.find(), l.message());
            int attempt = Integer.parseInt(m.group(1));
            assertEquals(1, Integer.bitCount(attempt), "only retry #1, 2, 4, 8... are logged: " + l.message());
        }
        assertTrue(retryLines.size() <= allowed, retryLines.size() + " retry lines for " + retries + " retries");
        long seconds = Math.max(1, (to - from) / 1000);
        List<LogCapture.Line> discovery = logs.between(from, to, l -> l.message().startsWith("Shard discovery failed"));
        assertTrue(discovery.size() <= seconds + 2, "shard discovery logs once per interval (1 s here): " + discovery.size());
        List<LogCapture.Line> mirror = logs.between(from, to, l -> l.message().startsWith("Could not mirror"));
        assertTrue(mirror.size() <= TASKS * (2 * seconds + 2), "checkpoint mirroring logs once per offset flush (500 ms here): "
            + mirror.size());
        List<LogCapture.Line> warnings = logs.between(from, to, l -> l.level().isMoreSpecificThan(Level.WARN));
        List<LogCapture.Line> starts = logs.between(from, Long.MAX_VALUE, l -> l.message().startsWith("SLS source task started"));
        assertEquals(List.of(), starts, "no task was restarted");
        System.out.printf("outage %d s: %d retries, %d retry lines, %d discovery lines, %d mirror lines, %d warnings in all%n",
            seconds, retries, retryLines.size(), discovery.size(), mirror.size(), warnings.size());
    }

    /** Waits until every given shard is assigned (as read-write) to a task. */
    private static void awaitAssigned(ConnectHarness h, List<Integer> shards) {
        ConnectHarness.await(() -> {
            List<String> assigned = new ArrayList<>();
            try {
                for (var t : h.connect.taskConfigs(NAME)) assigned.addAll(List.of(t.config().get("task.shards").split(",")));
            } catch (ConnectRestException e) {
                return false;   // 500 "a rebalance is expected": the reassignment is under way, ask again
            }
            return shards.stream().allMatch(s -> assigned.contains(LS + ":" + s + ":rw"));
        }, WAIT, "shards " + shards + " assigned");
    }

    /**
     * Runs a split or merge right after the writer finished a round, while it pauses: the writer lists the shards
     * once per round and would fail writing to a shard that turned read-only in the middle of one.
     */
    static <T> T betweenRounds(ContinuousWriter writer, java.util.function.Supplier<T> change) throws InterruptedException {
        long round = writer.rounds();
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (writer.rounds() == round) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the writer finished no round");
            Thread.sleep(1);
        }
        return change.get();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Polls the connector's status twice a second and remembers every task state that is not RUNNING. */
    static final class StatusWatch implements AutoCloseable {
        private final List<String> notRunning = new CopyOnWriteArrayList<>();
        private final AtomicBoolean on = new AtomicBoolean(true);
        private final Thread thread;

        StatusWatch(ConnectHarness h, String connector) {
            thread = new Thread(() -> {
                while (on.get()) {
                    try {
                        ConnectorStateInfo s = h.connect.connectorStatus(connector);
                        for (var t : s.tasks()) {
                            if (!t.state().equals("RUNNING")) notRunning.add("task " + t.id() + " " + t.state() + " " + t.trace());
                        }
                    } catch (RuntimeException e) {
                        // The REST call raced a rebalance: look again.
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "it-status-watch");
            thread.setDaemon(true);
            thread.start();
        }

        /** No task left RUNNING so far (a rebalance's UNASSIGNED included). */
        void assertAllRunning(String during) {
            assertEquals(List.of(), notRunning, "tasks stay RUNNING through " + during);
        }

        void assertNeverFailed() {
            List<String> failed = notRunning.stream().filter(s -> s.contains("FAILED")).toList();
            assertEquals(List.of(), failed, "no task failed");
        }

        @Override
        public void close() throws InterruptedException {
            on.set(false);
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** The connector's per-shard plugin metrics in JMX, as SourceConnectorIT reads them. */
    static final class Jmx {
        private Jmx() {}

        /** A metric per shard ({@code logstore/shard}) over the connector's tasks. */
        static Map<String, Long> byShard(String connector, String metric) {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Map<String, Long> out = new HashMap<>();
            try {
                for (ObjectName n : jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null)) {
                    if (n.getKeyProperty("shard") == null) continue;
                    try {
                        long v = ((Number) jmx.getAttribute(n, metric)).longValue();
                        out.merge(n.getKeyProperty("logstore") + "/" + n.getKeyProperty("shard"), v, Long::sum);
                    } catch (javax.management.InstanceNotFoundException gone) {
                        // A task stopped between listing and reading: its shards are counted by the new task.
                    }
                }
            } catch (javax.management.JMException e) {
                throw new AssertionError("cannot read metric " + metric, e);
            }
            return out;
        }

        static long sum(String connector, String metric) {
            return byShard(connector, metric).values().stream().mapToLong(Long::longValue).sum();
        }

        static long max(String connector, String metric) {
            return byShard(connector, metric).values().stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Keeps the log events of the connector's loggers ({@code org.slsconnect}) in memory while open. */
    static final class LogCapture extends AbstractAppender implements AutoCloseable {

        record Line(long timeMillis, Level level, String logger, String message) {}

        private static final String LOGGER = "org.slsconnect";
        private final List<Line> lines = new CopyOnWriteArrayList<>();

        private LogCapture() {
            super("it-log-capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        }

        static LogCapture open() {
            LogCapture c = new LogCapture();
            c.start();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggerConfig(LOGGER).addAppender(c, Level.INFO, null);
            ctx.updateLoggers();
            return c;
        }

        @Override
        public void append(LogEvent event) {
            lines.add(new Line(event.getTimeMillis(), event.getLevel(), event.getLoggerName(),
                event.getMessage().getFormattedMessage()));
        }

        List<Line> between(long fromMillis, long toMillis, Predicate<Line> filter) {
            return lines.stream().filter(l -> l.timeMillis() >= fromMillis && l.timeMillis() <= toMillis && filter.test(l)).toList();
        }

        @Override
        public void close() {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggerConfig(LOGGER).removeAppender(getName());
            ctx.updateLoggers();
            stop();
        }
    }
}
