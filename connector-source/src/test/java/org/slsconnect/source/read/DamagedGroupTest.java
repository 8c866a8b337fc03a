package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.aliyun.openservices.log.common.FastLogGroup;

/** A log group the SDK cannot parse looks empty; the reader must tell it from a really empty group. */
class DamagedGroupTest {

    private static FastLogGroup group(byte[] b) { return new FastLogGroup(b, 0, b.length); }

    @Test
    void garbageIsNotAnEmptyGroup() {
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xFF);
        FastLogGroup g = group(garbage);
        assertEquals(0, g.getLogsCount(), "the SDK hides the parse failure");
        assertFalse(ShardReader.isEmptyGroup(g));
        assertFalse(ShardReader.isWellFormedProtobuf(new byte[] {0x0A, 0x7F, 'x'}, 0, 3), "truncated field");
    }

    @Test
    void reallyEmptyGroupsAreAccepted() {
        assertTrue(ShardReader.isEmptyGroup(group(new byte[0])));
        // Only a MachineUUID (field 5) and a Category (field 2): no logs, no topic, well formed.
        byte[] uuidOnly = {0x2A, 0x02, 'i', 'd', 0x12, 0x01, 'c'};
        assertTrue(ShardReader.isEmptyGroup(group(uuidOnly)));
        // A topic: parsed.
        assertTrue(ShardReader.isEmptyGroup(group(new byte[] {0x1A, 0x01, 't'})));
    }
}
