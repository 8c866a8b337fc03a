package org.slsconnect.source.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * Builds the Kafka record of one log: topic and key from the shard, value from the configured {@link ValueFormat},
 * timestamp = log time in ms (with the nanosecond part), and a stable event id header.
 */
public final class RecordMapper {

    public static final String EVENT_ID_HEADER = "sls.event.id";

    private final ValueFormat format;

    public RecordMapper(ValueFormat format) {
        this.format = format;
    }

    public SlsRecord map(ShardContext shard, FastLogGroup group, FastLog log, String groupCursor, int index,
                         Map<String, ?> offset) {
        String eventId = shard.eventId(groupCursor, index);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EVENT_ID_HEADER, eventId);
        long timestampMs = (log.getTime() & 0xFFFFFFFFL) * 1000L + Math.max(0, log.getTimeNsPart()) / 1_000_000;
        Object value = format.value(shard, group, log, eventId);
        return new SlsRecord(shard.partition(), offset, shard.topic(),
            shard.key() == null ? null : Schema.STRING_SCHEMA, shard.key(),
            format.schema(), value, timestampMs, headers, log.getByteSize());
    }
}
