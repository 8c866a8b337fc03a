package org.slsconnect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one benchmark command. {@code --long} for the long mode; {@code --only micro,e2e,eos,tuned,backlog,scaling,splunk}
 * to pick parts; {@code --mb N} to change the main e2e data size; {@code --results DIR}.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);   // the emulator child and HTTP threads would otherwise keep this JVM alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        boolean longMode = false;
        Set<String> only = Set.of("micro", "e2e", "eos", "tuned", "backlog", "scaling", "pair");
        List<String> pairVariants = null;
        long pairLogs = -1;
        long mb = -1;
        Path resultsDir = Path.of("benchmarks/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--long": longMode = true; break;
                case "--only": only = Set.of(args[++i].split(",")); break;
                case "--mb": mb = Long.parseLong(args[++i]); break;
                case "--results": resultsDir = Path.of(args[++i]); break;
                case "--pair-variants": pairVariants = List.of(args[++i].split(",")); break;
                case "--pair-logs": pairLogs = Long.parseLong(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long mainBytes = (mb > 0 ? mb : longMode ? 1000 : 200) * 1_000_000L;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", longMode ? "long" : "quick");
        out.put("startedAt", Instant.now().toString());
        out.put("machine", Map.of("availableProcessors", Runtime.getRuntime().availableProcessors(),
            "maxHeapMB", Runtime.getRuntime().maxMemory() / 1_000_000, "java", System.getProperty("java.vm.version"),
            "os", System.getProperty("os.name") + " " + System.getProperty("os.version")));

        if (only.contains("micro")) out.put("micro", micro(longMode));

        List<Map<String, Object>> e2e = new ArrayList<>();
        int[] tasks = {1, 2, 4};
        if (only.contains("e2e") || only.contains("tuned") || only.contains("backlog") || only.contains("scaling")) {
            try (EmulatorProcess emu = new EmulatorProcess(longMode ? "6g" : "3g");
                 EndToEnd alo = new EndToEnd(emu, false)) {
                if (only.contains("e2e")) for (int t : tasks) e2e.add(print(alo.run(new EndToEnd.Spec("e2e", 8, t, false, mainBytes, Map.of(), false))));
                if (only.contains("tuned")) {
                    // The producer settings connector-config/sls-source.json ships, with String values and with
                    // bytes (as shipped now: Splunk's sink reads either with its own StringConverter).
                    Map<String, String> tuned = Map.of(
                        "producer.override.linger.ms", "20", "producer.override.batch.size", "1048576",
                        "producer.override.compression.type", "lz4");
                    Map<String, String> tunedBytes = new HashMap<>(tuned);
                    tunedBytes.put("record.value.type", "bytes");
                    tunedBytes.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
                    for (int t : new int[] {1, 2}) e2e.add(print(alo.run(new EndToEnd.Spec("tuned", 8, t, false, mainBytes, tuned, false))));
                    e2e.add(print(alo.run(new EndToEnd.Spec("tuned-b", 8, 2, false, mainBytes, tunedBytes, false))));
                }
                if (only.contains("scaling")) {
                    int[][] grid = longMode ? new int[][] {{1, 1}, {2, 1}, {2, 2}, {4, 1}, {4, 2}, {4, 4}, {8, 1}, {8, 2}, {8, 4}}
                        : new int[][] {{1, 1}, {2, 2}, {4, 2}, {4, 4}};
                    long bytes = (longMode ? 400 : 100) * 1_000_000L;
                    for (int[] g : grid) e2e.add(print(alo.run(new EndToEnd.Spec("scaling", g[0], g[1], false, bytes, Map.of(), false))));
                }
                if (only.contains("backlog")) {
                    long small = (longMode ? 100 : 30) * 1_000_000L;
                    Map<String, String> bound = Map.of("max.buffered.bytes", Long.toString(16L << 20));
                    for (long b : new long[] {small, small * 10}) {
                        e2e.add(print(alo.run(new EndToEnd.Spec("backlog", 8, 1, false, b, bound, true))));
                    }
                }
            }
        }
        if (only.contains("eos")) {
            try (EmulatorProcess emu = new EmulatorProcess(longMode ? "6g" : "3g");
                 EndToEnd eos = new EndToEnd(emu, true)) {
                for (int t : tasks) e2e.add(print(eos.run(new EndToEnd.Spec("e2e-eos", 8, t, true, mainBytes, Map.of(), false))));
                // One transaction per second instead of one per poll(), with the shipped producer settings.
                Map<String, String> interval = Map.of("transaction.boundary", "interval",
                    "transaction.boundary.interval.ms", "1000", "producer.override.linger.ms", "20",
                    "producer.override.batch.size", "1048576", "producer.override.compression.type", "lz4");
                e2e.add(print(eos.run(new EndToEnd.Spec("eos-1s", 8, 2, true, mainBytes, interval, false))));
            }
        }
        out.put("e2e", e2e);
        if (only.contains("pair") || only.contains("splunk")) out.put("pair", pair(longMode, pairVariants, pairLogs));
        printTables(out);
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
        System.out.println("results written to " + file);
    }

    /**
     * The SLS -> Kafka -> Splunk sink -> HEC pair ({@link PairBench}); Splunk's sink jar from SPLUNK_SINK_JAR, else
     * ../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar from the repository root.
     */
    static Object pair(boolean longMode, List<String> variants, long logs) throws Exception {
        String env = System.getenv("SPLUNK_SINK_JAR");
        Path jar = Path.of(env != null && !env.isBlank() ? env : "../shared/splunk-kafka-connect/splunk-kafka-connect-v2.2.1.jar");
        if (!Files.isRegularFile(jar)) {
            String msg = "skipped: no Splunk sink jar at " + jar + " (set SPLUNK_SINK_JAR)";
            System.out.println("[pair] " + msg);
            return msg;
        }
        List<String> names = variants != null ? variants : longMode ? PairBench.LONG : PairBench.QUICK;
        long perRun = logs > 0 ? logs : longMode ? 400_000 : 100_000;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("splunkSinkJar", jar.getFileName().toString());
        out.put("logsPerRun", perRun);
        try (EmulatorProcess emu = new EmulatorProcess("3g")) {
            PairBench bench = new PairBench(emu, jar);
            try {
                out.put("runs", bench.run(names, perRun));
            } finally {
                bench.close();
            }
        }
        return out;
    }

    private static Map<String, Object> print(Map<String, Object> r) {
        System.out.printf(Locale.ROOT, "[e2e] %-8s shards=%d tasks=%d eos=%s %s: %.1f MB raw in %.1f s = %.1f MB/s, %.0f rec/s, task %.2f ms CPU/raw MB, heap after GC peak %.0f MB%s%n",
            r.get("label"), r.get("shards"), r.get("tasks"), r.get("exactlyOnce"), r.get("settings"), (long) r.get("rawBytes") / 1e6,
            r.get("seconds"), r.get("rawMBps"), r.get("recordsPerSec"), r.get("taskCpuMsPerRawMB"), r.get("peakHeapAfterGcMB"),
            Boolean.TRUE.equals(r.get("complete")) ? "" : "  ** INCOMPLETE **");
        return r;
    }

    static List<Map<String, Object>> micro(boolean longMode) throws Exception {
        Corpus.Groups g = Corpus.generate(MappingBench.SEED, MappingBench.GROUPS);
        Corpus.PullBody body = Corpus.pullBody(g.groups());
        System.out.printf(Locale.ROOT, "[micro] one op = one PullLogs body: %d groups, %d logs, %.2f MB raw LogGroupList, %.2f MB lz4, %.2f MB content (%.0f B/log)%n",
            g.groups().size(), g.logs(), body.rawSize() / 1e6, body.compressed().length / 1e6, g.contentBytes() / 1e6, g.bytesPerLog());
        ChainedOptionsBuilder o = new OptionsBuilder().include(MappingBench.class.getName().replace(".", "\\.") + ".*")
            .threads(1).forks(longMode ? 2 : 1)
            .warmupIterations(longMode ? 5 : 3).warmupTime(TimeValue.seconds(longMode ? 3 : 2))
            .measurementIterations(longMode ? 10 : 4).measurementTime(TimeValue.seconds(longMode ? 3 : 2))
            .jvmArgs("-Xmx1g", "-Xms1g").addProfiler(GCProfiler.class).shouldFailOnError(true);
        String sel = System.getProperty("bench.micro.variants");
        if (sel != null) o.param("variant", sel.split(","));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunResult rr : new Runner(o.build()).run()) {
            String name = rr.getParams().getBenchmark().replaceAll(".*\\.", "");
            String variant = rr.getParams().getParam("variant");
            double opsPerSec = rr.getPrimaryResult().getScore();
            Map<String, Result> sec = rr.getSecondaryResults();
            Result norm = sec.containsKey("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm") : sec.get("·gc.alloc.rate.norm");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", variant == null ? "baseline: decompress + parse" : variant);
            row.put("opsPerSec", opsPerSec);
            row.put("opsPerSecError", rr.getPrimaryResult().getScoreError());
            row.put("usPerLog", 1e6 / (opsPerSec * g.logs()));
            row.put("logsPerSec", opsPerSec * g.logs());
            row.put("rawMBps", opsPerSec * body.rawSize() / 1e6);
            row.put("contentMBps", opsPerSec * g.contentBytes() / 1e6);
            row.put("allocBytesPerLog", norm == null ? null : norm.getScore() / g.logs());
            rows.add(row);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    static void printTables(Map<String, Object> out) {
        System.out.println();
        System.out.println("=== Results (" + out.get("mode") + " mode) ===");
        if (out.get("pair") instanceof Map<?, ?> pair && pair.get("runs") instanceof List<?> runs) {
            System.out.println("Pair SLS -> source -> Kafka -> Splunk sink -> HEC (CPU = worker + broker JVMs):");
            System.out.printf(Locale.ROOT, "| %-18s | %7s | %9s | %9s | %8s | %10s | %8s | %s%n", "run", "logs", "overall/s", "steady/s",
                "CPU ms/MB", "connector ms/MB", "RSS MB", "check");
            System.out.println("|--------------------|---------|-----------|-----------|----------|-----------------|----------|------");
            for (Map<String, Object> r : (List<Map<String, Object>>) runs) {
                System.out.printf(Locale.ROOT, "| %-18s | %7d | %9.0f | %9.0f | %8.0f | %15.1f | %8.0f | %s%n", r.get("label"), r.get("logs"),
                    r.get("logsPerSecOverall"), r.get("logsPerSecSteady"), r.get("cpuMsPerContentMB"), r.get("connectorThreadsCpuMsPerContentMB"),
                    r.get("peakRssMB"), String.valueOf(r.get("check")).split(":")[0]);
            }
            System.out.println("targets: >= 11,000 logs/s steady at HEC, <= 175 CPU ms per content MB (worker + broker), connector threads <= 8 ms/MB");
        }
        List<Map<String, Object>> micro = (List<Map<String, Object>>) out.get("micro");
        if (micro != null) {
            System.out.println("Micro (JMH, 1 thread; PullLogs body -> SDK decode -> ShardReader/RecordMapper -> converters):");
            System.out.printf(Locale.ROOT, "| %-36s | %8s | %9s | %10s | %10s | %12s |%n", "path", "µs/log", "logs/s", "raw MB/s", "content MB/s", "alloc B/log");
            System.out.println("|--------------------------------------|----------|-----------|------------|------------|--------------|");
            for (Map<String, Object> r : micro) {
                System.out.printf(Locale.ROOT, "| %-36s | %8.2f | %9.0f | %10.1f | %10.1f | %12.0f |%n", r.get("benchmark"), r.get("usPerLog"),
                    r.get("logsPerSec"), r.get("rawMBps"), r.get("contentMBps"), r.get("allocBytesPerLog") == null ? Double.NaN : r.get("allocBytesPerLog"));
            }
            micro.stream().filter(r -> String.valueOf(r.get("benchmark")).startsWith("hec_event")).forEach(r ->
                System.out.printf(Locale.ROOT, "target: hec_event >= 200 MB/s content per core: %s %.0f MB/s -> %s%n", r.get("benchmark"),
                    r.get("contentMBps"), (double) r.get("contentMBps") >= 200 ? "met" : "MISSED"));
        }
        List<Map<String, Object>> e2e = (List<Map<String, Object>>) out.get("e2e");
        if (e2e != null && !e2e.isEmpty()) {
            System.out.println("End to end SLS -> Kafka (hec_event, key/value StringConverter unless noted):");
            System.out.printf(Locale.ROOT, "| %-8s | %6s | %5s | %3s | %8s | %6s | %8s | %9s | %11s | %12s | %10s | %10s | %9s |%n", "run", "shards", "tasks", "eos",
                "raw MB", "s", "raw MB/s", "rec/s", "task ms/MB", "task+fetch s/GB", "JVM s/GB", "total s/GB", "heap MB");
            System.out.println("|----------|--------|-------|-----|----------|--------|----------|-----------|-------------|-----------------|------------|------------|-----------|");
            for (Map<String, Object> r : e2e) {
                Object live = r.get("peakLiveHeapMB");
                System.out.printf(Locale.ROOT, "| %-8s | %6d | %5d | %3s | %8.0f | %6.1f | %8.1f | %9.0f | %11.2f | %15.1f | %10.1f | %10.1f | %9s |%s%n", r.get("label"), r.get("shards"),
                    r.get("tasks"), (boolean) r.get("exactlyOnce") ? "on" : "off", (long) r.get("rawBytes") / 1e6, r.get("seconds"), r.get("rawMBps"),
                    r.get("recordsPerSec"), r.get("taskCpuMsPerRawMB"), r.get("taskPlusFetchCpuSecPerRawGB"), r.get("workerJvmCpuSecPerRawGB"),
                    r.get("totalCpuSecPerRawGB"), String.format(Locale.ROOT, "%.0f%s", r.get("peakHeapAfterGcMB"), live == null ? "" : String.format(Locale.ROOT, " (live %.0f)", live)),
                    Boolean.TRUE.equals(r.get("complete")) ? "" : " INCOMPLETE");
            }
            double best = e2e.stream().mapToDouble(r -> (double) r.get("rawMBps")).max().orElse(0);
            double bestCpu = e2e.stream().mapToDouble(r -> (double) r.get("taskCpuMsPerRawMB")).min().orElse(0);
            e2e.stream().filter(r -> "backlog".equals(r.get("label"))).forEach(r -> System.out.printf(Locale.ROOT,
                "backlog %.0f MB raw: connector buffer peak %.1f MB (bound %s B), worker JVM live heap peak %.0f MB%n",
                (long) r.get("rawBytes") / 1e6, r.get("peakBufferedMB"), ((Map<?, ?>) r.get("settings")).get("max.buffered.bytes"),
                r.get("peakLiveHeapMB")));
            System.out.printf(Locale.ROOT, "target: SLS->Kafka >= 50 MB/s raw: best %.1f MB/s -> %s%n", best, best >= 50 ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "target: <= 5 ms task-thread CPU per raw MB: best %.2f -> %s%n", bestCpu, bestCpu <= 5 ? "met" : "MISSED");
        }
    }
}
