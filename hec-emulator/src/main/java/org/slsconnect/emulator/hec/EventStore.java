package org.slsconnect.emulator.hec;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** Thread-safe bounded store of received events with counters and waiting. */
final class EventStore {
    private final int maxStored;
    private final ArrayDeque<ReceivedEvent> events = new ArrayDeque<>();
    private long total;
    private long seq;
    final Map<String, LongAdder> byIndex = new ConcurrentHashMap<>();
    final Map<String, LongAdder> bySourcetype = new ConcurrentHashMap<>();

    EventStore(int maxStored) {
        this.maxStored = maxStored;
    }

    /** Adds a batch, assigning consecutive seqs. */
    void addAll(List<ReceivedEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (ReceivedEvent e : batch) {
            byIndex.computeIfAbsent(e.index(), k -> new LongAdder()).increment();
            bySourcetype.computeIfAbsent(String.valueOf(e.sourcetype()), k -> new LongAdder()).increment();
        }
        synchronized (this) {
            for (ReceivedEvent e : batch) {
                e.seq = ++seq;
                if (maxStored > 0) {
                    if (events.size() >= maxStored) {
                        events.pollFirst();
                    }
                    events.addLast(e);
                }
            }
            total += batch.size();
            notifyAll();
        }
    }

    synchronized long total() {
        return total;
    }

    synchronized int stored() {
        return events.size();
    }

    synchronized List<ReceivedEvent> snapshot() {
        return List.copyOf(events);
    }

    synchronized List<ReceivedEvent> filter(Predicate<? super ReceivedEvent> p) {
        List<ReceivedEvent> out = new ArrayList<>();
        for (ReceivedEvent e : events) {
            if (p.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized boolean awaitTotal(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long ms = Math.max(1, left / 1_000_000);
            wait(Math.min(ms, 100));
        }
        return true;
    }

    synchronized boolean awaitMatching(Predicate<? super ReceivedEvent> p, int n, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int c = 0;
            for (ReceivedEvent e : events) {
                if (p.test(e) && ++c >= n) {
                    return true;
                }
            }
            if (n <= 0) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(Math.max(1, left / 1_000_000), 100));
        }
    }

    synchronized void clear() {
        events.clear();
        total = 0;
        seq = 0;
        byIndex.clear();
        bySourcetype.clear();
        notifyAll();
    }
}
