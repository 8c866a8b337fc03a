package org.slsconnect.source.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one shard, updated by fetch threads and read by the metrics reporter. */
public final class ShardMetrics {
    final AtomicLong records = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong pulls = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong throttles = new AtomicLong();
    final AtomicLong expiredCursors = new AtomicLong();
    final AtomicLong expiredGroupsSkipped = new AtomicLong();
    final AtomicLong lagMs = new AtomicLong();
    final AtomicLong oversizeTruncated = new AtomicLong();
    final AtomicLong oversizeSkipped = new AtomicLong();

    public void recordPull(int records, long bytes, long lagMs) {
        this.pulls.incrementAndGet();
        this.records.addAndGet(records);
        this.bytes.addAndGet(bytes);
        this.lagMs.set(lagMs);
    }

    public void recordRetry(boolean throttled) {
        retries.incrementAndGet();
        if (throttled) throttles.incrementAndGet();
    }

    public void recordExpiredCursor(long groupsSkipped) {
        expiredCursors.incrementAndGet();
        if (groupsSkipped > 0) expiredGroupsSkipped.addAndGet(groupsSkipped);
    }

    /** A log larger than record.max.bytes was cut ({@code truncate}) or dropped ({@code skip}). */
    public void recordOversize(boolean skipped) {
        (skipped ? oversizeSkipped : oversizeTruncated).incrementAndGet();
    }

    public long records() { return records.get(); }
    public long bytes() { return bytes.get(); }
    public long retries() { return retries.get(); }
    public long throttles() { return throttles.get(); }
    public long expiredCursors() { return expiredCursors.get(); }
    public long expiredGroupsSkipped() { return expiredGroupsSkipped.get(); }
    public long lagMs() { return lagMs.get(); }
    public long oversizeTruncated() { return oversizeTruncated.get(); }
    public long oversizeSkipped() { return oversizeSkipped.get(); }
}
