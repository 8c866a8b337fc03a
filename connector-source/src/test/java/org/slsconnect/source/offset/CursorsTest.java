package org.slsconnect.source.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;

class CursorsTest {

    @Test
    void encodesLikeSls() {
        // Example from the PullLogs API documentation.
        assertEquals(1447329401102130904L, Cursors.decode("MTQ0NzMyOTQwMTEwMjEzMDkwNA==").getAsLong());
        assertEquals("MTQ0NzMyOTQwMTEwMjEzMDkwNA==", Cursors.encode(1447329401102130904L));
    }

    @Test
    void opaqueCursorsDecodeToNothing() {
        assertTrue(Cursors.decode("not base64 !").isEmpty());
        assertTrue(Cursors.decode("aGVsbG8=").isEmpty());   // "hello"
        assertTrue(Cursors.decode("").isEmpty());
    }

    @Test
    void offsetsParseWhateverNumberTypeTheStoreGivesBack() {
        Map<String, Object> stored = new HashMap<>();
        stored.put("cursor", "MTA=");
        stored.put("skip", 3);          // JsonConverter may hand back Integer or Long
        assertEquals(new SourceOffsets.Position("MTA=", 3, false), SourceOffsets.parse(stored));
        stored.put("finished", true);
        assertTrue(SourceOffsets.parse(stored).finished());
    }

    @Test
    void badOffsetsAreRejectedWithTheField() {
        Map<String, Object> noCursor = new HashMap<>();
        noCursor.put("skip", 0);
        ConnectException e = Assertions.assertThrows(ConnectException.class, () -> SourceOffsets.parse(noCursor));
        assertTrue(e.getMessage().contains("cursor"), e.getMessage());
        Map<String, Object> negative = new HashMap<>();
        negative.put("cursor", "MTA=");
        negative.put("skip", -1);
        e = Assertions.assertThrows(ConnectException.class, () -> SourceOffsets.parse(negative));
        assertTrue(e.getMessage().contains("skip"), e.getMessage());
    }

    @Test
    void partitionMapsSerializeInOneOrder() {
        // HashMap iteration order depends only on the keys, so the JSON key of a partition is stable across JVMs.
        assertEquals("{shard=3, logstore=ls, project=p}".length(),
            SourceOffsets.partition("p", "ls", 3).toString().length());
        assertEquals(SourceOffsets.partition("p", "ls", 3).toString(), SourceOffsets.partition("p", "ls", 3).toString());
        assertTrue(SourceOffsets.partition("p", "ls", 3) instanceof HashMap);
    }
}
