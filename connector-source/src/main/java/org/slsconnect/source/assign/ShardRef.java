package org.slsconnect.source.assign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One shard of one logstore of the connector's project, as handed from the connector to a task.
 * {@code readOnly} is part of the identity on purpose: when a shard turns read-only (split or merge), the task
 * configs change and the task restarts knowing that the shard now has a final end.
 */
public final class ShardRef {

    private final String logstore;
    private final int shard;
    private final boolean readOnly;

    public ShardRef(String logstore, int shard, boolean readOnly) {
        this.logstore = logstore;
        this.shard = shard;
        this.readOnly = readOnly;
    }

    public String logstore() { return logstore; }

    public int shard() { return shard; }

    public boolean readOnly() { return readOnly; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ShardRef)) return false;
        ShardRef other = (ShardRef) o;
        return logstore.equals(other.logstore) && shard == other.shard && readOnly == other.readOnly;
    }

    @Override
    public int hashCode() { return Objects.hash(logstore, shard, readOnly); }

    public static final Comparator<ShardRef> ORDER =
        Comparator.comparing(ShardRef::logstore).thenComparingInt(ShardRef::shard);

    /** {@code logstore:shard:rw|ro}; logstore names cannot contain ':' or ','. */
    public String encode() { return logstore + ":" + shard + ":" + (readOnly ? "ro" : "rw"); }

    public static ShardRef decode(String s) {
        String[] parts = s.trim().split(":");
        if (parts.length != 3) throw new IllegalArgumentException("bad shard reference '" + s + "'");
        return new ShardRef(parts[0], Integer.parseInt(parts[1]), parts[2].equals("ro"));
    }

    public static String encodeAll(List<ShardRef> shards) {
        StringBuilder sb = new StringBuilder();
        for (ShardRef s : shards) {
            if (sb.length() > 0) sb.append(',');
            sb.append(s.encode());
        }
        return sb.toString();
    }

    public static List<ShardRef> decodeAll(String s) {
        List<ShardRef> out = new ArrayList<>();
        if (s == null || s.isBlank()) return out;
        for (String part : s.split(",")) out.add(decode(part));
        return out;
    }

    @Override
    public String toString() { return logstore + "/" + shard + (readOnly ? " (readonly)" : ""); }
}
