package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * Single-thread throughput of the record formats, in MB/s of log content (UTF-8 key + value bytes), on a corpus
 * shaped like the one of the mapping-floor measurement: 1000 groups, about 25 logs each, ActionTrail events
 * (unfolded) and nginx access logs, tags on about a third of the groups, a ns part on half the logs.
 * Skipped unless run with {@code -Dslsconnect.bench=true} ({@code -Dslsconnect.bench.only=hec_event/bytes} picks
 * one variant, for a JVM that sees only one format as in production); results go to the test's output file
 * ({@code target/surefire-reports/*MappingThroughputTest-output.txt}).
 */
class MappingThroughputTest {

    @Test
    void throughput() {
        assumeTrue(Boolean.getBoolean("slsconnect.bench"), "benchmark: run with -Dslsconnect.bench=true");
        Random rnd = new Random(42);
        List<FastLogGroup> groups = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        long contentBytes = 0;
        int logs = 0;
        for (int g = 0; g < 1000; g++) {
            boolean trail = g % 2 == 0;
            LogGroups b = LogGroups.group().topic(trail ? "actiontrail_audit_event" : "").source("10.0.0." + g % 200);
            if (g % 3 == 0) b.tag("__hostname__", "host-" + g).tag("__path__", "/var/log/app.log").tag("__receive_time__", "1700000001");
            int n = 15 + rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                int ns = i % 2 == 0 ? rnd.nextInt(1_000_000_000) : -1;
                if (trail) {
                    String ev = Fixtures.TRAIL_EVENT.replace("DeleteBucket", "Op" + rnd.nextInt(1000))
                        .replace("\"requestId\":\"5F0A-11\"", "\"requestId\":\"" + Long.toHexString(rnd.nextLong()) + "\"");
                    if (rnd.nextInt(4) == 0) ev = ev.replace("\"isGlobal\":false", "\"isGlobal\":false,\"responseElements\":{\"x\":\""
                        + "r".repeat(rnd.nextInt(3000)) + "\"}");
                    b.log(1700000000L + i, ns, "event", ev, "owner_id", "1234567890");
                } else {
                    b.log(1700000000L + i, ns, "remote_addr", "198.51.100." + rnd.nextInt(255), "time_local", "14/Nov/2023:22:13:20 +0000",
                        "request", "GET /api/v1/items/" + rnd.nextInt(100000) + "?page=" + rnd.nextInt(50) + " HTTP/1.1",
                        "status", rnd.nextInt(10) == 0 ? "404" : "200", "body_bytes_sent", Integer.toString(rnd.nextInt(100000)),
                        "http_referer", "-", "http_user_agent", Fixtures.USER_AGENT, "request_time", "0.0" + rnd.nextInt(100),
                        "upstream_addr", "10.1.0." + rnd.nextInt(20) + ":8080");
                }
            }
            FastLogGroup fg = b.build();
            encoded.add(b.encode());
            for (FastLog log : fg.getLogs()) {
                logs++;
                for (FastLogContent c : log.getContents()) contentBytes += c.getKeyLength() + c.getValueLength();
            }
            groups.add(fg);
        }
        System.out.printf(Locale.ROOT, "corpus: %d groups, %d logs, %.1f MB content, %.0f B/log%n",
            groups.size(), logs, contentBytes / 1e6, (double) contentBytes / logs);

        StringConverter string = new StringConverter();
        string.configure(Map.of(), false);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        double parse = measure(() -> parseOnce(encoded));
        System.out.printf(Locale.ROOT, "%-44s %7.1f MB/s %6.2f us/log%n", "SDK parse only (FastLogGroup, lengths)",
            contentBytes / 1e6 / parse, parse * 1e6 / logs);
        for (String[] c : new String[][] {
                {"flat_json", "string", "none"}, {"flat_json", "string", "StringConverter"}, {"flat_json", "bytes", "none"},
                {"hec_event", "string", "none"}, {"hec_event", "string", "StringConverter"}, {"hec_event", "bytes", "none"},
                {"structured", "string", "none"}, {"structured", "string", "JsonConverter"}}) {
            String only = System.getProperty("slsconnect.bench.only");
            if (only != null && !(c[0] + "/" + c[1] + "/" + c[2]).startsWith(only)) continue;
            RecordMapper m = Fixtures.mapper(Fixtures.props("record.format", c[0], "record.value.type", c[1]));
            Function<SlsRecord, Integer> convert = c[2].equals("StringConverter")
                ? r -> string.fromConnectData("t", r.valueSchema(), r.value()).length
                : c[2].equals("JsonConverter") ? r -> json.fromConnectData("t", r.valueSchema(), r.value()).length
                : r -> r.value() instanceof byte[] ? ((byte[]) r.value()).length : 1;
            double best = measure(() -> mapOnce(m, groups, convert));
            System.out.printf(Locale.ROOT, "%-44s %7.1f MB/s %6.2f us/log; with SDK parse %6.1f MB/s%n",
                c[0] + " " + c[1] + " " + c[2], contentBytes / 1e6 / best, best * 1e6 / logs, contentBytes / 1e6 / (best + parse));
        }
    }

    private static long sink;

    /** Seconds of the fastest of 15 passes after 3 s of warm-up (other builds share this machine: take the best). */
    private static double measure(Runnable pass) {
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) pass.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            pass.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static void parseOnce(List<byte[]> encoded) {
        for (byte[] e : encoded) {
            FastLogGroup g = new FastLogGroup(e, 0, e.length);
            for (int i = 0; i < g.getLogsCount(); i++) {
                FastLog log = g.getLogs(i);
                for (int k = 0; k < log.getContentsCount(); k++) sink += log.getContents(k).getValueLength();
            }
        }
    }

    private static void mapOnce(RecordMapper m, List<FastLogGroup> groups, Function<SlsRecord, Integer> convert) {
        for (FastLogGroup g : groups) {
            int count = g.getLogsCount();
            for (int i = 0; i < count; i++) sink += convert.apply(m.map(Fixtures.SHARD, g, g.getLogs(i), Fixtures.CURSOR, i, Map.of()));
        }
    }
}
