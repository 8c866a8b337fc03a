package org.slsconnect.emulator.sls;

import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.store.ConsumerGroup;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Shard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server-side heartbeat semantics, with a fake clock for liveness. */
class ConsumerGroupAssignmentTest {
    final AtomicLong nanos = new AtomicLong();

    static long seconds(long s) {
        return s * 1_000_000_000L;
    }

    @Test
    void balancesAndReassignsOnlyAfterRelease() {
        Logstore ls = new Logstore("ls", 4, 30, null, 1_800_000_000L);
        ConsumerGroup g = new ConsumerGroup("g", 10, false, nanos::get);
        assertEquals(List.of(0, 1, 2, 3), g.heartbeat("a", List.of(), ls.shards(), false));
        assertEquals(List.of(), g.heartbeat("b", List.of(), ls.shards(), false), "a has not released anything yet");
        assertEquals(List.of(0, 1), g.heartbeat("a", List.of(0, 1, 2, 3), ls.shards(), false));
        assertEquals(List.of(0, 1), g.heartbeat("a", List.of(0, 1), ls.shards(), false));
        assertEquals(List.of(2, 3), g.heartbeat("b", List.of(), ls.shards(), false));
        assertEquals(Map.of("a", List.of(0, 1), "b", List.of(2, 3)), g.assignments());
    }

    @Test
    void deadConsumersLoseTheirShards() {
        Logstore ls = new Logstore("ls", 2, 30, null, 1_800_000_000L);
        ConsumerGroup g = new ConsumerGroup("g", 10, false, nanos::get);
        g.heartbeat("a", List.of(), ls.shards(), false);
        g.heartbeat("a", List.of(0, 1), ls.shards(), false);
        nanos.addAndGet(seconds(5));
        assertEquals(List.of(), g.heartbeat("b", List.of(), ls.shards(), false));
        nanos.addAndGet(seconds(6)); // a last heartbeat 11 s ago, timeout 10 s
        assertEquals(List.of(0, 1), g.heartbeat("b", List.of(), ls.shards(), false));
        assertThrows(SlsException.class, () -> g.updateCheckpoint("a", 0, "x", false, true, 1), "a is gone: ConsumerNotExist");
        // A consumer unknown to the server that claims shards: lenient by default, the documented error on request.
        assertEquals(List.of(), g.heartbeat("c", List.of(0), ls.shards(), false));
        SlsException e = assertThrows(SlsException.class, () -> g.heartbeat("d", List.of(1), ls.shards(), true));
        assertEquals("NotExistConsumerWithBody", e.errorCode());
    }

    @Test
    void finishedReadonlyShardsAreNoLongerAssignedAndOrderHoldsChildren() {
        Logstore ls = new Logstore("ls", 1, 30, null, 1_800_000_000L);
        Shard parent = ls.shard(0);
        parent.append(new LogGroupBuilder().log(1, null).build(), 1_800_000_000L);
        List<Shard> affected = ls.splitEvenly(0, 2, 1_800_000_001L);
        ConsumerGroup ordered = new ConsumerGroup("ordered", 60, true, nanos::get);
        assertEquals(List.of(0), ordered.heartbeat("a", List.of(), ls.shards(), false), "children wait for the parent");
        ordered.updateCheckpoint("a", 0, parent.cursorOf(parent.endSeq()), false, true, 1);
        assertEquals(List.of(1, 2), ordered.heartbeat("a", List.of(0), ls.shards(), false), "parent finished: children released");
        assertEquals(3, affected.size());

        ConsumerGroup unordered = new ConsumerGroup("unordered", 60, false, nanos::get);
        assertEquals(List.of(0, 1, 2), unordered.heartbeat("a", List.of(), ls.shards(), false));
    }

    @Test
    void everyShardHasExactlyOneOwnerUnderChurn() {
        Logstore ls = new Logstore("ls", 7, 30, null, 1_800_000_000L);
        ConsumerGroup g = new ConsumerGroup("g", 10, false, nanos::get);
        List<String> consumers = List.of("c1", "c2", "c3");
        Map<String, Set<Integer>> held = new java.util.HashMap<>();
        consumers.forEach(c -> held.put(c, new HashSet<>()));
        for (int round = 0; round < 10; round++) {
            for (String c : consumers) {
                List<Integer> assigned = g.heartbeat(c, new ArrayList<>(held.get(c)), ls.shards(), false);
                held.put(c, new HashSet<>(assigned)); // the client drops revoked shards, starts new ones
                // No shard is held by two consumers at once.
                Set<Integer> all = new HashSet<>();
                int total = 0;
                for (Set<Integer> h : held.values()) {
                    all.addAll(h);
                    total += h.size();
                }
                assertEquals(all.size(), total, "double assignment in round " + round + ": " + held);
            }
        }
        int min = held.values().stream().mapToInt(Set::size).min().orElse(0);
        int max = held.values().stream().mapToInt(Set::size).max().orElse(0);
        assertEquals(7, held.values().stream().mapToInt(Set::size).sum());
        assertTrue(max - min <= 1, "balanced: " + held);
    }
}
