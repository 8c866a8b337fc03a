package org.slsconnect.source.mapping;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.slsconnect.source.config.RecordFormatConfig.SplunkField;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * Builds the Kafka record of one log: topic and key from the shard, value from the configured {@link ValueFormat},
 * timestamp = log time in ms (with the nanosecond part), a stable event id header, and the Splunk routing headers.
 * Thread-safe: each thread gets its own {@link LogContext}.
 */
public final class RecordMapper {

    public static final String EVENT_ID_HEADER = "sls.event.id";
    /** The header names Splunk's sink reads by default ({@code splunk.header.index} etc. name them). */
    public static final String HEADER_PREFIX = "splunk.header.";

    private static final SplunkField[] FIELDS = SplunkField.values();
    private static final String[] HEADERS = new String[FIELDS.length];
    static {
        for (SplunkField f : FIELDS) HEADERS[f.ordinal()] = HEADER_PREFIX + f.name;
    }

    private final ValueFormat format;
    private final MappingOptions options;
    private final ThreadLocal<LogContext> contexts = ThreadLocal.withInitial(LogContext::new);

    RecordMapper(ValueFormat format, MappingOptions options) {
        this.format = format;
        this.options = options;
    }

    public SlsRecord map(ShardContext shard, FastLogGroup group, FastLog log, String groupCursor, int index,
                         Map<String, ?> offset) {
        String eventId = shard.eventId(groupCursor, index);
        long timestampMs = (log.getTime() & 0xFFFFFFFFL) * 1000L + Math.max(0, log.getTimeNsPart()) / 1_000_000 % 1000;
        LogContext c = contexts.get();
        c.start(shard, group, log, groupCursor, eventId, timestampMs, options);

        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EVENT_ID_HEADER, eventId);
        if (options.splunkHeaders) {
            String[] route = c.group.route;
            for (int i = 0; i < route.length; i++) {
                if (route[i] != null) headers.addString(HEADERS[i], route[i]);   // never a null or empty header
            }
        }
        Object value = format.value(c);
        return new SlsRecord(shard.partition(), offset, shard.topic(),
            shard.key() == null ? null : Schema.STRING_SCHEMA, shard.key(),
            format.schema(), value, timestampMs, headers, log.getByteSize());
    }

    public Schema valueSchema() { return format.schema(); }
}
