package org.slsconnect.source.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ShardAssignmentTest {

    private static List<ShardRef> shards(String logstore, int n) {
        List<ShardRef> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ShardRef(logstore, i, false));
        return out;
    }

    @Test
    void spreadsShardsEvenlyAndCoversEachOnce() {
        List<ShardRef> all = new ArrayList<>(shards("a", 5));
        all.addAll(shards("b", 3));
        List<List<ShardRef>> groups = ShardAssignment.assign(all, 3);
        assertEquals(3, groups.size());
        Set<ShardRef> seen = new HashSet<>();
        for (List<ShardRef> g : groups) {
            assertTrue(g.size() == 2 || g.size() == 3, "sizes differ by at most one: " + groups);
            for (ShardRef s : g) assertTrue(seen.add(s), "assigned twice: " + s);
        }
        assertEquals(new HashSet<>(all), seen);
    }

    @Test
    void neverMoreTasksThanShards() {
        assertEquals(4, ShardAssignment.assign(shards("a", 4), 10).size());
        assertEquals(1, ShardAssignment.assign(shards("a", 4), 1).size());
        assertEquals(0, ShardAssignment.assign(List.of(), 3).size());
    }

    @Test
    void sameShardsInAnyOrderGiveSameAssignment() {
        List<ShardRef> all = new ArrayList<>(shards("a", 7));
        List<List<ShardRef>> first = ShardAssignment.assign(all, 3);
        Collections.shuffle(all);
        assertEquals(first, ShardAssignment.assign(all, 3));
    }

    @Test
    void encodesAndDecodesTaskConfigs() {
        List<ShardRef> refs = List.of(new ShardRef("ls_1", 0, false), new ShardRef("ls-2", 12, true));
        String encoded = ShardRef.encodeAll(refs);
        assertEquals("ls_1:0:rw,ls-2:12:ro", encoded);
        assertEquals(refs, ShardRef.decodeAll(encoded));
        assertEquals(List.of(), ShardRef.decodeAll(""));
    }
}
