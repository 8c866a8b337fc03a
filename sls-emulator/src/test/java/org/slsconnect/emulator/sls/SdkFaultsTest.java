package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.response.PullLogsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.faults.Corruption;
import org.slsconnect.emulator.sls.faults.FaultScope;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.emulator.sls.Sdk.assertLogError;

/** Every injected fault surfaces in the real SDK as the matching LogException. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkFaultsTest {
    static final String P = "proj";
    static final String LS = "ls";

    SlsEmulator emu;
    Client client;        // the SDK as an application would configure it
    Client noRetry;       // retries disabled: each fault seen once

    @BeforeAll
    void start() {
        emu = SlsEmulator.builder().accessKey("ak", "sk").build().start();
        emu.createProject(P);
        emu.createLogstore(P, LS, 2);
        for (int shard = 0; shard < 2; shard++) {
            for (int i = 0; i < 3; i++) {
                emu.appendLogGroup(P, LS, shard, new LogGroupBuilder().log(1_700_000_000L, null, "i", Integer.toString(i)).build());
            }
        }
        client = Sdk.client(emu, "ak", "sk");
        noRetry = Sdk.clientWithoutRetry(emu, "ak", "sk");
    }

    @AfterEach
    void clearFaults() {
        emu.faults().clear();
    }

    @AfterAll
    void stop() {
        client.shutdown();
        noRetry.shutdown();
        emu.close();
    }

    PullLogsResponse pull(Client c, int shard) throws LogException {
        return c.pullLogs(new PullLogsRequest(P, LS, shard, 100, emu.beginCursor(P, LS, shard)));
    }

    @Test
    void failNextSurfacesOncePerRequestBecauseTheRequestIdIsAlwaysSent() throws Exception {
        emu.faults().failNext("PullLogs", 2, 503, "ServerBusy");
        long before = emu.requestCount("PullLogs");
        LogException e = assertLogError("ServerBusy", () -> pull(client, 0));
        assertEquals(503, e.GetHttpCode());
        assertEquals(24, e.GetRequestId().length());
        assertTrue(e.GetRequestId().matches("[0-9A-F]{24}"));
        assertLogError("ServerBusy", () -> pull(client, 0));
        assertEquals(3, pull(client, 0).getCount());
        assertEquals(before + 3, emu.requestCount("PullLogs"), "the SDK did not retry: x-log-requestid was present");
    }

    @Test
    void failNextWithOtherCodesAndKinds() throws Exception {
        emu.faults().failNext("GetCursor", 1, 500, "InternalServerError");
        assertEquals(500, assertLogError("InternalServerError", () -> client.GetCursor(P, LS, 0, Consts.CursorMode.BEGIN)).GetHttpCode());
        emu.faults().failNext("PullLogs", 1, 403, "ShardReadQuotaExceed");
        assertEquals(403, assertLogError("ShardReadQuotaExceed", () -> pull(client, 0)).GetHttpCode());
        emu.faults().failNext("UpdateCheckPoint", 1, 503, "ServerBusy", "try later");
        emu.createConsumerGroup(P, LS, "g", 60, false);
        LogException e = assertLogError("ServerBusy", () -> client.UpdateCheckPoint(P, LS, "g", 0, "x"));
        assertEquals("try later", e.GetErrorMessage());
        emu.faults().failNext("PutLogs", 1, 403, "WriteQuotaExceed");
        assertLogError("WriteQuotaExceed", () -> client.PutLogs(P, LS, new LogGroupBuilder().log(1, null).build(), "lz4", null));
        emu.faults().failNext("*", 1, 500, "InternalServerError");
        assertLogError("InternalServerError", () -> client.ListShard(P, LS));
        client.ListShard(P, LS);
    }

    @Test
    void faultsCanTargetOneShard() throws Exception {
        emu.faults().failNext(FaultScope.of("PullLogs").logstore(LS).shard(1), 1, 503, "ServerBusy");
        assertEquals(3, pull(client, 0).getCount());
        assertLogError("ServerBusy", () -> pull(client, 1));
        assertEquals(3, pull(client, 1).getCount());
        emu.faults().failNext(FaultScope.of("PullLogs").logstore("other"), 1, 503, "ServerBusy");
        assertEquals(3, pull(client, 1).getCount(), "scoped to another logstore");
    }

    @Test
    void randomFailureRate() throws Exception {
        emu.faults().seed(42).failureRate("PullLogs", 0.5, 500, "InternalServerError");
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                pull(client, 0);
            } catch (LogException e) {
                assertEquals("InternalServerError", e.GetErrorCode());
                failed++;
            }
        }
        assertTrue(failed > 5 && failed < 35, "failed " + failed + " of 40");
        emu.faults().failureRate("PullLogs", 0, 500, "InternalServerError");
        pull(client, 0);
    }

    @Test
    void latencyDelaysOnlyItsKind() throws Exception {
        emu.faults().latency("ListShards", Duration.ofMillis(400));
        long t0 = System.nanoTime();
        client.ListShard(P, LS);
        long listMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(listMillis >= 400, "ListShard took " + listMillis + " ms");
        t0 = System.nanoTime();
        pull(client, 0);
        long pullMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(pullMillis < 300, "PullLogs took " + pullMillis + " ms");
        emu.faults().latency("ListShards", Duration.ZERO);
    }

    @Test
    void latencyDoesNotBlockOtherConnections() throws Exception {
        // Many delayed requests at once finish in about one delay, not the sum: the event loop is never blocked.
        emu.faults().latency("GetCursor", Duration.ofMillis(500));
        int parallel = 8;
        Thread[] threads = new Thread[parallel];
        Client[] clients = new Client[parallel];
        long t0 = System.nanoTime();
        for (int i = 0; i < parallel; i++) {
            clients[i] = Sdk.client(emu, "ak", "sk");
            Client c = clients[i];
            threads[i] = new Thread(() -> {
                try {
                    c.GetCursor(P, LS, 0, Consts.CursorMode.END);
                } catch (LogException e) {
                    throw new RuntimeException(e);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (Client c : clients) {
            c.shutdown();
        }
        assertTrue(millis < 2_500, parallel + " delayed requests took " + millis + " ms");
    }

    @Test
    void cutConnectionMidResponse() throws Exception {
        emu.faults().cutNext("PullLogs", 1);
        LogException e = assertLogError("BadResponse", () -> pull(client, 0));
        assertNotNull(e.GetErrorMessage());
        assertEquals(3, pull(client, 0).getCount(), "the next request is served normally");
        emu.faults().cutNext("ListShards", 1);
        assertLogError("BadResponse", () -> client.ListShard(P, LS));
        client.ListShard(P, LS);
    }

    @Test
    void unreachableUntilClearedAndForADuration() throws Exception {
        emu.faults().unreachable(true);
        assertLogError("RequestError", () -> noRetry.ListShard(P, LS));
        assertLogError("RequestError", () -> pull(noRetry, 0));
        emu.faults().unreachable(false);
        noRetry.ListShard(P, LS);

        emu.faults().unreachableFor(Duration.ofMillis(300));
        assertLogError("RequestError", () -> noRetry.ListShard(P, LS));
        Sdk.eventually(3_000, () -> noRetry.ListShard(P, LS));
    }

    @Test
    void corruptPullBodies() throws Exception {
        // PullLogsResponse decodes lazily: the damage surfaces from getLogGroups(), not from pullLogs().
        emu.faults().corruptNext(1, Corruption.BAD_COMPRESSION);
        PullLogsResponse badLz4 = pull(noRetry, 0);
        assertLogError("DecompressException", badLz4::getLogGroups);
        emu.faults().corruptNext(1, Corruption.BAD_FRAMING);
        PullLogsResponse badFraming = pull(noRetry, 0);
        assertLogError("InitLogGroupsError", badFraming::getLogGroups);
        emu.faults().corruptNext(1, Corruption.WRONG_COUNT);
        PullLogsResponse wrongCount = pull(noRetry, 0);
        assertEquals(4, wrongCount.getCount());
        assertLogError("LogGroupCountNotMatch", wrongCount::getLogGroups);
        // Framing intact, group bytes garbage: the SDK's FastLogGroup silently parses no logs.
        emu.faults().corruptNext(1, Corruption.BAD_PROTOBUF);
        PullLogsResponse badProtobuf = pull(noRetry, 0);
        assertEquals(3, badProtobuf.getLogGroups().size());
        assertEquals(0, badProtobuf.getLogGroups().get(0).GetFastLogGroup().getLogsCount());
        // zstd bodies get damaged too; note the SDK leaks zstd-jni's unchecked exception for them.
        emu.faults().corruptNext(1, Corruption.BAD_COMPRESSION);
        PullLogsRequest zstd = new PullLogsRequest(P, LS, 0, 100, emu.beginCursor(P, LS, 0));
        zstd.setCompressType(Consts.CompressType.ZSTD);
        PullLogsResponse badZstd = noRetry.pullLogs(zstd);
        assertThrows(com.github.luben.zstd.ZstdException.class, badZstd::getLogGroups);
        // Scoped to one shard; the stored data itself is never damaged.
        emu.faults().corruptNext(FaultScope.of("PullLogs").shard(1), 1, Corruption.WRONG_COUNT);
        assertEquals(3, pull(noRetry, 0).getLogGroups().size());
        PullLogsResponse shard1 = pull(noRetry, 1);
        assertLogError("LogGroupCountNotMatch", shard1::getLogGroups);
        assertEquals(1, pull(noRetry, 0).getLogGroups().get(0).GetFastLogGroup().getLogsCount());
        assertEquals(1, pull(noRetry, 1).getLogGroups().get(0).GetFastLogGroup().getLogsCount());
    }

    @Test
    void theSdkRetriesADecompressErrorOnceByItself() throws Exception {
        // A DecompressException carries no request id, so BatchGetLog retries it once (even with retry
        // disabled): one corrupt response is absorbed, two surface.
        emu.faults().corruptNext(1, Corruption.BAD_COMPRESSION);
        assertEquals(3, noRetry.BatchGetLog(P, LS, 0, 100, emu.beginCursor(P, LS, 0)).GetCount());
        emu.faults().corruptNext(2, Corruption.BAD_COMPRESSION);
        assertLogError("DecompressException", () -> noRetry.BatchGetLog(P, LS, 0, 100, emu.beginCursor(P, LS, 0)));
    }

    @Test
    void perShardReadThrottle() throws Exception {
        emu.faults().readThrottle(LS, 0, 2, 0);
        pull(client, 0);
        pull(client, 0);
        assertEquals(403, assertLogError("ShardReadQuotaExceed", () -> pull(client, 0)).GetHttpCode());
        pull(client, 1); // other shards have their own budget
        Sdk.eventually(3_000, () -> pull(client, 0));

        emu.faults().clear();
        emu.faults().readThrottle(LS, null, 0, 10); // 10 bytes/s: the first pull spends it all
        pull(client, 1);
        assertLogError("ShardReadQuotaExceed", () -> pull(client, 1));
    }

    @Test
    void perShardWriteThrottle() throws Exception {
        emu.createLogstore(P, "wt", 1);
        emu.faults().writeThrottle("wt", null, 1, 0);
        byte[] g = new LogGroupBuilder().log(1, null, "k", "v").build();
        client.PutLogs(P, "wt", g, "lz4", null);
        assertLogError("ShardWriteQuotaExceed", () -> client.PutLogs(P, "wt", g, "lz4", null));
    }
}
