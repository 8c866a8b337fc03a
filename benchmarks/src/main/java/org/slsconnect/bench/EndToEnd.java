package org.slsconnect.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.slsconnect.source.SlsSourceConnector;

/**
 * SLS emulator (child JVM) -> connector in an in-process Connect worker -> in-process Kafka broker. One cluster per
 * exactly-once mode; each run gets its own logstore, topic and connector name.
 */
final class EndToEnd implements AutoCloseable {

    record Spec(String label, int shards, int tasks, boolean eos, long rawBytes, Map<String, String> extra, boolean forceGc) {}

    final EmulatorProcess emu;
    final boolean eos;
    final EmbeddedConnectCluster connect;
    final Admin admin;
    private static int runs;

    EndToEnd(EmulatorProcess emu, boolean eos) {
        this.emu = emu;
        this.eos = eos;
        Map<String, String> worker = new HashMap<>();
        worker.put("connector.client.config.override.policy", "All");
        if (eos) worker.put("exactly.once.source.support", "enabled");
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("message.max.bytes", "10485760");
        connect = new EmbeddedConnectCluster.Builder().name("sls-bench-" + (eos ? "eos" : "alo") + "-" + System.nanoTime())
            .numWorkers(1).numBrokers(1).workerProps(worker).brokerProps(broker).build();
        connect.start();
        admin = connect.kafka().createAdminClient();
    }

    Map<String, Object> run(Spec spec) throws Exception {
        int id = ++runs;
        String ls = "r" + id + (eos ? "eos" : "");
        String name = "bench-" + ls;
        String topic = "sls." + EmulatorMain.PROJECT + "." + ls;
        String[] loaded = emu.call("load " + ls + " " + spec.shards() + " " + spec.rawBytes() + " 11");
        long logs = Long.parseLong(loaded[1]), content = Long.parseLong(loaded[2]), raw = Long.parseLong(loaded[3]);
        admin.createTopics(List.of(new NewTopic(topic, spec.shards(), (short) 1))).all().get();
        String[] ends = emu.call("ends " + ls + " " + spec.shards());

        Map<String, String> c = new HashMap<>();
        c.put("name", name);
        c.put("connector.class", SlsSourceConnector.class.getName());
        c.put("tasks.max", Integer.toString(spec.tasks()));
        c.put("sls.endpoint", emu.endpoint);
        c.put("sls.proxy.host", "127.0.0.1");
        c.put("sls.proxy.port", Integer.toString(emu.port));
        c.put("sls.access.key.id", EmulatorMain.KEY_ID);
        c.put("sls.access.key.secret", EmulatorMain.KEY_SECRET);
        c.put("sls.project", EmulatorMain.PROJECT);
        c.put("sls.logstores", ls);
        c.put("fetch.idle.backoff.ms", "100");
        c.put("record.format", "hec_event");
        c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", Integer.toString(spec.shards()));
        if (eos) c.put("exactly.once.support", "required");
        c.putAll(spec.extra());

        System.gc();
        long liveBefore = HeapWatch.liveNow();
        HeapWatch.reset();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime();
        long emu0 = emu.cpuNanos();
        ThreadCpu cpu = new ThreadCpu();
        long t0 = System.nanoTime();
        connect.configureConnector(name, c);
        long deadline = t0 + Duration.ofSeconds(Math.max(180, spec.rawBytes() / 1_000_000)).toNanos();
        long lastGc = t0, peakLive = 0, inTopic = 0, peakBuffered = 0;
        boolean done = false;
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            peakBuffered = Math.max(peakBuffered, bufferedBytes(name));
            if (spec.forceGc() && System.nanoTime() - lastGc > 1_000_000_000L) {
                peakLive = Math.max(peakLive, HeapWatch.liveNow());
                lastGc = System.nanoTime();
            }
            if (eos) {
                if (allAtEnd(name, ends)) { done = true; break; }
            } else {
                inTopic = endOffsets(topic, spec.shards());
                if (inTopic >= logs) { done = true; break; }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> threads = cpu.stop(name);
        double procCpu = (os.getProcessCpuTime() - proc0) / 1e9;
        double emuCpu = (emu.cpuNanos() - emu0) / 1e9;
        long peakAfterGc = HeapWatch.peakAfterGc.get();
        connect.deleteConnector(name);
        if (eos) inTopic = endOffsets(topic, spec.shards());   // includes one transaction marker per partition and commit
        Thread.sleep(500);
        emu.call("drop " + ls);
        admin.deleteTopics(List.of(topic)).all().get();

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", spec.label());
        r.put("shards", spec.shards());
        r.put("tasks", spec.tasks());
        r.put("exactlyOnce", eos);
        r.put("settings", new HashMap<>(spec.extra()));
        r.put("complete", done);
        r.put("logs", logs);
        r.put("rawBytes", raw);
        r.put("contentBytes", content);
        r.put("seconds", secs);
        r.put("rawMBps", raw / 1e6 / secs);
        r.put("recordsPerSec", logs / secs);
        double rawGb = raw / 1e9;
        double task = threads.getOrDefault("task", 0.0), fetch = threads.getOrDefault("fetch", 0.0);
        r.put("taskCpuSec", task);
        r.put("fetchCpuSec", fetch);
        r.put("producerIoCpuSec", threads.getOrDefault("producer", 0.0));
        r.put("taskCpuMsPerRawMB", task * 1000 / (raw / 1e6));
        r.put("taskPlusFetchCpuSecPerRawGB", (task + fetch) / rawGb);
        r.put("workerJvmCpuSecPerRawGB", procCpu / rawGb);
        r.put("emulatorCpuSecPerRawGB", emuCpu / rawGb);
        r.put("totalCpuSecPerRawGB", (procCpu + emuCpu) / rawGb);
        r.put("heapLiveBeforeMB", liveBefore / 1e6);
        r.put("peakHeapAfterGcMB", peakAfterGc / 1e6);
        if (spec.forceGc()) r.put("peakLiveHeapMB", peakLive / 1e6);
        r.put("peakBufferedMB", peakBuffered / 1e6);
        r.put("topicEndOffsetsSum", inTopic);
        return r;
    }

    /** The connector's own memory gauge, summed over its tasks (the worker runs in this JVM). */
    private static long bufferedBytes(String connector) {
        var server = ManagementFactory.getPlatformMBeanServer();
        long sum = 0;
        try {
            for (var n : server.queryNames(new javax.management.ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=*"), null)) {
                if (n.getKeyProperty("shard") != null) continue;
                Object v = server.getAttribute(n, "sls-buffered-bytes");
                if (v instanceof Number num) sum += num.longValue();
            }
        } catch (Exception e) {
            return 0;   // the task is not up yet
        }
        return sum;
    }

    private boolean allAtEnd(String name, String[] ends) {
        ConnectorOffsets offsets;
        try {
            offsets = connect.connectorOffsets(name);
        } catch (RuntimeException e) {
            return false;
        }
        Set<String> want = Set.of(ends);
        int atEnd = 0;
        for (ConnectorOffset o : offsets.offsets()) {
            Object cursor = o.offset().get("cursor");
            Object skip = o.offset().get("skip");
            if (cursor != null && want.contains(cursor.toString()) && (skip == null || Long.parseLong(skip.toString()) == 0)) atEnd++;
        }
        return atEnd == ends.length;
    }

    private long endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        for (int p = 0; p < partitions; p++) q.put(new TopicPartition(topic, p), OffsetSpec.latest());
        return admin.listOffsets(q).all().get().values().stream().collect(Collectors.summingLong(i -> i.offset()));
    }

    @Override
    public void close() {
        admin.close();
        connect.stop();
    }
}
