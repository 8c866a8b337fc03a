package org.slsconnect.emulator.sls.store;

import org.slsconnect.emulator.sls.SlsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * A consumer group: checkpoints per shard plus the server-side heartbeat/assignment logic that
 * loghub-client-lib's ClientWorker relies on.
 *
 * <p>Liveness uses a monotonic real-time clock (not the emulator clock), so tests that move the
 * data clock to expire data do not also kill consumers.
 */
public final class ConsumerGroup {
    /** One shard's checkpoint. {@code updateTime} is in microseconds, like the real service's. */
    public record Checkpoint(int shard, String cursor, long updateTime, String consumer) {
    }

    private static final class Member {
        long lastHeartbeatNanos;
        Set<Integer> held = Set.of();
    }

    private final String name;
    private final LongSupplier monotonicNanos;
    private int timeoutSec;
    private boolean inOrder;
    private final Map<Integer, Checkpoint> checkpoints = new HashMap<>();
    private final Map<String, Member> members = new TreeMap<>();
    private final Map<Integer, String> owners = new HashMap<>();
    /** Revoked shards not yet acknowledged by their old owner (shard -> old owner). */
    private final Map<Integer, String> releasing = new HashMap<>();

    public ConsumerGroup(String name, int timeoutSec, boolean inOrder, LongSupplier monotonicNanos) {
        if (timeoutSec < 1) {
            throw SlsException.parameterInvalid("timeout must be a positive number of seconds");
        }
        this.name = name;
        this.timeoutSec = timeoutSec;
        this.inOrder = inOrder;
        this.monotonicNanos = monotonicNanos;
    }

    public String name() {
        return name;
    }

    public synchronized int timeoutSec() {
        return timeoutSec;
    }

    public synchronized boolean inOrder() {
        return inOrder;
    }

    public synchronized void update(Boolean inOrder, Integer timeoutSec) {
        if (timeoutSec != null) {
            if (timeoutSec < 1) {
                throw SlsException.parameterInvalid("timeout must be a positive number of seconds");
            }
            this.timeoutSec = timeoutSec;
        }
        if (inOrder != null) {
            this.inOrder = inOrder;
        }
    }

    // ---- checkpoints ----

    /** The shard's checkpoint, or an empty one ({@code cursor ""}, updateTime 0). */
    public synchronized Checkpoint checkpoint(int shard) {
        Checkpoint cp = checkpoints.get(shard);
        return cp != null ? cp : new Checkpoint(shard, "", 0, "");
    }

    /**
     * UpdateCheckPoint. With {@code force} it always writes (Flink style, no consumer). Without
     * it the consumer must be alive and own the shard (or still hold it while it is being
     * released): otherwise ConsumerNotExist / ShardNotExist / ConsumerNotMatch, which
     * loghub-client-lib handles by marking the shard idle.
     */
    public synchronized void updateCheckpoint(String consumer, int shard, String cursor, boolean force,
                                              boolean shardExists, long nowMicros) {
        String c = consumer == null ? "" : consumer;
        if (!force) {
            expireDeadMembers();
            Member m = members.get(c);
            if (m == null) {
                throw new SlsException(400, "ConsumerNotExist", "consumer " + c + " does not exist in consumer group " + name);
            }
            if (!shardExists) {
                throw SlsException.shardNotExist(shard);
            }
            String owner = owners.get(shard);
            boolean stillHolding = owner == null && (m.held.contains(shard) || c.equals(releasing.get(shard)));
            if (!c.equals(owner) && !stillHolding) {
                throw new SlsException(400, "ConsumerNotMatch", "shard " + shard + " is not held by consumer " + c
                        + (owner == null ? "" : " (owner: " + owner + ")"));
            }
        } else if (!shardExists) {
            throw SlsException.shardNotExist(shard);
        }
        checkpoints.put(shard, new Checkpoint(shard, cursor == null ? "" : cursor, nowMicros, c));
    }

    // ---- heartbeats and assignment ----

    /**
     * Records a heartbeat and returns the shards assigned to this consumer.
     *
     * @param held                  the shards the consumer says it is still working on
     * @param shards                the logstore's current shards
     * @param rejectUnknownWithBody true to answer NotExistConsumerWithBody (the documented error)
     *                              when an unknown consumer heartbeats with a non-empty list
     */
    public synchronized List<Integer> heartbeat(String consumer, Collection<Integer> held, List<Shard> shards,
                                                boolean rejectUnknownWithBody) {
        if (consumer == null || consumer.isEmpty()) {
            throw SlsException.parameterInvalid("consumer must not be empty");
        }
        expireDeadMembers();
        Member m = members.get(consumer);
        if (m == null) {
            if (rejectUnknownWithBody && !held.isEmpty()) {
                throw new SlsException(400, "NotExistConsumerWithBody", "non-exist consumer with non-empty body of heartbeat message");
            }
            m = new Member();
            members.put(consumer, m);
        }
        m.lastHeartbeatNanos = monotonicNanos.getAsLong();
        m.held = new HashSet<>(held);
        // A revoked shard is released once its old owner stops listing it.
        releasing.entrySet().removeIf(e -> e.getValue().equals(consumer) && !held.contains(e.getKey()));
        rebalance(shards);
        List<Integer> assigned = new ArrayList<>();
        owners.forEach((shard, owner) -> {
            if (owner.equals(consumer)) {
                assigned.add(shard);
            }
        });
        assigned.sort(null);
        return assigned;
    }

    /** Live consumer names and the shards each owns (for tests and the admin API). */
    public synchronized Map<String, List<Integer>> assignments() {
        expireDeadMembers();
        Map<String, List<Integer>> out = new TreeMap<>();
        members.keySet().forEach(c -> out.put(c, new ArrayList<>()));
        owners.forEach((shard, owner) -> out.computeIfAbsent(owner, k -> new ArrayList<>()).add(shard));
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private void expireDeadMembers() {
        long now = monotonicNanos.getAsLong();
        long timeoutNanos = timeoutSec * 1_000_000_000L;
        members.entrySet().removeIf(e -> now - e.getValue().lastHeartbeatNanos > timeoutNanos);
        owners.values().removeIf(owner -> !members.containsKey(owner));
        releasing.values().removeIf(owner -> !members.containsKey(owner));
    }

    /** A readonly shard is finished once its checkpoint is its (final) end cursor. */
    private boolean finished(Shard shard) {
        if (!shard.readOnly()) {
            return false;
        }
        Checkpoint cp = checkpoints.get(shard.id());
        if (cp == null || cp.cursor().isEmpty()) {
            return false;
        }
        try {
            return Cursors.decode(cp.cursor()) >= shard.positionOf(shard.endSeq());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Set<Integer> consumableShards(List<Shard> shards) {
        Map<Integer, Shard> byId = new HashMap<>();
        shards.forEach(s -> byId.put(s.id(), s));
        Set<Integer> consumable = new TreeSet<>();
        for (Shard s : shards) {
            if (finished(s)) {
                continue;
            }
            // With order=true a child becomes consumable only after all its parents are finished.
            if (inOrder && s.parents().stream().map(byId::get).anyMatch(p -> p != null && !finished(p))) {
                continue;
            }
            consumable.add(s.id());
        }
        return consumable;
    }

    /**
     * Balances consumable shards over live consumers (floor/ceil of N/C each), keeping current
     * owners where possible. A revoked shard is handed to another consumer only after its old
     * owner stops listing it in heartbeats (or dies), so a shard is never consumed twice at once.
     */
    private void rebalance(List<Shard> shards) {
        Set<Integer> consumable = consumableShards(shards);
        owners.keySet().retainAll(consumable);
        releasing.keySet().retainAll(consumable);
        List<String> live = new ArrayList<>(members.keySet());
        if (live.isEmpty()) {
            return;
        }
        Map<String, List<Integer>> owned = new HashMap<>();
        live.forEach(c -> owned.put(c, new ArrayList<>()));
        owners.forEach((shard, owner) -> owned.get(owner).add(shard));
        owned.values().forEach(l -> l.sort(null));

        int base = consumable.size() / live.size();
        int extra = consumable.size() % live.size();
        // Consumers that already own the most keep the extra slots: fewer moves.
        List<String> byLoad = new ArrayList<>(live);
        byLoad.sort((a, b) -> owned.get(b).size() != owned.get(a).size()
                ? owned.get(b).size() - owned.get(a).size() : a.compareTo(b));
        Map<String, Integer> target = new HashMap<>();
        for (int i = 0; i < byLoad.size(); i++) {
            target.put(byLoad.get(i), base + (i < extra ? 1 : 0));
        }

        for (String c : live) {
            List<Integer> mine = owned.get(c);
            while (mine.size() > target.get(c)) {
                int revoked = mine.remove(mine.size() - 1);
                owners.remove(revoked);
                releasing.put(revoked, c);
            }
        }

        for (int shard : consumable) {
            if (owners.containsKey(shard) || releasing.containsKey(shard)) {
                continue;
            }
            String holder = null;
            for (String c : live) {
                if (members.get(c).held.contains(shard)) {
                    holder = c;
                    break;
                }
            }
            String chosen;
            if (holder != null) {
                if (owned.get(holder).size() >= target.get(holder)) {
                    continue; // wait until the holder lets go of it
                }
                chosen = holder;
            } else {
                chosen = null;
                for (String c : live) {
                    if (owned.get(c).size() < target.get(c)
                            && (chosen == null || owned.get(c).size() < owned.get(chosen).size())) {
                        chosen = c;
                    }
                }
                if (chosen == null) {
                    continue;
                }
            }
            owners.put(shard, chosen);
            owned.get(chosen).add(shard);
        }
    }
}
