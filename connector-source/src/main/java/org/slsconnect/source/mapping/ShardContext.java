package org.slsconnect.source.mapping;

import java.util.Map;

import org.slsconnect.source.offset.SourceOffsets;

/** What every record of one shard shares; built once per shard so mapping a log allocates nothing for it. */
public final class ShardContext {
    private final String project;
    private final String logstore;
    private final int shard;
    private final String topic;
    private final String key;
    private final Map<String, Object> partition;
    private final String eventIdPrefix;

    public ShardContext(String project, String logstore, int shard, String topic, boolean keyByShard) {
        this.project = project;
        this.logstore = logstore;
        this.shard = shard;
        this.topic = topic;
        this.key = keyByShard ? project + "/" + logstore + "/" + shard : null;
        this.partition = SourceOffsets.partition(project, logstore, shard);
        this.eventIdPrefix = project + "/" + logstore + "/" + shard + "/";
    }

    public String project() { return project; }
    public String logstore() { return logstore; }
    public int shard() { return shard; }
    public String topic() { return topic; }
    /** The record key, or null when records are not keyed. */
    public String key() { return key; }
    public Map<String, Object> partition() { return partition; }

    /** Stable id of a log: {@code project/logstore/shard/cursor/index}, the same on every re-read. */
    public String eventId(String groupCursor, int index) { return eventIdPrefix + groupCursor + "/" + index; }
}
