package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.slsconnect.source.offset.Cursors;

class GroupCursorsTest {

    @Test
    void derivesEachGroupCursorFromReadLastCursor() {
        String request = Cursors.encode(100);
        String next = Cursors.encode(103);
        assertArrayEquals(new String[] {Cursors.encode(100), Cursors.encode(101), Cursors.encode(102)},
            ShardReader.groupCursors(request, "102", next, 3));
    }

    @Test
    void fallsBackWhenTheHeaderIsMissingOrDisagrees() {
        String next = Cursors.encode(103);
        assertNull(ShardReader.groupCursors(Cursors.encode(100), null, next, 3));
        assertNull(ShardReader.groupCursors(Cursors.encode(100), "", next, 3));
        assertNull(ShardReader.groupCursors(Cursors.encode(100), "abc", next, 3));
        assertNull(ShardReader.groupCursors(Cursors.encode(100), "150", next, 3), "last+1 must equal next");
        assertNull(ShardReader.groupCursors(Cursors.encode(100), "102", "opaque-cursor", 3));
    }

    @Test
    void emptyPullHasNoGroups() {
        assertArrayEquals(new String[0], ShardReader.groupCursors(Cursors.encode(5), null, Cursors.encode(5), 0));
    }
}
