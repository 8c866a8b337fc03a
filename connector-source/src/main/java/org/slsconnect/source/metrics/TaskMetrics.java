package org.slsconnect.source.metrics;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes per-shard and per-task gauges of one task, under the same JMX names on every supported worker:
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>[,logstore=<ls>,shard=<id>]}.
 * On Kafka 4.1+ workers they go through Connect's plugin metrics (KIP-877), so every configured metrics reporter
 * sees them; older workers lack that API, so the task registers its own MBeans under the same names.
 */
public final class TaskMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);

    /** Where gauges go: the worker's plugin metrics, or MBeans of our own. */
    interface Sink extends AutoCloseable {
        void gauge(String name, String description, LinkedHashMap<String, String> tags, Supplier<Long> value);

        /** Removes everything this sink registered. */
        @Override
        void close();
    }

    private final Sink sink;

    TaskMetrics(Sink sink) {
        this.sink = sink;
    }

    /**
     * @param connector the connector's name, and {@code task} the task's id: they name the JMX beans when the worker
     *                  has no plugin metrics (Kafka Connect before 4.1)
     */
    public static TaskMetrics create(SourceTaskContext context, String connector, String task) {
        Sink plugin = PluginMetricsSink.of(context);
        if (plugin != null) return new TaskMetrics(plugin);
        log.info("This Connect worker has no plugin metrics (KIP-877, Kafka 4.1+): SLS metrics are registered as JMX"
            + " beans kafka.connect:type=plugins,connector={},task={}", connector, task);
        return new TaskMetrics(new JmxSink(connector, task));
    }

    /** The name of the sink in use, for logs and tests: {@code plugin-metrics} or {@code jmx}. */
    public String sinkName() { return sink instanceof PluginMetricsSink ? "plugin-metrics" : "jmx"; }

    public void registerShard(String logstore, int shard, ShardMetrics m) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("logstore", logstore);
        tags.put("shard", Integer.toString(shard));
        sink.gauge("sls-records-total", "Logs read from the shard", tags, m.records::get);
        sink.gauge("sls-bytes-total", "Raw log bytes read from the shard", tags, m.bytes::get);
        sink.gauge("sls-pulls-total", "PullLogs requests that succeeded", tags, m.pulls::get);
        sink.gauge("sls-retries-total", "Retried SLS requests (5xx, throttling, network)", tags, m.retries::get);
        sink.gauge("sls-throttles-total", "Read-quota errors from SLS", tags, m.throttles::get);
        sink.gauge("sls-expired-cursor-total", "Times a cursor pointed at expired data", tags, m.expiredCursors::get);
        sink.gauge("sls-expired-groups-skipped-total", "Log groups skipped by the expired-cursor policy", tags, m.expiredGroupsSkipped::get);
        sink.gauge("sls-oversize-truncated-total", "Logs above record.max.bytes cut by record.oversize.policy=truncate", tags, m.oversizeTruncated::get);
        sink.gauge("sls-oversize-skipped-total", "Logs above record.max.bytes dropped by record.oversize.policy=skip", tags, m.oversizeSkipped::get);
        sink.gauge("sls-lag-ms", "Now minus SLS receive time of the last data read; 0 when caught up", tags, m.lagMs::get);
        sink.gauge("sls-ms-since-last-pull", "Milliseconds since the last successful PullLogs; grows while SLS is unreachable", tags, m::msSinceLastPull);
    }

    public void registerTaskGauge(String name, String description, Supplier<Long> value) {
        sink.gauge(name, description, new LinkedHashMap<>(), value);
    }

    @Override
    public void close() {
        sink.close();
    }
}
