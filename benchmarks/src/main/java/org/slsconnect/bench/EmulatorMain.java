package org.slsconnect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slsconnect.emulator.sls.SlsEmulator;

/**
 * The SLS emulator in its own JVM, so the backlog it holds is not counted in the Connect worker's heap and its CPU
 * is reported apart. Line protocol on stdin; answers are stdout lines starting with {@code @@ } (anything else on
 * stdout is logging):
 * {@code load <logstore> <shards> <rawBytes> <seed>}, {@code ends <logstore> <shards>}, {@code drop <logstore>},
 * {@code cpu}, {@code quit}.
 */
public final class EmulatorMain {

    public static final String KEY_ID = "LTAI-bench-key";
    public static final String KEY_SECRET = "bench-secret-7f3a";
    public static final String PROJECT = "bench";
    /** Distinct log groups the backlog cycles through (about 22 MB raw); cursors, and so event ids, stay unique. */
    static final int POOL_GROUPS = 1000;

    public static void main(String[] args) throws Exception {
        SlsEmulator emu = SlsEmulator.builder().port(0).accessKey(KEY_ID, KEY_SECRET).build().start();
        emu.createProject(PROJECT);
        Map<Long, Corpus.Groups> pools = new HashMap<>();
        reply("READY " + emu.port() + " " + emu.endpoint());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] a = line.trim().split("\\s+");
            try {
                switch (a[0]) {
                    case "load": {
                        String ls = a[1];
                        int shards = Integer.parseInt(a[2]);
                        long target = Long.parseLong(a[3]);
                        Corpus.Groups pool = pools.computeIfAbsent(Long.parseLong(a[4]), s -> Corpus.generate(s, POOL_GROUPS));
                        emu.createLogstore(PROJECT, ls, shards);
                        long raw = 0, logs = 0, content = 0, groups = 0;
                        List<List<byte[]>> perShard = new ArrayList<>();
                        for (int s = 0; s < shards; s++) perShard.add(new ArrayList<>());
                        int[] logsOf = new int[pool.groups().size()];
                        long[] contentOf = new long[pool.groups().size()];
                        perGroupStats(pool, logsOf, contentOf);
                        for (int i = 0; raw < target; i++) {
                            int g = i % pool.groups().size();
                            byte[] bytes = pool.groups().get(g);
                            perShard.get(i % shards).add(bytes);
                            raw += bytes.length;
                            logs += logsOf[g];
                            content += contentOf[g];
                            groups++;
                        }
                        for (int s = 0; s < shards; s++) {
                            List<byte[]> list = perShard.get(s);
                            for (int from = 0; from < list.size(); from += 500) {
                                emu.appendLogGroups(PROJECT, ls, s, list.subList(from, Math.min(list.size(), from + 500)));
                            }
                        }
                        reply("OK " + groups + " " + logs + " " + content + " " + raw);
                        break;
                    }
                    case "ends": {
                        StringBuilder sb = new StringBuilder("OK");
                        for (int s = 0; s < Integer.parseInt(a[2]); s++) sb.append(' ').append(emu.endCursor(PROJECT, a[1], s));
                        reply(sb.toString());
                        break;
                    }
                    case "drop":
                        emu.deleteLogstore(PROJECT, a[1]);
                        System.gc();
                        reply("OK");
                        break;
                    case "cpu":
                        reply("OK " + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
                        break;
                    case "quit":
                        emu.close();
                        reply("OK");
                        System.exit(0);
                        break;
                    default:
                        reply("ERR unknown command " + a[0]);
                }
            } catch (RuntimeException e) {
                reply("ERR " + e);
            }
        }
        emu.close();
    }

    /** Logs and content bytes of each pool group, from the generator's own accounting (re-generated one by one). */
    private static void perGroupStats(Corpus.Groups pool, int[] logsOf, long[] contentOf) {
        for (int g = 0; g < pool.groups().size(); g++) {
            Corpus.Groups one = Corpus.statsOf(pool.groups().get(g));
            logsOf[g] = (int) one.logs();
            contentOf[g] = one.contentBytes();
        }
    }

    private static synchronized void reply(String s) {
        System.out.println("@@ " + s);
        System.out.flush();
    }
}
