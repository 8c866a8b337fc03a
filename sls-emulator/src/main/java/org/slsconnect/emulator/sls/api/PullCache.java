package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.codec.Compression;
import org.slsconnect.emulator.sls.store.Shard;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * LRU cache of compressed pull bodies keyed by (shard, first sequence, group count, codec).
 * Stored groups never change, so an entry stays valid forever; repeated reads of the same
 * range (retries after faults, several consumers, re-reading benchmarks) skip compression.
 */
public final class PullCache {
    record Key(Shard shard, long fromSeq, int count, Compression compression) {
    }

    record Body(byte[] compressed, int rawSize) {
    }

    private final LinkedHashMap<Key, Body> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private volatile long capacityBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public PullCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public void capacityBytes(long capacity) {
        this.capacityBytes = capacity;
        synchronized (this) {
            evict();
        }
    }

    synchronized Body get(Key key) {
        Body b = entries.get(key);
        (b == null ? misses : hits).increment();
        return b;
    }

    synchronized void put(Key key, Body body) {
        if (body.compressed().length > capacityBytes) {
            return;
        }
        Body old = entries.put(key, body);
        if (old != null) {
            bytes -= old.compressed().length;
        }
        bytes += body.compressed().length;
        evict();
    }

    private void evict() {
        for (Iterator<Map.Entry<Key, Body>> it = entries.entrySet().iterator(); bytes > capacityBytes && it.hasNext(); ) {
            bytes -= it.next().getValue().compressed().length;
            it.remove();
        }
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
