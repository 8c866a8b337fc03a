package org.slsconnect.emulator.hec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-channel ackIds: issued per request counting from 0, reported {@code true} once, then released. */
final class AckRegistry {

    private static final class Pending {
        final long readyAtNanos;
        boolean dropped;

        Pending(long readyAtNanos, boolean dropped) {
            this.readyAtNanos = readyAtNanos;
            this.dropped = dropped;
        }
    }

    private static final class Channel {
        long next;
        final Map<Long, Pending> pending = new HashMap<>();
    }

    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final HecFaults faults;
    final AtomicLong issued = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();

    AckRegistry(HecFaults faults) {
        this.faults = faults;
    }

    long issue(String channel) {
        Channel c = channels.computeIfAbsent(channel, k -> new Channel());
        long ready = System.nanoTime() + faults.ackLatencyNanos();
        boolean dropped = faults.isDroppingAcks();
        long id;
        synchronized (c) {
            id = c.next++;
            c.pending.put(id, new Pending(ready, dropped));
        }
        issued.incrementAndGet();
        return id;
    }

    /** Answers an ack query: ids in request order (duplicates once). */
    Map<Long, Boolean> query(String channel, List<Long> ids) {
        Map<Long, Boolean> out = new LinkedHashMap<>();
        Channel c = channels.get(channel);
        boolean withhold = faults.isWithholdingAcks();
        long now = System.nanoTime();
        if (c == null) {
            for (Long id : ids) {
                out.put(id, false);
            }
            return out;
        }
        synchronized (c) {
            for (Long id : ids) {
                if (out.containsKey(id)) {
                    continue;
                }
                Pending p = c.pending.get(id);
                boolean ok = p != null && !p.dropped && !withhold && now - p.readyAtNanos >= 0;
                if (ok) {
                    c.pending.remove(id);
                    acknowledged.incrementAndGet();
                }
                out.put(id, ok);
            }
        }
        return out;
    }

    void dropPending() {
        for (Channel c : channels.values()) {
            synchronized (c) {
                for (Pending p : c.pending.values()) {
                    p.dropped = true;
                }
            }
        }
    }

    long pendingCount() {
        long n = 0;
        for (Channel c : channels.values()) {
            synchronized (c) {
                n += c.pending.size();
            }
        }
        return n;
    }

    int channelCount() {
        return channels.size();
    }

    void reset() {
        channels.clear();
        issued.set(0);
        acknowledged.set(0);
    }
}
