package org.slsconnect.source.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes per-shard gauges through Connect's plugin metrics (KIP-877, Kafka 4.1+). They appear in JMX as
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>,logstore=<ls>,shard=<id>}. On older workers that
 * lack plugin metrics the task runs without them.
 */
public final class TaskMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);

    private final PluginMetrics plugin;
    private final List<MetricName> registered = new ArrayList<>();

    private TaskMetrics(PluginMetrics plugin) {
        this.plugin = plugin;
    }

    /** @param pluginMetrics supplies the context's metrics; may throw on workers older than Kafka 4.1 */
    public static TaskMetrics create(Supplier<PluginMetrics> pluginMetrics) {
        try {
            return new TaskMetrics(pluginMetrics.get());
        } catch (LinkageError | RuntimeException e) {
            log.info("Connect plugin metrics unavailable on this worker ({}); SLS shard metrics are not published", e.toString());
            return new TaskMetrics(null);
        }
    }

    public void registerShard(String logstore, int shard, ShardMetrics m) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("logstore", logstore);
        tags.put("shard", Integer.toString(shard));
        gauge("sls-records-total", "Logs read from the shard", tags, m.records::get);
        gauge("sls-bytes-total", "Raw log bytes read from the shard", tags, m.bytes::get);
        gauge("sls-pulls-total", "PullLogs requests that succeeded", tags, m.pulls::get);
        gauge("sls-retries-total", "Retried SLS requests (5xx, throttling, network)", tags, m.retries::get);
        gauge("sls-throttles-total", "Read-quota errors from SLS", tags, m.throttles::get);
        gauge("sls-expired-cursor-total", "Times a cursor pointed at expired data", tags, m.expiredCursors::get);
        gauge("sls-expired-groups-skipped-total", "Log groups skipped by the expired-cursor policy", tags, m.expiredGroupsSkipped::get);
        gauge("sls-oversize-truncated-total", "Logs above record.max.bytes cut by record.oversize.policy=truncate", tags, m.oversizeTruncated::get);
        gauge("sls-oversize-skipped-total", "Logs above record.max.bytes dropped by record.oversize.policy=skip", tags, m.oversizeSkipped::get);
        gauge("sls-lag-ms", "Now minus SLS receive time of the last data read; 0 when caught up", tags, m.lagMs::get);
        gauge("sls-ms-since-last-pull", "Milliseconds since the last successful PullLogs; grows while SLS is unreachable", tags, m::msSinceLastPull);
    }

    public void registerTaskGauge(String name, String description, Supplier<Long> value) {
        gauge(name, description, new LinkedHashMap<>(), value);
    }

    private void gauge(String name, String description, LinkedHashMap<String, String> tags, Supplier<Long> value) {
        if (plugin == null) return;
        MetricName metricName = plugin.metricName(name, description, tags);
        plugin.addMetric(metricName, (Gauge<Long>) (config, now) -> value.get());
        registered.add(metricName);
    }

    @Override
    public void close() {
        if (plugin == null) return;
        for (MetricName name : registered) {
            try {
                plugin.removeMetric(name);
            } catch (RuntimeException ignored) {
                // The worker removes plugin metrics with the task anyway.
            }
        }
        registered.clear();
    }
}
