package org.slsconnect.source.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record that remembers how many log bytes it holds, so the task can release exactly that much of its
 * memory budget when Connect acknowledges it ({@code commitRecord} receives this same object). It also carries
 * whether {@code record.oversize.policy=truncate} cut it, and can stand for a failure in the record stream
 * ({@link #failure(ConnectException)}): the task delivers what precedes it and then fails with that error.
 */
public final class SlsRecord extends SourceRecord {

    private final int logBytes;
    private final boolean truncated;
    private final ConnectException failure;

    public SlsRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema, Object key,
                     Schema valueSchema, Object value, Long timestamp, Headers headers, int logBytes) {
        this(partition, offset, topic, keySchema, key, valueSchema, value, timestamp, headers, logBytes, false, null);
    }

    private SlsRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema, Object key,
                      Schema valueSchema, Object value, Long timestamp, Headers headers, int logBytes,
                      boolean truncated, ConnectException failure) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.logBytes = logBytes;
        this.truncated = truncated;
        this.failure = failure;
    }

    /** A marker that is never sent: the shard cannot go on, and the task must fail with this error. */
    public static SlsRecord failure(ConnectException failure) {
        return new SlsRecord(Map.of(), Map.of(), "", null, null, null, null, null, null, 0, false, failure);
    }

    SlsRecord asTruncated() {
        return new SlsRecord(sourcePartition(), sourceOffset(), topic(), keySchema(), key(), valueSchema(), value(),
            timestamp(), headers(), logBytes, true, null);
    }

    /** The same record with another offset: a skipped log's position passes to the record before it. */
    public SlsRecord withOffset(Map<String, ?> offset) {
        return new SlsRecord(sourcePartition(), offset, topic(), keySchema(), key(), valueSchema(), value(),
            timestamp(), headers(), logBytes, truncated, failure);
    }

    public int logBytes() { return logBytes; }
    /** True if {@code record.oversize.policy=truncate} cut content values of this record. */
    public boolean truncated() { return truncated; }
    /** Non-null for the failure marker. */
    public ConnectException failure() { return failure; }
}
