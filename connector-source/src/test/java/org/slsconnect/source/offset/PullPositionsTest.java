package org.slsconnect.source.offset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure cut of one PullLogs response into log positions, event ids and offsets. */
class PullPositionsTest {

    private static String c(long position) { return Cursors.encode(position); }

    /** "idCursor/idIndex -> cursor+skip[F]" for every log the pull delivers, in order, cursors as positions. */
    private static List<String> cut(PullPositions p, int[] logCounts) {
        return cut(p, logCounts, cursor -> Long.toString(Cursors.decode(cursor).getAsLong()));
    }

    /** The same, naming cursors with {@code name}. */
    private static List<String> cut(PullPositions p, int[] logCounts, java.util.function.Function<String, String> name) {
        List<String> out = new ArrayList<>();
        long ordinal = 0;
        for (int k = 0; k < logCounts.length; k++) {
            for (int i = 0; i < logCounts[k]; i++, ordinal++) {
                if (ordinal < p.skip()) continue;
                java.util.Map<String, Object> o = p.offsetAfter(k, i, ordinal);
                out.add(name.apply(p.idCursor(k)) + "/" + p.idIndex(i, ordinal) + " -> "
                    + name.apply((String) o.get(SourceOffsets.CURSOR)) + "+" + o.get(SourceOffsets.SKIP)
                    + (o.containsKey(SourceOffsets.FINISHED) ? "F" : ""));
            }
        }
        return out;
    }

    @Test
    void eachLogNamesItsGroupAndTheOffsetNamesTheNextLog() {
        int[] counts = {2, 0, 1};       // groups 100, 101 (empty), 102
        PullPositions p = PullPositions.of(c(100), 0, null, false, c(103), "102", false, counts);
        assertTrue(p.stableIds());
        assertFalse(p.finishes());
        assertEquals(List.of("100/0 -> 100+1", "100/1 -> 101+0", "102/0 -> 103+0"), cut(p, counts));
    }

    @Test
    void aResumedPositionSkipsTheLogsAlreadyDeliveredMidGroup() {
        int[] counts = {3, 2};
        PullPositions p = PullPositions.of(c(100), 2, null, false, c(102), "101", false, counts);
        assertEquals(List.of("100/2 -> 101+0", "101/0 -> 101+1", "101/1 -> 102+0"), cut(p, counts));
    }

    @Test
    void skipDoesNotApplyWhenSlsAnsweredFromElsewhere() {
        // Asked from 100 (expired), SLS answered from 150: skip counted from 100 means nothing here.
        int[] counts = {2};
        PullPositions p = PullPositions.of(c(100), 1, null, false, c(151), "150", false, counts);
        assertEquals(0, p.skip());
        assertEquals(List.of("150/0 -> 150+1", "150/1 -> 151+0"), cut(p, counts));
    }

    @Test
    void eventIdsAreTheSameWhateverCursorThePullStartedFrom() {
        // The same two groups, read by one pull from 100 and again by two pulls from 100 and 101.
        List<String> once = cut(PullPositions.of(c(100), 0, null, false, c(102), "101", false, new int[] {2, 2}), new int[] {2, 2});
        List<String> twice = new ArrayList<>(cut(PullPositions.of(c(100), 0, null, false, c(101), "100", false, new int[] {2}), new int[] {2}));
        twice.addAll(cut(PullPositions.of(c(101), 0, null, false, c(102), "101", false, new int[] {2}), new int[] {2}));
        assertEquals(once, twice);
    }

    @Test
    void withoutReadLastCursorOffsetsStayExactButIdsAreFlaggedUnstable() {
        int[] counts = {2, 1};
        PullPositions p = PullPositions.of("opaque-a", 1, null, false, "opaque-b", null, false, counts);
        assertFalse(p.stableIds(), "ids name the request cursor: they change with pull sizes");
        assertEquals(List.of("opaque-a/1 -> opaque-a+2", "opaque-a/2 -> opaque-b+0"), cut(p, counts, c -> c));
    }

    @Test
    void theStopCursorFinishesTheShardOnItsLastLog() {
        int[] counts = {1, 2};
        PullPositions p = PullPositions.of(c(100), 0, c(102), false, c(102), "101", false, counts);
        assertTrue(p.finishes());
        assertTrue(p.stopReached());
        assertEquals(List.of("100/0 -> 101+0", "101/0 -> 101+1", "101/1 -> 102+0F"), cut(p, counts));
    }

    @Test
    void aReadOnlyShardFinishesAtItsEndEvenWithAnEmptyPull() {
        int[] counts = {1};
        PullPositions p = PullPositions.of(c(7), 0, null, true, c(8), "7", true, counts);
        assertTrue(p.finishes());
        assertFalse(p.stopReached());
        assertEquals(List.of("7/0 -> 8+0F"), cut(p, counts));
        assertTrue(PullPositions.of(c(8), 0, null, true, c(8), null, false, new int[0]).finishes(), "empty pull at the end");
        assertFalse(PullPositions.of(c(8), 0, null, false, c(8), null, false, new int[0]).finishes(), "read-write shard");
    }

    @Test
    void groupCursorsComeFromReadLastCursorOnlyWhenItAgreesWithTheNextCursor() {
        assertArrayEquals(new String[] {c(100), c(101), c(102)}, PullPositions.groupCursors("102", c(103), 3));
        assertNull(PullPositions.groupCursors(null, c(103), 3));
        assertNull(PullPositions.groupCursors("", c(103), 3));
        assertNull(PullPositions.groupCursors("abc", c(103), 3));
        assertNull(PullPositions.groupCursors("150", c(103), 3), "last+1 must equal next");
        assertNull(PullPositions.groupCursors("102", "opaque-cursor", 3));
        assertArrayEquals(new String[0], PullPositions.groupCursors(null, c(5), 0));
    }
}
