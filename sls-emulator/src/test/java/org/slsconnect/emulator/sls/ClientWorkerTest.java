package org.slsconnect.emulator.sls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alibaba's loghub-client-lib 0.6.41 ClientWorker consumes a multi-shard logstore (with a split,
 * so a readonly parent too) through the emulator, end to end with server-side checkpoints.
 *
 * <p>0.6.41 always connects to {@code <project>.<endpoint>:80} and has no proxy settings, so the
 * worker runs in a child JVM whose DNS comes from a hosts file ({@code -Djdk.net.hosts.file}) and
 * whose sockets go through a SOCKS5 relay to the emulator's real port. No root, no port 80, and
 * nothing leaks into this test JVM.
 */
class ClientWorkerTest {
    static final String P = "workerproj";
    static final String LS = "events";
    static final String GROUP = "worker-group";

    @TempDir
    Path tmp;

    @Test
    void clientWorkerConsumesEveryLogExactlyOnceAndCheckpoints() throws Exception {
        try (SlsEmulator emu = SlsEmulator.builder().accessKey("wak", "wsk").build().start()) {
            emu.createProject(P);
            emu.createLogstore(P, LS, 3);
            int expected = 0;
            for (int shard = 0; shard < 3; shard++) {
                for (int g = 0; g < 20; g++) {
                    expected += append(emu, shard, "s" + shard + "-g" + g, 5);
                }
            }
            List<Integer> children = emu.splitShard(P, LS, 0); // shard 0 becomes a readonly parent with data
            for (int child : children) {
                for (int g = 0; g < 10; g++) {
                    expected += append(emu, child, "c" + child + "-g" + g, 3);
                }
            }

            ClientWorkerRunner.Result result = ClientWorkerRunner.run(emu, P, LS, GROUP, "wak", "wsk", expected, 40, tmp);
            assertTrue(result.exited(), "worker did not finish\n" + result.diagnostics());
            assertTrue(result.consumedExactly(expected), result.diagnostics());
            assertTrue(result.relayConnections() > 0);

            // Every shard, the readonly parent included, is checkpointed at its end.
            for (ShardInfo s : emu.shards(P, LS)) {
                assertEquals(emu.endCursor(P, LS, s.id()), emu.checkpoint(P, LS, GROUP, s.id()), "checkpoint of shard " + s.id());
            }
            assertEquals(List.of(GROUP), emu.consumerGroups(P, LS));
            assertTrue(emu.requestCount("HeartBeat") > 0);
            assertTrue(emu.requestCount("GetCheckPoint") >= 5);
            assertTrue(emu.requestCount("UpdateCheckPoint") >= 5);
            assertTrue(emu.requestCount("PullLogs") >= 5);
        }
    }

    private static int append(SlsEmulator emu, int shard, String groupId, int logs) {
        LogGroupBuilder b = new LogGroupBuilder().topic("worker").source("127.0.0.1");
        for (int i = 0; i < logs; i++) {
            b.log(1_700_000_000L + i, null, "id", groupId + "-" + i, "body", "log line " + i);
        }
        emu.appendLogGroup(P, LS, shard, b.build());
        return logs;
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }
}
