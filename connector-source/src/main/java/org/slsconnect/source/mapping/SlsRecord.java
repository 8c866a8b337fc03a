package org.slsconnect.source.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record that remembers how many log bytes it holds, so the task can release exactly that much of its
 * memory budget when Connect acknowledges it ({@code commitRecord} receives this same object).
 */
public final class SlsRecord extends SourceRecord {

    private final int logBytes;

    public SlsRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema, Object key,
                     Schema valueSchema, Object value, Long timestamp, Headers headers, int logBytes) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.logBytes = logBytes;
    }

    public int logBytes() { return logBytes; }
}
