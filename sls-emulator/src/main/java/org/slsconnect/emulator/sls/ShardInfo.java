package org.slsconnect.emulator.sls;

/**
 * A snapshot of one shard, as ListShard reports it.
 *
 * @param id         shard id
 * @param status     {@code "readwrite"} or {@code "readonly"}
 * @param beginKey   inclusive begin hash key, 32 lowercase hex
 * @param endKey     exclusive end hash key, 32 lowercase hex (the last shard ends at {@code ffff...ff})
 * @param createTime unix seconds
 */
public record ShardInfo(int id, String status, String beginKey, String endKey, long createTime) {
    public static final String READWRITE = "readwrite";
    public static final String READONLY = "readonly";

    public boolean readWrite() {
        return READWRITE.equals(status);
    }

    public boolean readOnly() {
        return READONLY.equals(status);
    }

    /** Alias of {@link #id()}, the SDK's spelling. */
    public int shardId() {
        return id;
    }

    public String inclusiveBeginKey() {
        return beginKey;
    }

    public String exclusiveEndKey() {
        return endKey;
    }
}
