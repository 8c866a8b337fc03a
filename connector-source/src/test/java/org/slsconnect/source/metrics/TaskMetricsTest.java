package org.slsconnect.source.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/**
 * This module compiles and tests against the Connect 3.3 API, which has no plugin metrics: the task's metrics must
 * then appear as MBeans of its own, under the names Connect 4.1+ gives plugin metrics.
 */
class TaskMetricsTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    /** A 3.3-API task context: no pluginMetrics(). */
    private static final SourceTaskContext CONTEXT = new SourceTaskContext() {
        @Override
        public Map<String, String> configs() { return Map.of(); }

        @Override
        public OffsetStorageReader offsetStorageReader() { return null; }
    };

    @Test
    void withoutPluginMetricsTheGaugesAreJmxBeansNamedLikeConnectPluginMetrics() throws Exception {
        ShardMetrics shard = new ShardMetrics();
        AtomicLong buffered = new AtomicLong(7);
        ObjectName shardBean = new ObjectName("kafka.connect:type=plugins,connector=sls-jmx,task=3,logstore=nginx,shard=1");
        ObjectName taskBean = new ObjectName("kafka.connect:type=plugins,connector=sls-jmx,task=3");
        try (TaskMetrics metrics = TaskMetrics.create(CONTEXT, "sls-jmx", "3")) {
            assertEquals("jmx", metrics.sinkName());
            metrics.registerShard("nginx", 1, shard);
            metrics.registerTaskGauge("sls-buffered-bytes", "bytes", buffered::get);
            shard.recordPull(5, 500, 42);

            assertEquals(5L, JMX.getAttribute(shardBean, "sls-records-total"));
            assertEquals(500L, JMX.getAttribute(shardBean, "sls-bytes-total"));
            assertEquals(42L, JMX.getAttribute(shardBean, "sls-lag-ms"));
            assertEquals(11, JMX.getMBeanInfo(shardBean).getAttributes().length, "every per-shard gauge, sls-ms-since-last-pull included");
            assertEquals(7L, JMX.getAttribute(taskBean, "sls-buffered-bytes"));
            buffered.set(9);
            assertEquals(9L, JMX.getAttribute(taskBean, "sls-buffered-bytes"), "gauges are read live");
        }
        assertFalse(JMX.isRegistered(shardBean), "close() unregisters the beans");
        assertFalse(JMX.isRegistered(taskBean));
    }

    @Test
    void namesWithCharactersJmxReservesAreQuotedLikeConnectDoes() throws Exception {
        try (TaskMetrics metrics = TaskMetrics.create(CONTEXT, "sls,a=b", "0")) {
            metrics.registerShard("ls:1", 0, new ShardMetrics());
            assertEquals(1, JMX.queryNames(new ObjectName("kafka.connect:type=plugins,task=0,shard=0,*"), null).stream()
                .filter(n -> "sls,a=b".equals(ObjectName.unquote(n.getKeyProperty("connector")))).count());
        }
    }

    @Test
    void aTaskRestartedWithoutCloseReplacesItsBeans() throws Exception {
        ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=sls-restart,task=0,logstore=ls,shard=0");
        TaskMetrics leaked = TaskMetrics.create(CONTEXT, "sls-restart", "0");
        leaked.registerShard("ls", 0, new ShardMetrics());
        ShardMetrics fresh = new ShardMetrics();
        fresh.recordPull(3, 30, 0);
        try (TaskMetrics metrics = TaskMetrics.create(CONTEXT, "sls-restart", "0")) {
            metrics.registerShard("ls", 0, fresh);
            assertTrue(JMX.isRegistered(bean));
            assertEquals(3L, JMX.getAttribute(bean, "sls-records-total"));
        }
    }
}
