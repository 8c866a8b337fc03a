package org.slsconnect.source.metrics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges through Connect's plugin metrics (KIP-877, Kafka 4.1+). The plugin is compiled against the Kafka 3.3 API,
 * which has neither {@code SourceTaskContext.pluginMetrics()} nor {@code PluginMetrics}, so both are reached by
 * reflection: a 3.x or 4.0 worker never loads a class it does not have.
 */
final class PluginMetricsSink implements TaskMetrics.Sink {

    private static final Logger log = LoggerFactory.getLogger(PluginMetricsSink.class);

    private final Object pluginMetrics;
    private final Method metricName;
    private final Method addMetric;
    private final Method removeMetric;
    private final List<MetricName> registered = new ArrayList<>();

    private PluginMetricsSink(Object pluginMetrics, Class<?> type) throws NoSuchMethodException {
        this.pluginMetrics = pluginMetrics;
        this.metricName = type.getMethod("metricName", String.class, String.class, LinkedHashMap.class);
        this.addMetric = type.getMethod("addMetric", MetricName.class, MetricValueProvider.class);
        this.removeMetric = type.getMethod("removeMetric", MetricName.class);
    }

    /** The worker's plugin metrics, or null when it has none (Kafka Connect before 4.1). */
    static PluginMetricsSink of(SourceTaskContext context) {
        Method accessor;
        try {
            // The worker's own SourceTaskContext interface: 4.1+ declares pluginMetrics().
            accessor = SourceTaskContext.class.getMethod("pluginMetrics");
        } catch (NoSuchMethodException e) {
            return null;
        }
        try {
            Object pluginMetrics = accessor.invoke(context);
            return pluginMetrics == null ? null : new PluginMetricsSink(pluginMetrics, accessor.getReturnType());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.warn("Connect plugin metrics could not be used ({}); falling back to the connector's own JMX beans", e.toString());
            return null;
        }
    }

    @Override
    public void gauge(String name, String description, LinkedHashMap<String, String> tags, Supplier<Long> value) {
        MetricName metric = (MetricName) call(metricName, name, description, tags);
        call(addMetric, metric, (Gauge<Long>) (config, now) -> value.get());
        registered.add(metric);
    }

    @Override
    public void close() {
        for (MetricName metric : registered) {
            try {
                call(removeMetric, metric);
            } catch (RuntimeException ignored) {
                // The worker removes plugin metrics with the task anyway.
            }
        }
        registered.clear();
    }

    private Object call(Method method, Object... args) {
        try {
            return method.invoke(pluginMetrics, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            throw new IllegalStateException("PluginMetrics." + method.getName() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("PluginMetrics." + method.getName() + " is not accessible", e);
        }
    }
}
