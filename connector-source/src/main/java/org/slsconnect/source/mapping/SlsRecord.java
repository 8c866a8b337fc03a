package org.slsconnect.source.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record that remembers how many log bytes it holds, so the task can release exactly that much of its
 * memory budget when Connect acknowledges it ({@code commitRecord} receives this same object), and its place in
 * its shard's sequence of records, so the checkpoint mirror knows how far a shard is acknowledged. It also carries
 * whether {@code record.oversize.policy=truncate} cut it.
 */
public final class SlsRecord extends SourceRecord {

    private final int logBytes;
    private final boolean truncated;
    /** 0, 1, 2... in the order the shard's reader produced its records; set once by the reader. */
    private long sequence = -1;

    public SlsRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema, Object key,
                     Schema valueSchema, Object value, Long timestamp, Headers headers, int logBytes) {
        this(partition, offset, topic, keySchema, key, valueSchema, value, timestamp, headers, logBytes, false);
    }

    private SlsRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema, Object key,
                      Schema valueSchema, Object value, Long timestamp, Headers headers, int logBytes,
                      boolean truncated) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.logBytes = logBytes;
        this.truncated = truncated;
    }

    SlsRecord asTruncated() {
        return new SlsRecord(sourcePartition(), sourceOffset(), topic(), keySchema(), key(), valueSchema(), value(),
            timestamp(), headers(), logBytes, true);
    }

    /** The same record with another offset: a skipped log's position passes to the record before it. */
    public SlsRecord withOffset(Map<String, ?> offset) {
        return new SlsRecord(sourcePartition(), offset, topic(), keySchema(), key(), valueSchema(), value(),
            timestamp(), headers(), logBytes, truncated);
    }

    /** Numbers the record in its shard's sequence; the reader does it once, as it hands the record over. */
    public void sequence(long sequence) {
        if (this.sequence >= 0) throw new IllegalStateException("record already numbered " + this.sequence);
        this.sequence = sequence;
    }

    /** The record's place in its shard's sequence, or -1 if not numbered. */
    public long sequence() { return sequence; }

    public int logBytes() { return logBytes; }
    /** True if {@code record.oversize.policy=truncate} cut content values of this record. */
    public boolean truncated() { return truncated; }
}
