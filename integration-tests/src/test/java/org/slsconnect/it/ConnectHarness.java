package org.slsconnect.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.source.SlsSourceConnector;

/** An SLS emulator plus an in-process Kafka broker and Connect worker, and the connector config that joins them. */
final class ConnectHarness implements AutoCloseable {

    static final String ACCESS_KEY_ID = "LTAI-it-key";
    static final String ACCESS_KEY_SECRET = "it-secret-never-logged-7f3a";
    static final String PROJECT = "it-project";

    final SlsEmulator sls;
    final EmbeddedConnectCluster connect;

    ConnectHarness(Map<String, String> workerProps, Map<String, String> brokerProps, int workers) {
        sls = SlsEmulator.builder().port(0).accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET).build().start();
        sls.createProject(PROJECT);
        Map<String, String> worker = new HashMap<>();
        worker.put("offset.flush.interval.ms", "500");
        worker.putAll(workerProps);
        java.util.Properties broker = new java.util.Properties();
        broker.putAll(brokerProps);
        connect = new EmbeddedConnectCluster.Builder()
            .name("sls-it-" + System.nanoTime())
            .numWorkers(workers)
            .numBrokers(1)
            .workerProps(worker)
            .brokerProps(broker)
            .build();
        connect.start();
    }

    /** The topic the default {@code topic.pattern} gives a logstore of the test project. */
    static String topic(String logstore) { return "sls." + PROJECT + "." + logstore; }

    /** A working source config for the given logstores; tests override what they exercise. */
    Map<String, String> sourceConfig(String name, String logstores, int tasksMax) {
        return sourceConfig(sls, name, logstores, tasksMax);
    }

    /** The same for a worker outside this harness (e.g. one in its own JVM) reading {@code sls}. */
    static Map<String, String> sourceConfig(SlsEmulator sls, String name, String logstores, int tasksMax) {
        Map<String, String> c = new HashMap<>();
        c.put("name", name);
        c.put("connector.class", SlsSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(tasksMax));
        c.put("sls.endpoint", sls.endpoint());
        c.put("sls.proxy.host", "127.0.0.1");
        c.put("sls.proxy.port", Integer.toString(sls.port()));
        c.put("sls.access.key.id", ACCESS_KEY_ID);
        c.put("sls.access.key.secret", ACCESS_KEY_SECRET);
        c.put("sls.project", PROJECT);
        c.put("sls.logstores", logstores);
        c.put("fetch.idle.backoff.ms", "100");
        c.put("shard.discovery.interval.ms", "1000");
        c.put("retry.backoff.ms", "50");
        c.put("retry.backoff.max.ms", "500");
        // The broker does not auto-create topics; Connect creates them (KIP-158), as in production.
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "3");
        return c;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    @Override
    public void close() {
        try {
            connect.stop();
        } finally {
            sls.close();
        }
    }
}
