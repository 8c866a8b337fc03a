package org.slsconnect.emulator.sls.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.SlsException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A logstore: its shards (the shard list changes only by split/merge) and consumer groups. */
public final class Logstore {
    private final String name;
    private final long createTime;
    private volatile long lastModifyTime;
    private volatile int ttlDays;
    /** The JSON the logstore was created/updated with, echoed by GetLogStore. */
    private volatile ObjectNode config;
    private final List<Shard> shards = new ArrayList<>(); // guarded by this
    private final Map<String, ConsumerGroup> consumerGroups = new ConcurrentHashMap<>();
    private final AtomicLong loadBalanceCounter = new AtomicLong();

    public Logstore(String name, int shardCount, int ttlDays, ObjectNode config, long nowSec) {
        if (shardCount < 1 || shardCount > 256) {
            throw SlsException.parameterInvalid("shardCount must be 1..256, got " + shardCount);
        }
        if (ttlDays < 1) {
            throw SlsException.parameterInvalid("ttl must be >= 1 day, got " + ttlDays);
        }
        this.name = name;
        this.createTime = nowSec;
        this.lastModifyTime = nowSec;
        this.ttlDays = ttlDays;
        this.config = config != null ? config.deepCopy() : JsonNodeFactory.instance.objectNode();
        List<BigInteger> bounds = HashKeys.evenSplit(BigInteger.ZERO, HashKeys.SPACE_END, shardCount);
        for (int i = 0; i < shardCount; i++) {
            shards.add(new Shard(i, bounds.get(i), bounds.get(i + 1), nowSec, List.of()));
        }
    }

    public String name() {
        return name;
    }

    public long createTime() {
        return createTime;
    }

    public long lastModifyTime() {
        return lastModifyTime;
    }

    public int ttlDays() {
        return ttlDays;
    }

    public ObjectNode config() {
        return config.deepCopy();
    }

    /** appendMeta=true: PutLogs adds __receive_time__ and __client_ip__ tags, as real SLS does. */
    public boolean appendMeta() {
        com.fasterxml.jackson.databind.JsonNode v = config.get("appendMeta");
        return v != null && v.asBoolean();
    }

    public void update(int ttlDays, ObjectNode config, long nowSec) {
        if (ttlDays < 1) {
            throw SlsException.parameterInvalid("ttl must be >= 1 day, got " + ttlDays);
        }
        this.ttlDays = ttlDays;
        this.config = config.deepCopy();
        this.lastModifyTime = nowSec;
    }

    public Map<String, ConsumerGroup> consumerGroups() {
        return consumerGroups;
    }

    public ConsumerGroup consumerGroup(String name) {
        ConsumerGroup g = consumerGroups.get(name);
        if (g == null) {
            throw SlsException.consumerGroupNotExist(name);
        }
        return g;
    }

    /** A snapshot of all shards, ordered by id. */
    public synchronized List<Shard> shards() {
        return new ArrayList<>(shards);
    }

    public synchronized Shard shard(int id) {
        for (Shard s : shards) {
            if (s.id() == id) {
                return s;
            }
        }
        throw SlsException.shardNotExist(id);
    }

    public synchronized boolean hasShard(int id) {
        return shards.stream().anyMatch(s -> s.id() == id);
    }

    /** Drops data older than the TTL (receive time), evaluated against the emulator clock. */
    public void applyTtl(long nowSec) {
        long cutoff = nowSec - ttlDays * 86_400L;
        for (Shard s : shards()) {
            s.expireReceivedBefore(cutoff);
        }
    }

    /** PutLogs with a hash key: the readwrite shard whose [begin, end) holds the key. */
    public synchronized Shard route(BigInteger key) {
        for (Shard s : shards) {
            if (!s.readOnly() && s.containsKey(key)) {
                return s;
            }
        }
        throw new SlsException(400, "ShardNotExist", "no readwrite shard contains hash key " + HashKeys.toHex(key));
    }

    /** PutLogs without a hash key: deterministic round-robin over readwrite shards. */
    public synchronized Shard loadBalance() {
        List<Shard> writable = shards.stream().filter(s -> !s.readOnly()).toList();
        if (writable.isEmpty()) {
            throw new SlsException(400, "LogStoreWithoutShard", "logstore " + name + " has no readwrite shard");
        }
        return writable.get((int) (loadBalanceCounter.getAndIncrement() % writable.size()));
    }

    private int nextShardId() {
        return shards.stream().mapToInt(Shard::id).max().orElse(-1) + 1;
    }

    /**
     * Splits a readwrite shard at the given boundaries (exclusive of its own begin and end).
     * The parent becomes readonly and keeps its data; children get ids max+1, max+2, ...
     *
     * @return the affected shards: the parent, then the children
     */
    public synchronized List<Shard> split(int shardId, List<BigInteger> innerBounds, long nowSec) {
        Shard parent = shard(shardId);
        if (parent.readOnly()) {
            throw SlsException.parameterInvalid("shard " + shardId + " is readonly and cannot be split");
        }
        List<BigInteger> bounds = new ArrayList<>();
        bounds.add(parent.beginKey());
        for (BigInteger b : innerBounds) {
            if (b.compareTo(bounds.get(bounds.size() - 1)) <= 0 || b.compareTo(parent.endKey()) >= 0) {
                throw SlsException.parameterInvalid("split key " + HashKeys.toHex(b) + " is not inside shard "
                        + shardId + " [" + HashKeys.toHex(parent.beginKey()) + ", " + HashKeys.toHex(parent.endKey()) + ")");
            }
            bounds.add(b);
        }
        bounds.add(parent.endKey());
        parent.markReadOnly();
        List<Shard> affected = new ArrayList<>();
        affected.add(parent);
        int id = nextShardId();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            Shard child = new Shard(id++, bounds.get(i), bounds.get(i + 1), nowSec, List.of(shardId));
            shards.add(child);
            affected.add(child);
        }
        return affected;
    }

    public synchronized List<Shard> splitEvenly(int shardId, int parts, long nowSec) {
        if (parts < 2 || parts > 64) {
            throw SlsException.parameterInvalid("shardCount must be 2..64, got " + parts);
        }
        Shard parent = shard(shardId);
        List<BigInteger> bounds = HashKeys.evenSplit(parent.beginKey(), parent.endKey(), parts);
        return split(shardId, bounds.subList(1, bounds.size() - 1), nowSec);
    }

    /**
     * Merges a readwrite shard with the readwrite shard that starts where it ends. Both become
     * readonly and keep their data; the merged shard gets id max+1.
     *
     * @return the merged shard, then the two parents
     */
    public synchronized List<Shard> merge(int shardId, long nowSec) {
        Shard left = shard(shardId);
        if (left.readOnly()) {
            throw SlsException.parameterInvalid("shard " + shardId + " is readonly and cannot be merged");
        }
        Shard right = shards.stream()
                .filter(s -> !s.readOnly() && s.beginKey().equals(left.endKey()))
                .findFirst()
                .orElseThrow(() -> SlsException.parameterInvalid("shard " + shardId + " has no adjacent readwrite shard to merge with"));
        Shard merged = new Shard(nextShardId(), left.beginKey(), right.endKey(), nowSec, List.of(left.id(), right.id()));
        left.markReadOnly();
        right.markReadOnly();
        shards.add(merged);
        shards.sort(Comparator.comparingInt(Shard::id));
        return List.of(merged, left, right);
    }
}
