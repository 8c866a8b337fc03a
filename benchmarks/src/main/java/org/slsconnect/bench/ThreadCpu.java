package org.slsconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** CPU time per thread, sampled every 200 ms so that threads which end during a run are still counted. */
final class ThreadCpu implements AutoCloseable {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, long[]> firstLast = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ThreadCpu() {
        sample(true);
        sampler = new Thread(() -> {
            while (running) {
                try { Thread.sleep(200); } catch (InterruptedException e) { return; }
                sample(false);
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(boolean initial) {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) continue;
            long cpu = mx.getThreadCpuTime(ids[i]);
            if (cpu < 0) continue;
            long id = ids[i];
            names.put(id, infos[i].getThreadName());   // Connect reuses and renames task threads: take the current name
            long[] fl = firstLast.computeIfAbsent(id, k -> new long[] {initial ? cpu : 0, cpu});
            fl[1] = cpu;
        }
    }

    /** CPU seconds by category since construction. */
    Map<String, Double> stop(String connector) {
        running = false;
        sampler.interrupt();
        sample(false);
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<Long, long[]> e : firstLast.entrySet()) {
            String n = names.get(e.getKey());
            String cat = n.startsWith("task-thread-" + connector + "-") ? "task"
                : n.startsWith("sls-fetch-" + connector + "-") ? "fetch"
                : n.startsWith("kafka-producer-network-thread") && n.contains(connector) ? "producer"
                : "other";
            out.merge(cat, (e.getValue()[1] - e.getValue()[0]) / 1e9, Double::sum);
        }
        return out;
    }

    @Override
    public void close() { running = false; }
}
