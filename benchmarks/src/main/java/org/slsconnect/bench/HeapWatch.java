package org.slsconnect.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/** Peak heap in use right after a GC (from GC notifications), reset per run. */
final class HeapWatch {
    static final AtomicLong peakAfterGc = new AtomicLong();
    static final AtomicLong peakAfterFullGc = new AtomicLong();

    static final java.util.Set<String> HEAP_POOLS = new java.util.HashSet<>();

    static {
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == java.lang.management.MemoryType.HEAP) HEAP_POOLS.add(p.getName());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) if (HEAP_POOLS.contains(e.getKey())) used += e.getValue().getUsed();
                long v = used;
                peakAfterGc.accumulateAndGet(v, Math::max);
                if (info.getGcAction().contains("major") || info.getGcCause().contains("System.gc")) peakAfterFullGc.accumulateAndGet(v, Math::max);
            }, null, null);
        }
    }

    static void reset() { peakAfterGc.set(0); peakAfterFullGc.set(0); }

    /** Heap used after a full collection now. */
    static long liveNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
