package org.slsconnect.source.read;

/**
 * A task's memory budget ({@code max.buffered.bytes}) in log bytes: what pulls in flight are expected to bring, plus
 * what was pulled and not yet acknowledged by Kafka. A pull is sized to fit what is left, so the total stays within
 * the bound whatever the backlog; only the first pull of a shard, whose group size is not yet known, is assumed to
 * be as large as SLS allows.
 */
final class PullBudget {

    /** SLS returns at most about 10 MiB of raw data per PullLogs, whatever the count asked for. */
    static final long PULL_BYTES_CAP = 10L << 20;

    /** A started pull: the log groups it asks for and the bytes it holds in the budget until it returns. */
    record Reservation(int groups, long bytes) {}

    private final long maxBytes;
    private final int maxGroups;
    private long reserved;
    private long buffered;

    PullBudget(long maxBytes, int maxGroups) {
        this.maxBytes = maxBytes;
        this.maxGroups = maxGroups;
    }

    /**
     * A pull that fits in what is left, for a shard whose groups average {@code groupBytes} (null if unknown), or
     * null if none fits now. When nothing is buffered or in flight a pull always starts, so one response larger than
     * the whole budget cannot stall the task.
     */
    synchronized Reservation reserve(Long groupBytes) {
        long used = buffered + reserved;
        long headroom = maxBytes - used;
        int groups = maxGroups;
        long estimate = PULL_BYTES_CAP;
        if (groupBytes != null) {
            groups = (int) Math.max(1, Math.min(maxGroups, headroom / groupBytes));
            estimate = Math.min(PULL_BYTES_CAP, groups * groupBytes);
        }
        if (used > 0 && estimate > headroom) return null;
        reserved += estimate;
        return new Reservation(groups, estimate);
    }

    /** The pull returned {@code bytes} (0 if it failed): they replace its reservation until acknowledged. */
    synchronized void settle(Reservation pull, long bytes) {
        reserved -= pull.bytes();
        buffered += bytes;
    }

    /** Kafka acknowledged records of this many bytes. */
    synchronized void release(long bytes) {
        buffered -= bytes;
    }

    synchronized long bufferedBytes() { return buffered; }

    synchronized long reservedBytes() { return reserved; }
}
