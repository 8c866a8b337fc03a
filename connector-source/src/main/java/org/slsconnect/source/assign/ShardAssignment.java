package org.slsconnect.source.assign;

import java.util.ArrayList;
import java.util.List;

/** Spreads shards over tasks. Pure, so it is tested alone and gives the same answer for the same shards. */
public final class ShardAssignment {

    private ShardAssignment() {}

    /**
     * Sorts the shards (logstore, then shard id) and deals them round-robin over at most {@code maxTasks} tasks:
     * task sizes differ by at most one, no task is empty, and unchanged shards give unchanged groups, which keeps
     * Connect from restarting tasks on every discovery tick.
     */
    public static List<List<ShardRef>> assign(List<ShardRef> shards, int maxTasks) {
        if (maxTasks < 1) throw new IllegalArgumentException("maxTasks must be >= 1");
        List<ShardRef> sorted = new ArrayList<>(shards);
        sorted.sort(ShardRef.ORDER);
        int tasks = Math.min(maxTasks, sorted.size());
        List<List<ShardRef>> groups = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) groups.add(new ArrayList<>());
        for (int i = 0; i < sorted.size(); i++) groups.get(i % tasks).add(sorted.get(i));
        return groups;
    }
}
