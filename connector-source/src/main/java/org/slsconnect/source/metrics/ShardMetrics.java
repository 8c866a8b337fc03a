package org.slsconnect.source.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

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
    private final LongSupplier clockMs;
    /** Wall-clock time of the last PullLogs that succeeded; starts at creation, so a shard never reached also ages. */
    private final AtomicLong lastPullMs;

    public ShardMetrics() {
        this(System::currentTimeMillis);
    }

    ShardMetrics(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.lastPullMs = new AtomicLong(clockMs.getAsLong());
    }

    public void recordPull(int records, long bytes, long lagMs) {
        this.pulls.incrementAndGet();
        this.records.addAndGet(records);
        this.bytes.addAndGet(bytes);
        this.lagMs.set(lagMs);
        this.lastPullMs.set(clockMs.getAsLong());
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
    /**
     * Milliseconds since the last successful pull, computed when read: unlike {@code lagMs}, which keeps its last
     * value while SLS cannot be reached, this keeps growing through an outage.
     */
    public long msSinceLastPull() { return Math.max(0, clockMs.getAsLong() - lastPullMs.get()); }
    public long oversizeTruncated() { return oversizeTruncated.get(); }
    public long oversizeSkipped() { return oversizeSkipped.get(); }
}
