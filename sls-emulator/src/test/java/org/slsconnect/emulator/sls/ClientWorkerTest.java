package org.slsconnect.emulator.sls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

            try (Socks5Relay relay = new Socks5Relay(emu.port())) {
                Path hosts = tmp.resolve("hosts");
                String hostname;
                try {
                    hostname = InetAddress.getLocalHost().getHostName();
                } catch (java.net.UnknownHostException e) {
                    hostname = "localhost";
                }
                Files.writeString(hosts, "127.0.0.1 localhost " + P + "." + emu.endpoint() + " " + emu.endpoint() + " " + hostname + "\n");
                Path stdout = tmp.resolve("worker.out");
                Path stderr = tmp.resolve("worker.err");
                List<String> cmd = new ArrayList<>();
                cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
                cmd.add("-Xmx256m");
                cmd.add("-XX:TieredStopAtLevel=1");
                cmd.add("-Djdk.net.hosts.file=" + hosts);
                cmd.add("-DsocksProxyHost=127.0.0.1");
                cmd.add("-DsocksProxyPort=" + relay.port());
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(ClientWorkerMain.class.getName());
                cmd.addAll(List.of(emu.endpoint(), P, LS, GROUP, "wak", "wsk", Integer.toString(expected), "40"));
                Process child = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                boolean exited = child.waitFor(60, TimeUnit.SECONDS);
                if (!exited) {
                    child.destroyForcibly();
                }
                String out = Files.readString(stdout);
                String diagnostics = out + "\n--- stderr (tail) ---\n" + tail(Files.readString(stderr), 4000);
                assertTrue(exited, "worker did not finish\n" + diagnostics);
                assertEquals(0, child.exitValue(), diagnostics);
                assertTrue(out.contains("RESULT total=" + expected + " distinct=" + expected + " duplicates=0"), diagnostics);
                assertTrue(relay.connections() > 0);
            }

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
