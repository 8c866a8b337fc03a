package org.slsconnect.bench;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.admin.NewTopic;
import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.HecToken;
import org.slsconnect.emulator.hec.ReceivedEvent;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.FastLogTag;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The whole pair, as a user runs it: SLS emulator (child JVM) -> our source -> KRaft broker (own JVM) -> Splunk's sink
 * v2.2.1 (same Connect worker JVM, 1 GB heap) -> HEC emulator with indexer acks (this JVM). The connector configs are
 * the shipped {@code connector-config/*.json} with endpoints and secrets pointed at the emulators, plus each variant's
 * overrides. Measures logs/s arriving at HEC, CPU of worker + broker from /proc, the worker's CPU per thread, peak
 * RSS, and checks every event's time and metadata at HEC against the SLS logs.
 */
final class PairBench {

    static final String TOKEN = "bench-hec-token";
    static final int SHARDS = 4;

    /** One configuration: worker JVM options, source and sink overrides, topic partitions (0: as the shipped config says). */
    record Variant(String label, List<String> workerJvm, Map<String, String> source, Map<String, String> sink, int partitions) {}

    static final List<String> WORKER_G1 = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    /** Every variant by name; quick mode runs {@link #QUICK}. */
    static Map<String, Variant> variants() {
        Map<String, Variant> v = new LinkedHashMap<>();
        Map<String, String> none = Map.of();
        // The files as connector-config/ ships them: flat_json values, the sink's default event mode (time from the
        // record timestamp, metadata from the headers), no gzip, acknowledgements polled every second, topics of
        // topic.creation.default.partitions.
        v.put("shipped", new Variant("shipped", WORKER_G1, none, none, 0));
        // hec_event values with the sink's json.event.formatted mode (µs times, indexed fields): the sink parses every
        // value with a new ObjectMapper. "before" is how this project shipped it before tuning the pair: that mode,
        // gzip to HEC, acknowledgements polled every 10 s, and a topic the broker creates with its default of 1 partition.
        Map<String, String> hecEventSource = Map.of("record.format", "hec_event", "hec.event.fields", "project,logstore,shard");
        Map<String, String> formatted = Map.of("splunk.hec.json.event.formatted", "true");
        Map<String, String> formattedGzip = with(formatted, "splunk.hec.enable.compression", "true");
        v.put("before", new Variant("before", WORKER_G1, hecEventSource, with(formattedGzip, "splunk.hec.ack.poll.interval", "10"), 1));
        v.put("event-gzip", new Variant("event-gzip", WORKER_G1, hecEventSource, formattedGzip, 0));
        v.put("event", new Variant("event", WORKER_G1, hecEventSource, formatted, 0));
        // Settings tried against the shipped ones, one at a time.
        v.put("shipped-gzip", new Variant("shipped-gzip", WORKER_G1, none, Map.of("splunk.hec.enable.compression", "true"), 0));
        v.put("shipped-b2000", new Variant("shipped-b2000", WORKER_G1, none, Map.of("splunk.hec.max.batch.size", "2000"), 0));
        for (int t : new int[] {1, 2, 4}) {
            v.put("shipped-sink" + t, new Variant("shipped-sink" + t, WORKER_G1, none, Map.of("tasks.max", Integer.toString(t)), t));
        }
        v.put("shipped-poll10", new Variant("shipped-poll10", WORKER_G1, none, Map.of("splunk.hec.ack.poll.interval", "10"), 0));
        v.put("shipped-ch4", new Variant("shipped-ch4", WORKER_G1, none, Map.of("splunk.hec.total.channels", "4"), 0));
        // The Kafka producer's own defaults (4.x) instead of the shipped overrides (lz4, linger 20 ms, 1 MB batches).
        v.put("shipped-producer-defaults", new Variant("shipped-producer-defaults", WORKER_G1, Map.of(
            "producer.override.compression.type", "none", "producer.override.linger.ms", "5",
            "producer.override.batch.size", "16384"), none, 0));
        v.put("shipped-string", new Variant("shipped-string", WORKER_G1, Map.of("record.value.type", "string",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter"), none, 0));
        v.put("shipped-field", new Variant("shipped-field", WORKER_G1, none, Map.of("splunk.header.custom", "sls.event.id"), 0));
        v.put("shipped-parallelgc", new Variant("shipped-parallelgc", List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), none, none, 0));
        v.put("shipped-512m", new Variant("shipped-512m", List.of("-Xmx512m", "-XX:+UseG1GC"), none, none, 0));
        v.put("shipped-2g", new Variant("shipped-2g", List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC"), none, none, 0));
        // Raw endpoint: hec_event envelopes go to /raw untouched (no JSON parse in the sink), one POST per metadata
        // group; Splunk breaks lines and takes the time from the text (connector-config/splunk-props.conf).
        Map<String, String> rawSource = with(hecEventSource, "record.value.type", "bytes");
        Map<String, String> raw = Map.of("splunk.hec.raw", "true", "splunk.hec.raw.line.breaker", "\n",
            "splunk.hec.max.batch.size", "2000", "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        v.put("raw-bytes", new Variant("raw-bytes", WORKER_G1, rawSource, raw, 0));
        v.put("raw-string", new Variant("raw-string", WORKER_G1, rawSource,
            with(raw, "value.converter", "org.apache.kafka.connect.storage.StringConverter"), 0));
        return v;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    static final List<String> QUICK = List.of("before", "event", "shipped", "raw-bytes");
    static final List<String> LONG = List.of("before", "event-gzip", "event", "shipped", "shipped-gzip", "shipped-b2000",
        "shipped-sink1", "shipped-sink2", "shipped-sink4", "shipped-poll10", "shipped-ch4", "shipped-producer-defaults", "shipped-string", "shipped-field",
        "raw-bytes", "raw-string", "shipped", "shipped-512m", "shipped-2g", "shipped-parallelgc");

    private final EmulatorProcess emu;
    private final HecEmulator hec;
    private final PairStack stack;
    private final Path splunkJar;
    private final Admin admin;
    private int runs;

    PairBench(EmulatorProcess emu, Path splunkJar) throws Exception {
        this.emu = emu;
        this.splunkJar = splunkJar;
        // Splunk's own time extraction on /raw as connector-config/splunk-props.conf configures it.
        hec = HecEmulator.builder().port(0).token(TOKEN, true).storeConfigChecks(false)
            .rawTimePrefix(SPLUNK_RAW_TIME_PREFIX).build().start();
        stack = new PairStack(Files.createTempDirectory("pair-bench"));
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.bootstrap);
        admin = Admin.create(p);
        System.out.println("[pair] broker pid " + stack.brokerPid() + ", logs in " + stack.dir);
    }

    /** TIME_PREFIX of connector-config/splunk-props.conf: the hec_event envelope starts with its time. */
    static final String SPLUNK_RAW_TIME_PREFIX = "^\\{\"time\":";

    List<Map<String, Object>> run(List<String> names, long logsPerRun) throws Exception {
        Map<String, Variant> all = variants();
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> currentJvm = null;
        for (String name : names) {
            Variant v = all.get(name);
            if (v == null) throw new IllegalArgumentException("unknown pair variant " + name + "; known: " + all.keySet());
            if (!v.workerJvm().equals(currentJvm)) {
                stack.startWorker(v.workerJvm(), Map.of(), splunkJar);
                currentJvm = v.workerJvm();
                System.out.println("[pair] worker pid " + stack.workerPid() + " " + currentJvm);
                // A fresh worker JVM compiles the hot code first (JIT was most of a first run's CPU): one unmeasured pass.
                Map<String, Object> warm = runOne(new Variant("warmup:" + v.label(), v.workerJvm(), v.source(), v.sink(), v.partitions()), logsPerRun / 2);
                print(warm);
            }
            Map<String, Object> r = runOne(v, logsPerRun);
            print(r);
            out.add(r);
        }
        return out;
    }

    private Map<String, Object> runOne(Variant v, long logsPerRun) throws Exception {
        String ls = "pair" + (++runs);
        // ~rawBytes per log of the corpus, so the run holds about logsPerRun logs
        String[] loaded = emu.call("load " + ls + " " + SHARDS + " " + (logsPerRun * 700) + " " + MappingBench.SEED);
        long groups = Long.parseLong(loaded[0]), logs = Long.parseLong(loaded[1]), content = Long.parseLong(loaded[2]);
        String topic = "sls.bench." + ls;
        // Created up front: the shipped sink subscribes by topics.regex, and a regex subscription only sees a topic
        // created later at its next metadata refresh (metadata.max.age.ms, 5 minutes).
        // With the shipped topic settings (retention by size, not time): the corpus's log times, which become the
        // record timestamps, are years old, and the broker's default 7-day time retention deleted records before the
        // sink read them (seen as the sink "stalling" part-way, a few thousand logs short at HEC).
        admin.createTopics(List.of(new NewTopic(topic, partitions(v), (short) 1).configs(shippedTopicConfigs()))).all().get();
        hec.clearEvents();
        Map<Integer, Long> codesBefore = hec.stats().responsesByCode();
        Map<String, String> source = sourceConfig(ls);
        source.putAll(v.source());
        Map<String, String> sink = sinkConfig(topic);
        sink.putAll(v.sink());
        String load = Files.readString(Path.of("/proc/loadavg")).trim();

        long worker = stack.workerPid(), broker = stack.brokerPid();
        double workerCpu0 = ProcStat.cpuSeconds(worker), brokerCpu0 = ProcStat.cpuSeconds(broker);
        ThreadSampler threads = new ThreadSampler(worker);
        long start = System.nanoTime();
        stack.putConnector("splunk-sink-" + ls, sink);
        awaitSinkGroupStable("connect-splunk-sink-" + ls, Integer.parseInt(sink.get("tasks.max")));
        stack.putConnector("sls-source-" + ls, source);
        // HEC arrival timeline, RSS peaks, thread CPU, sampled every 250 ms until every log is at HEC.
        List<long[]> timeline = new ArrayList<>();
        long peakRss = 0, peakWorkerRss = 0;
        long timeoutNanos = Math.max(180, logs / 500) * 1_000_000_000L;
        long count;
        while ((count = hec.eventCount()) < logs && System.nanoTime() - start < timeoutNanos) {
            Thread.sleep(250);
            timeline.add(new long[] {System.nanoTime() - start, hec.eventCount()});
            long w = ProcStat.rssBytes(worker);
            peakWorkerRss = Math.max(peakWorkerRss, w);
            peakRss = Math.max(peakRss, w + ProcStat.rssBytes(broker));
            threads.sample();
        }
        long end = System.nanoTime();
        timeline.add(new long[] {end - start, count});
        double workerCpu = ProcStat.cpuSeconds(worker) - workerCpu0, brokerCpu = ProcStat.cpuSeconds(broker) - brokerCpu0;
        threads.sample();
        // A late duplicate would arrive within a flush window or two: wait 2 s more before checking.
        Thread.sleep(2000);
        List<ReceivedEvent> received = hec.events();
        String check = check(received, ls, groups, millisecondTime(sink));
        if (!check.startsWith("exact")) {
            Path dump = stack.dir.resolve(ls + "-events.txt");
            Files.write(dump, (Iterable<String>) received.stream().map(e -> e.time() + " " + e.host() + " " + e.eventText())::iterator);
            check += "; every event in " + dump;
        }
        String sinkState = stack.status("splunk-sink-" + ls);
        stack.deleteConnector("sls-source-" + ls);
        stack.deleteConnector("splunk-sink-" + ls);
        emu.call("drop " + ls);

        double seconds = (end - start) / 1e9;
        double contentMB = content / 1e6;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", v.label());
        r.put("workerJvm", String.join(" ", v.workerJvm()));
        r.put("sourceOverrides", v.source());
        r.put("sinkOverrides", v.sink());
        r.put("partitions", partitions(v));
        r.put("shards", SHARDS);
        r.put("logs", logs);
        r.put("atHec", hec.eventCount());
        r.put("contentBytesPerLog", (double) content / logs);
        r.put("seconds", seconds);
        r.put("logsPerSecOverall", count / seconds);
        r.put("logsPerSecSteady", steady(timeline, logs));
        r.put("workerCpuSec", workerCpu);
        r.put("brokerCpuSec", brokerCpu);
        r.put("cpuMsPerContentMB", (workerCpu + brokerCpu) * 1000 / contentMB);
        Map<String, Double> byThread = threads.byCategory();
        r.put("workerThreadCpuSec", byThread);
        // JIT compilation is a start-up cost a long-running worker stops paying; short runs still carry some.
        r.put("cpuMsPerContentMBWithoutJit", (workerCpu + brokerCpu - byThread.getOrDefault("JIT", 0.0)) * 1000 / contentMB);
        r.put("connectorThreadsCpuMsPerContentMB", (byThread.getOrDefault("source task", 0.0) + byThread.getOrDefault("sls-fetch", 0.0)) * 1000 / contentMB);
        r.put("peakRssMB", peakRss / 1e6);
        r.put("peakWorkerRssMB", peakWorkerRss / 1e6);
        Map<Integer, Long> codes = new java.util.TreeMap<>(hec.stats().responsesByCode());
        codes.replaceAll((code, n) -> n - codesBefore.getOrDefault(code, 0L));
        r.put("hecRepliesByCode", codes);
        r.put("check", check);
        r.put("complete", count >= logs && check.startsWith("exact"));
        r.put("loadavgBefore", load);
        if (count < logs) r.put("sinkStatus", sinkState);
        return r;
    }

    /** The sink's default event mode sends the record timestamp (ms) as the time; the other modes the log's µs. */
    static boolean millisecondTime(Map<String, String> sink) {
        return !"true".equals(sink.get("splunk.hec.json.event.formatted")) && !"true".equals(sink.get("splunk.hec.raw"));
    }

    /** The variant's partitions, or (0) what the shipped source config asks Connect to create, else the broker default 1. */
    private static int partitions(Variant v) throws Exception {
        if (v.partitions() > 0) return v.partitions();
        String shipped = shipped("connector-config/sls-source.json").get("topic.creation.default.partitions");
        return shipped == null ? 1 : Integer.parseInt(shipped);
    }

    /** The topic settings the shipped source config asks Connect to create topics with ({@code topic.creation.default.*}). */
    private static Map<String, String> shippedTopicConfigs() throws Exception {
        String prefix = "topic.creation.default.";
        Map<String, String> configs = new HashMap<>();
        shipped("connector-config/sls-source.json").forEach((k, val) -> {
            if (k.startsWith(prefix) && !k.equals(prefix + "partitions") && !k.equals(prefix + "replication.factor")) {
                configs.put(k.substring(prefix.length()), val);
            }
        });
        return configs;
    }

    /**
     * Waits until every sink task's consumer is in the group with its partitions: a task that joins late makes the
     * group rebalance, and the sink then re-reads what it had sent but not yet seen acknowledged (Splunk's sink is
     * at-least-once), which would show as duplicates at HEC that a long-running deployment does not have.
     */
    private void awaitSinkGroupStable(String group, int tasks) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (d != null && d.groupState() == GroupState.STABLE && d.members().size() == tasks) return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) throw e;   // not created yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("sink consumer group " + group + " did not become stable with " + tasks + " members");
    }

    /** Logs/s between 20% and 90% of the logs at HEC (leaves out start-up and the tail). */
    private static double steady(List<long[]> timeline, long logs) {
        long[] a = null, b = null;
        for (long[] p : timeline) {
            if (a == null && p[1] >= logs * 0.2) a = p;
            if (b == null && p[1] >= logs * 0.9) b = p;
        }
        if (a == null || b == null || b[0] == a[0]) return Double.NaN;
        return (b[1] - a[1]) / ((b[0] - a[0]) / 1e9);
    }

    private Map<String, String> sourceConfig(String ls) throws Exception {
        Map<String, String> c = shipped("connector-config/sls-source.json");
        c.put("sls.endpoint", emu.endpoint);
        c.put("sls.proxy.host", "127.0.0.1");   // the emulator serves the fake endpoint as an HTTP proxy
        c.put("sls.proxy.port", Integer.toString(emu.port));
        c.put("sls.access.key.id", EmulatorMain.KEY_ID);
        c.put("sls.access.key.secret", EmulatorMain.KEY_SECRET);
        c.put("sls.project", EmulatorMain.PROJECT);
        c.put("sls.logstores", ls);
        c.put("splunk.index.by.logstore", ls + "=alicloud_audit");
        return c;
    }

    private Map<String, String> sinkConfig(String topic) throws Exception {
        Map<String, String> c = shipped("connector-config/splunk-sink.json");
        c.put("topics.regex", topic.replace(".", "\\."));
        c.put("splunk.hec.uri", hec.url());
        c.put("splunk.hec.token", TOKEN);
        c.remove("splunk.hec.ssl.trust.store.path");
        c.remove("splunk.hec.ssl.trust.store.type");
        c.remove("splunk.hec.ssl.trust.store.password");
        return c;
    }

    private static Map<String, String> shipped(String file) throws Exception {
        Map<String, Object> doc = PairStack.JSON.readValue(new File(file), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, String> config = new LinkedHashMap<>((Map<String, String>) doc.get("config"));
        return config;
    }

    /**
     * Every event at HEC against the logs the SLS emulator holds: the multiset of (time in µs, host, source, sourcetype,
     * index) must be equal, so a lost, duplicated or mislabelled log shows. Expected values follow the shipped source
     * config: host = tag __hostname__ else the group's source, sourcetype by topic, index by logstore.
     */
    static String check(Collection<ReceivedEvent> events, String ls, long groups, boolean millisecondTime) {
        Corpus.Groups pool = Corpus.generate(MappingBench.SEED, EmulatorMain.POOL_GROUPS);
        Map<String, Long> expected = new HashMap<>();
        int poolSize = pool.groups().size();
        for (int g = 0; g < poolSize; g++) {
            long times = groups / poolSize + (g < groups % poolSize ? 1 : 0);
            if (times == 0) continue;
            byte[] bytes = pool.groups().get(g);
            FastLogGroup fg = new FastLogGroup(bytes, 0, bytes.length);
            String host = fg.getSource();
            for (int t = 0; t < fg.getLogTagsCount(); t++) {
                FastLogTag tag = fg.getLogTags(t);
                if (tag.getKey().equals("__hostname__")) host = tag.getValue();
            }
            String sourcetype = "actiontrail_audit_event".equals(fg.getTopic()) ? "alicloud:actiontrail" : "alicloud:sls:" + ls;
            for (int i = 0; i < fg.getLogsCount(); i++) {
                FastLog log = fg.getLogs(i);
                long micros = (log.getTime() & 0xFFFFFFFFL) * 1_000_000L + Math.max(0, log.getTimeNsPart()) / 1000;
                if (millisecondTime) micros -= micros % 1000;
                expected.merge(key(micros, host, "sls:bench/" + ls, sourcetype, "alicloud_audit"), times, Long::sum);
            }
        }
        long wrong = 0;
        String firstWrong = null;
        for (ReceivedEvent e : events) {
            BigDecimal time = e.time();
            long micros = time == null ? -1 : time.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
            String k = key(micros, e.host(), e.source(), e.sourcetype(), e.index());
            Long n = expected.get(k);
            if (n == null) {
                wrong++;
                if (wrong <= 3) firstWrong = (firstWrong == null ? "" : firstWrong + " ;; ") + k + " <- " + abbreviate(e.toString());
            } else if (n == 1) {
                expected.remove(k);
            } else {
                expected.put(k, n - 1);
            }
        }
        long missing = expected.values().stream().mapToLong(Long::longValue).sum();
        String someMissing = expected.keySet().stream().limit(3).collect(java.util.stream.Collectors.joining(" ;; "));
        if (wrong == 0 && missing == 0) return "exact: " + events.size() + " events, time (" + (millisecondTime ? "ms" : "µs") + ") and host/source/sourcetype/index as expected, none lost or duplicated";
        return String.format(Locale.ROOT, "MISMATCH: %d events, %d unexpected (e.g. %s), %d expected missing (e.g. %s)", events.size(), wrong,
            firstWrong, missing, someMissing);
    }

    private static String abbreviate(String s) { return s.length() > 300 ? s.substring(0, 300) + "..." : s; }

    private static String key(long micros, String host, String source, String sourcetype, String index) {
        return micros + "|" + host + "|" + source + "|" + sourcetype + "|" + index;
    }

    static void print(Map<String, Object> r) {
        System.out.printf(Locale.ROOT, "[pair] %-16s %d logs in %.1f s: %.0f logs/s overall, %.0f steady; %.0f CPU ms/content MB (worker+broker), connector threads %.1f ms/MB, peak RSS %.0f MB; %s; load %s%n",
            r.get("label"), r.get("logs"), r.get("seconds"), r.get("logsPerSecOverall"), r.get("logsPerSecSteady"), r.get("cpuMsPerContentMB"),
            r.get("connectorThreadsCpuMsPerContentMB"), r.get("peakRssMB"), r.get("check"), r.get("loadavgBefore"));
        System.out.println("[pair]   worker CPU s by thread: " + r.get("workerThreadCpuSec") + "; HEC replies by code: " + r.get("hecRepliesByCode"));
    }

    void close() throws Exception {
        admin.close();
        stack.close();
        hec.close();
    }

    /** CPU per worker thread from /proc, by category; a thread's last sample counts, so threads that end are kept. */
    static final class ThreadSampler {
        private final long pid;
        private final Map<Long, Object[]> first;
        private final Map<Long, Object[]> last = new HashMap<>();

        ThreadSampler(long pid) {
            this.pid = pid;
            first = ProcStat.threads(pid);
        }

        void sample() { last.putAll(ProcStat.threads(pid)); }

        Map<String, Double> byCategory() {
            Map<String, Double> out = new java.util.TreeMap<>();
            for (Map.Entry<Long, Object[]> e : last.entrySet()) {
                Object[] f = first.get(e.getKey());
                double before = f != null ? (double) f[1] : 0;   // Connect renames reused pool threads: the latest name counts
                out.merge(category((String) e.getValue()[0]), (double) e.getValue()[1] - before, Double::sum);
            }
            out.replaceAll((k, x) -> Math.round(x * 100) / 100.0);
            return out;
        }

        /** Thread names are cut to 15 characters in /proc: task-thread-spl(unk-sink-..), task-thread-sls(-source-..). */
        static String category(String comm) {
            if (comm.startsWith("task-thread-spl")) return "sink task";
            if (comm.startsWith("task-thread-sls")) return "source task";
            if (comm.startsWith("sls-fetch")) return "sls-fetch";
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) return "GC";
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) return "JIT";
            if (comm.startsWith("kafka-producer")) return "producer I/O";
            if (comm.startsWith("pool-")) return "pool (sink HEC ack/poll)";
            return "other";
        }
    }
}
