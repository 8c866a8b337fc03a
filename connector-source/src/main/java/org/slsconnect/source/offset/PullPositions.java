package org.slsconnect.source.offset;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The pure part of cutting one PullLogs response into records: where each log sits (the cursor and index that
 * make its event id), the exact Connect offset after it ({@link SourceOffsets}: cursor + skip, finished), which
 * logs a resumed position skips, and whether the pull finishes the shard. No SDK call, no state: a unit test
 * feeds it what a response says.
 *
 * <p>Normally SLS tells the position of the response's last group ({@code x-log-read-last-cursor}), which names
 * the cursor of every group (see {@link Cursors}): then an offset is {@code (cursor of the log's group, index in
 * the group)} and an event id is the same whatever cursor the pull started from, so it is stable across re-reads.
 * Without it (a cursor of unknown form) offsets fall back to {@code (request cursor, logs from it)}: still exact,
 * but event ids then depend on where the pull started, which varies with pull sizes: {@link #stableIds()} is
 * false and the reader says so.
 */
public final class PullPositions {

    private final String requestCursor;
    private final String nextCursor;
    /** The cursor of each group, or null for the fallback form. */
    private final String[] groupCursors;
    private final int[] logCounts;
    private final long skip;
    private final int lastGroupWithLogs;
    private final boolean readOnlyDone;
    private final boolean stopReached;

    private PullPositions(String requestCursor, String nextCursor, String[] groupCursors, int[] logCounts, long skip,
                          boolean readOnlyDone, boolean stopReached) {
        this.requestCursor = requestCursor;
        this.nextCursor = nextCursor;
        this.groupCursors = groupCursors;
        this.logCounts = logCounts;
        this.skip = skip;
        int last = -1;
        for (int k = 0; k < logCounts.length; k++) if (logCounts[k] > 0) last = k;
        this.lastGroupWithLogs = last;
        this.readOnlyDone = readOnlyDone;
        this.stopReached = stopReached;
    }

    /**
     * @param requestCursor the cursor the pull asked from
     * @param skip          logs to skip from {@code requestCursor} (the stored offset's skip)
     * @param stopCursor    the {@code stop.time} cursor, or null
     * @param readOnly      whether the shard is read-only (split or merged away)
     * @param nextCursor    the response's next cursor
     * @param readLastCursor the response's {@code x-log-read-last-cursor}, or null
     * @param endOfCursor   the response says the shard has no more data, ever ({@code isEndOfCursor})
     * @param logCounts     the number of logs in each returned group
     */
    public static PullPositions of(String requestCursor, long skip, String stopCursor, boolean readOnly,
                                   String nextCursor, String readLastCursor, boolean endOfCursor, int[] logCounts) {
        int n = logCounts.length;
        String[] cursors = groupCursors(readLastCursor, nextCursor, n);
        // Skip counts logs from the request cursor; it does not apply if SLS answered from elsewhere (expired data).
        long toSkip = cursors == null || n == 0 || cursors[0].equals(requestCursor) ? skip : 0;
        boolean readOnlyDone = readOnly && (endOfCursor || (n == 0 && nextCursor.equals(requestCursor)));
        boolean stopReached = stopCursor != null && nextCursor.equals(stopCursor);
        return new PullPositions(requestCursor, nextCursor, cursors, logCounts, toSkip, readOnlyDone, stopReached);
    }

    /** Logs to leave out from the start of the response: they were delivered before. */
    public long skip() { return skip; }

    /** True if the pull ends the shard: a read-only shard read to its end, or the stop cursor reached. */
    public boolean finishes() { return readOnlyDone || stopReached; }

    /** True if the shard finishes because {@code stop.time} was reached (else it was read to its end). */
    public boolean stopReached() { return stopReached; }

    /** True if event ids of this pull name each log's own group, the same on every re-read. */
    public boolean stableIds() { return groupCursors != null; }

    /** The cursor in the event id of the logs of group {@code k}. */
    public String idCursor(int k) { return groupCursors != null ? groupCursors[k] : requestCursor; }

    /**
     * The index in the event id of log {@code i} of group {@code k}, which is log number {@code ordinal} counting
     * from the request cursor.
     */
    public int idIndex(int i, long ordinal) { return groupCursors != null ? i : (int) ordinal; }

    /** The offset after log {@code i} of group {@code k} (log number {@code ordinal} from the request cursor). */
    public Map<String, Object> offsetAfter(int k, int i, long ordinal) {
        boolean lastOfPull = k == lastGroupWithLogs && i == logCounts[k] - 1;
        if (groupCursors == null) {
            return lastOfPull ? SourceOffsets.offset(nextCursor, 0, finishes())
                : SourceOffsets.offset(requestCursor, ordinal + 1, false);
        }
        if (i < logCounts[k] - 1) return SourceOffsets.offset(groupCursors[k], i + 1, false);
        return SourceOffsets.offset(k + 1 < logCounts.length ? groupCursors[k + 1] : nextCursor, 0, lastOfPull && finishes());
    }

    /**
     * The cursor of each returned group, from {@code x-log-read-last-cursor} (decimal position of the last group)
     * when it agrees with the next cursor; null when the response does not allow it.
     */
    static String[] groupCursors(String readLastCursor, String nextCursor, int n) {
        if (n == 0) return new String[0];
        if (readLastCursor == null || readLastCursor.isEmpty()) return null;
        long last;
        try {
            last = Long.parseLong(readLastCursor.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        OptionalLong next = Cursors.decode(nextCursor);
        if (next.isEmpty() || next.getAsLong() != last + 1 || !Cursors.encode(next.getAsLong()).equals(nextCursor)) return null;
        String[] cursors = new String[n];
        long first = last - n + 1;
        for (int k = 0; k < n; k++) cursors[k] = Cursors.encode(first + k);
        return cursors;
    }

    /** True if {@code cursor} is {@code bound} or, when both are of the known form, after it. */
    public static boolean isAtOrAfter(String cursor, String bound) {
        if (cursor.equals(bound)) return true;
        OptionalLong a = Cursors.decode(cursor);
        OptionalLong b = Cursors.decode(bound);
        return a.isPresent() && b.isPresent() && a.getAsLong() >= b.getAsLong();
    }
}
