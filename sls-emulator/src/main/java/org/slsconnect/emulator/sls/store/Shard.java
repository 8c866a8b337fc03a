package org.slsconnect.emulator.sls.store;

import org.slsconnect.emulator.sls.ShardInfo;
import org.slsconnect.emulator.sls.codec.Wire;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard: a hash-key range and an append-only sequence of log groups.
 *
 * <p>Positions: every group has an absolute sequence number (0, 1, 2, ...). Expiry drops groups
 * from the front but never renumbers, so {@code beginSeq} only moves forward. A cursor is
 * {@code base + seq}, with a per-shard base that looks like a real 19-digit SLS cursor.
 */
public final class Shard {
    private final int id;
    private final BigInteger beginKey;
    private final BigInteger endKey;
    private final long createTime;
    private final long base;
    private final List<Integer> parents;
    private volatile boolean readOnly;

    // Guarded by this. Retained groups are entries[head..]; entries[head] has sequence beginSeq.
    private final ArrayList<StoredLogGroup> entries = new ArrayList<>();
    private int head;
    private long beginSeq;
    private long lastReceiveTime;
    private long retainedBytes;

    public Shard(int id, BigInteger beginKey, BigInteger endKey, long createTimeSec, List<Integer> parents) {
        this.id = id;
        this.beginKey = beginKey;
        this.endKey = endKey;
        this.createTime = createTimeSec;
        this.base = createTimeSec * 1_000_000_000L + id * 1_000_000L;
        this.parents = List.copyOf(parents);
    }

    public int id() {
        return id;
    }

    public BigInteger beginKey() {
        return beginKey;
    }

    public BigInteger endKey() {
        return endKey;
    }

    public long createTime() {
        return createTime;
    }

    /** Shards this one was split or merged from (empty for original shards). */
    public List<Integer> parents() {
        return parents;
    }

    public boolean readOnly() {
        return readOnly;
    }

    void markReadOnly() {
        readOnly = true;
    }

    public boolean containsKey(BigInteger key) {
        return key.compareTo(beginKey) >= 0 && key.compareTo(endKey) < 0;
    }

    public ShardInfo info() {
        return new ShardInfo(id, readOnly ? ShardInfo.READONLY : ShardInfo.READWRITE,
                HashKeys.toHex(beginKey), HashKeys.toHex(endKey), createTime);
    }

    // ---- positions and cursors ----

    public String cursorOf(long seq) {
        return Cursors.encode(base + seq);
    }

    /** The decimal position SLS reports in {@code x-log-read-last-cursor}. */
    public long positionOf(long seq) {
        return base + seq;
    }

    /** Sequence number of a decoded cursor value (may be out of range: callers check). */
    public long seqOf(long cursorValue) {
        return cursorValue - base;
    }

    public synchronized long beginSeq() {
        return beginSeq;
    }

    /** The sequence number the next appended group will get. */
    public synchronized long endSeq() {
        return beginSeq + (entries.size() - head);
    }

    public synchronized long retainedCount() {
        return entries.size() - head;
    }

    public synchronized long retainedBytes() {
        return retainedBytes;
    }

    // ---- writes ----

    /**
     * Appends a serialized LogGroup. Receive times are kept non-decreasing per shard (a clock
     * that goes backwards does not reorder data), so cursor-by-time lookups are well defined.
     *
     * @return the group's sequence number
     */
    public long append(byte[] logGroup, long receiveTimeSec) {
        byte[] framed = Wire.frameAsListElement(logGroup);
        int headerLength = framed.length - logGroup.length;
        synchronized (this) {
            long t = Math.max(receiveTimeSec, lastReceiveTime);
            lastReceiveTime = t;
            entries.add(new StoredLogGroup(framed, headerLength, t));
            retainedBytes += framed.length;
            return endSeq() - 1;
        }
    }

    /** Drops up to count groups from the front; returns how many were dropped. */
    public synchronized long expire(long count) {
        long n = Math.min(Math.max(count, 0), entries.size() - head);
        for (long i = 0; i < n; i++) {
            retainedBytes -= entries.get(head).framed().length;
            entries.set(head, null);
            head++;
        }
        beginSeq += n;
        compact();
        return n;
    }

    /** Drops groups received before cutoffSec (TTL). */
    public synchronized long expireReceivedBefore(long cutoffSec) {
        long n = 0;
        while (head + n < entries.size() && entries.get((int) (head + n)).receiveTime() < cutoffSec) {
            n++;
        }
        return n == 0 ? 0 : expire(n);
    }

    private void compact() {
        if (head > 1024 && head > entries.size() / 2) {
            entries.subList(0, head).clear();
            head = 0;
        }
    }

    // ---- reads ----

    public synchronized StoredLogGroup get(long seq) {
        long end = endSeq();
        if (seq < beginSeq || seq >= end) {
            throw new IndexOutOfBoundsException("seq " + seq + " outside [" + beginSeq + ", " + end + ")");
        }
        return entries.get((int) (head + (seq - beginSeq)));
    }

    /** First sequence whose receive time is at or after timeSec, or endSeq if none. */
    public synchronized long seqAtOrAfter(long timeSec) {
        int lo = head;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).receiveTime() < timeSec) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return beginSeq + (lo - head);
    }

    /**
     * Groups [fromSeq, min(toSeq, end)) up to maxCount groups and maxBytes framed bytes
     * (always at least one group if any is available).
     */
    public synchronized List<StoredLogGroup> read(long fromSeq, long toSeq, int maxCount, long maxBytes) {
        long end = Math.min(toSeq, endSeq());
        List<StoredLogGroup> out = new ArrayList<>((int) Math.max(0, Math.min(maxCount, end - fromSeq)));
        long bytes = 0;
        for (long seq = fromSeq; seq < end && out.size() < maxCount; seq++) {
            StoredLogGroup g = entries.get((int) (head + (seq - beginSeq)));
            if (!out.isEmpty() && bytes + g.framed().length > maxBytes) {
                break;
            }
            bytes += g.framed().length;
            out.add(g);
        }
        return out;
    }
}
