package org.slsconnect.source.read;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A task's memory budget ({@code max.buffered.bytes}) in log bytes: what pulls in flight are expected to bring, plus
 * what was pulled and not yet acknowledged by Kafka. A pull starts only if its estimate fits in what is left, and is
 * sized to fit (the estimate comes from the shard's last group size; a shard's first pull, whose group size is not
 * yet known, is assumed to be as large as SLS allows). Estimates can be wrong: a response may bring up to
 * {@link #PULL_BYTES_CAP} whatever was expected, and {@link #settle} books what really came. So the exact bound is:
 * <b>no pull starts while the budget is used up, and the bytes held never exceed {@code max.buffered.bytes} plus
 * {@link #PULL_BYTES_CAP} for each pull that can be in flight at once ({@code fetch.threads})</b>; with right
 * estimates they stay within {@code max.buffered.bytes}. Shards that found no room are served first come, first
 * served, so a shard needing a large reservation is not starved by others taking every small gap.
 */
final class PullBudget {

    /** SLS returns at most about 10 MiB of raw data per PullLogs, whatever the count asked for. */
    static final long PULL_BYTES_CAP = 10L << 20;

    /** A started pull: the log groups it asks for and the bytes it holds in the budget until it returns. */
    static final class Reservation {
        private final int groups;
        private final long bytes;

        Reservation(int groups, long bytes) {
            this.groups = groups;
            this.bytes = bytes;
        }

        int groups() { return groups; }
        long bytes() { return bytes; }
    }

    private final long maxBytes;
    private final int maxGroups;
    private long reserved;
    private long buffered;
    /** Shards refused for lack of room, oldest first; only the oldest may take room that frees up. */
    private final Deque<Object> waiting = new ArrayDeque<>();

    PullBudget(long maxBytes, int maxGroups) {
        this.maxBytes = maxBytes;
        this.maxGroups = maxGroups;
    }

    /**
     * A pull for {@code shard}, whose groups average {@code groupBytes} (null if unknown), that fits in what is left;
     * or null if none fits now or an earlier refused shard is still waiting. When nothing is buffered or in flight a
     * pull always starts, so one response larger than the whole budget cannot stall the task.
     */
    synchronized Reservation reserve(Object shard, Long groupBytes) {
        Object first = waiting.peekFirst();
        if (first != null && !first.equals(shard)) {
            if (!waiting.contains(shard)) waiting.addLast(shard);
            return null;
        }
        long used = buffered + reserved;
        long headroom = maxBytes - used;
        int groups = maxGroups;
        long estimate = PULL_BYTES_CAP;
        if (groupBytes != null) {
            groups = (int) Math.max(1, Math.min(maxGroups, headroom / groupBytes));
            estimate = Math.min(PULL_BYTES_CAP, groups * groupBytes);
        }
        if (used > 0 && estimate > headroom) {
            if (first == null) waiting.addLast(shard);
            return null;
        }
        if (first != null) waiting.pollFirst();
        reserved += estimate;
        return new Reservation(groups, estimate);
    }

    /** The shard stops pulling (finished, failed, closed): it must not hold the queue. */
    synchronized void forget(Object shard) {
        waiting.remove(shard);
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
