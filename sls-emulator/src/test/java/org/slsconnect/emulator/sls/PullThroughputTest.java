package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.LogGroupData;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.response.PullLogsResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures pull serving: 1000 realistic log groups per request through the real SDK. Prints the
 * numbers (see target/surefire-reports/*PullThroughputTest-output.txt); asserts only loose bounds
 * so a slow CI machine does not fail it.
 */
class PullThroughputTest {
    static final String P = "bench";
    static final String LS = "access";

    /** An nginx-like access log group: 10 logs of 10 fields each, about 2.5 KB raw. */
    static byte[] realisticGroup(Random r, int n) {
        LogGroupBuilder b = new LogGroupBuilder().topic("nginx").source("10.1.2." + (n % 250)).tag("__hostname__", "web-" + (n % 16))
                .tag("__path__", "/var/log/nginx/access.log");
        for (int i = 0; i < 10; i++) {
            b.log(1_700_000_000L + n, r.nextInt(1_000_000_000), "remote_addr", "192.168." + r.nextInt(256) + "." + r.nextInt(256),
                    "time_local", "25/Nov/2026:15:32:" + (10 + i) + " +0800", "method", i % 3 == 0 ? "POST" : "GET",
                    "uri", "/api/v1/items/" + r.nextInt(100_000) + "?page=" + r.nextInt(50),
                    "status", i % 17 == 0 ? "500" : "200", "body_bytes_sent", Integer.toString(r.nextInt(50_000)),
                    "request_time", "0." + r.nextInt(1000), "http_referer", "https://example.com/p/" + r.nextInt(1000),
                    "http_user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0." + r.nextInt(9999),
                    "trace_id", Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
        }
        return b.build();
    }

    @Test
    void pullOf1000GroupsIsFastColdAndCached() throws Exception {
        int ranges = 12;
        try (SlsEmulator emu = SlsEmulator.builder().accessKey("ak", "sk").project(P).logstore(P, LS, 1)
                .pullCacheBytes(0).build().start()) {
            Random r = new Random(1);
            long rawBytes = 0;
            for (int i = 0; i < ranges * 1000; i++) {
                byte[] g = realisticGroup(r, i);
                rawBytes += g.length;
                emu.appendLogGroup(P, LS, 0, g);
            }
            Client client = Sdk.client(emu, "ak", "sk");
            RawSlsClient raw = new RawSlsClient(emu, "ak", "sk");
            double groupKb = rawBytes / 1024.0 / (ranges * 1000);
            double mibPerPull = groupKb * 1000 / 1024;

            // No cache: every pull concatenates and lz4-compresses 1000 stored groups. Two warm-up passes first.
            for (int pass = 0; pass < 2; pass++) {
                pass(client, emu, ranges);
                rawPass(raw, emu, ranges);
            }
            double coldMs = pass(client, emu, ranges);
            double coldServerMs = rawPass(raw, emu, ranges);

            // With the cache: the second read of a range reuses the compressed body.
            emu.pullCacheBytes(256L * 1024 * 1024);
            pass(client, emu, ranges);
            double warmMs = pass(client, emu, ranges);
            double warmServerMs = rawPass(raw, emu, ranges);

            System.out.printf("PULL-BENCH group=%.2f KiB raw; one pull = 1000 groups = %.2f MiB raw%n", groupKb, mibPerPull);
            System.out.printf("PULL-BENCH no cache, SDK pullLogs + getLogGroups + FastLogGroup: %.1f ms/pull (%.0f MiB/s raw)%n", coldMs, mibPerPull / (coldMs / 1000));
            System.out.printf("PULL-BENCH no cache, plain HTTP GET (server cost + transfer):   %.1f ms/pull (%.0f MiB/s raw)%n", coldServerMs, mibPerPull / (coldServerMs / 1000));
            System.out.printf("PULL-BENCH cached,   SDK pullLogs + getLogGroups + FastLogGroup: %.1f ms/pull (%.0f MiB/s raw)%n", warmMs, mibPerPull / (warmMs / 1000));
            System.out.printf("PULL-BENCH cached,   plain HTTP GET:                             %.1f ms/pull (%.0f MiB/s raw)%n", warmServerMs, mibPerPull / (warmServerMs / 1000));
            System.out.println("PULL-BENCH cache " + emu.pullCacheStats());
            assertTrue(coldMs < 2_000, "pull took " + coldMs + " ms");
            assertTrue(emu.pullCacheStats().get("hits") >= ranges);
            client.shutdown();
        }
    }

    /** Average ms per pull over all ranges via the SDK. */
    private static double pass(Client client, SlsEmulator emu, int ranges) throws Exception {
        long t0 = System.nanoTime();
        long groups = 0;
        for (int i = 0; i < ranges; i++) {
            groups += pullAll(client, emu.cursor(P, LS, 0, i * 1000L));
        }
        assertEquals(ranges * 1000L, groups);
        return (System.nanoTime() - t0) / 1e6 / ranges;
    }

    /** Average ms per pull over all ranges with a plain HTTP client that does not decode the body. */
    private static double rawPass(RawSlsClient raw, SlsEmulator emu, int ranges) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < ranges; i++) {
            RawSlsClient.Response resp = raw.send(P, "GET", "/logstores/" + LS + "/shards/0",
                    java.util.Map.of("type", "log", "count", "1000", "cursor", emu.cursor(P, LS, 0, i * 1000L)),
                    java.util.Map.of("Accept-Encoding", "lz4"), new byte[0]);
            assertEquals("1000", resp.header("x-log-count"));
        }
        return (System.nanoTime() - t0) / 1e6 / ranges;
    }

    /** Pulls one batch of up to 1000 groups and makes the SDK decode all of them. */
    private static int pullAll(Client client, String cursor) throws Exception {
        PullLogsResponse resp = client.pullLogs(new PullLogsRequest(P, LS, 0, 1000, cursor));
        List<LogGroupData> groups = resp.getLogGroups();
        int logs = 0;
        for (LogGroupData g : groups) {
            logs += g.GetFastLogGroup().getLogsCount();
        }
        assertEquals(groups.size() * 10, logs);
        return groups.size();
    }
}
