package org.slsconnect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pair benchmark's pure parts: /proc reading and thread categories (no broker, no worker). */
class PairPartsTest {

    @Test
    void readsThisProcessFromProc() {
        long pid = ProcessHandle.current().pid();
        long spin = 0;
        for (long t = System.nanoTime(); System.nanoTime() - t < 200_000_000L; ) spin++;   // burn some CPU to see it
        assertTrue(spin > 0 && ProcStat.cpuSeconds(pid) > 0, "process CPU from /proc/<pid>/stat");
        assertTrue(ProcStat.rssBytes(pid) > 10_000_000L, "RSS from /proc/<pid>/status");
        Map<Long, Object[]> threads = ProcStat.threads(pid);
        assertTrue(threads.values().stream().anyMatch(t -> "main".equals(t[0]) || String.valueOf(t[0]).startsWith("GC Thread")),
            "thread names from /proc/<pid>/task/*/comm: " + threads.size() + " threads");
    }

    @Test
    void categoriesFromTheFifteenCharacterThreadNames() {
        assertEquals("sink task", PairBench.ThreadSampler.category("task-thread-spl"));
        assertEquals("source task", PairBench.ThreadSampler.category("task-thread-sls"));
        assertEquals("sls-fetch", PairBench.ThreadSampler.category("sls-fetch-sls-s"));
        assertEquals("GC", PairBench.ThreadSampler.category("G1 Conc#0"));
        assertEquals("GC", PairBench.ThreadSampler.category("GC Thread#1"));
        assertEquals("JIT", PairBench.ThreadSampler.category("C2 CompilerThre"));
        assertEquals("producer I/O", PairBench.ThreadSampler.category("kafka-producer-"));
    }

    @Test
    void everyQuickAndLongVariantExists() {
        assertTrue(PairBench.variants().keySet().containsAll(PairBench.QUICK));
        assertTrue(PairBench.variants().keySet().containsAll(PairBench.LONG));
    }
}
