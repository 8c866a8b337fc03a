package org.slsconnect.source.mapping;

import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.slsconnect.source.config.RecordFormatConfig.OversizePolicy;
import org.slsconnect.source.config.RecordFormatConfig.SplunkField;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * Builds the Kafka record of one log: topic and key from the shard, value from the configured {@link ValueFormat},
 * timestamp = log time in ms (with the nanosecond part), a stable event id header, and the Splunk routing headers.
 * A record larger than {@code record.max.bytes} is cut or refused by {@code record.oversize.policy}.
 * Thread-safe: each thread gets its own {@link LogContext}.
 */
public final class RecordMapper {

    public static final String EVENT_ID_HEADER = "sls.event.id";
    /** The header names Splunk's sink reads by default ({@code splunk.header.index} etc. name them). */
    public static final String HEADER_PREFIX = "splunk.header.";
    /** On records cut by {@code record.oversize.policy=truncate}: the size in bytes the record had before. */
    public static final String TRUNCATED_HEADER = "sls.truncated";
    /** Re-renderings tried to make a truncated record fit (escaping can make a cut value write longer). */
    private static final int MAX_TRUNCATE_ROUNDS = 8;

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
        // Key and headers, as the headers above hold them; the routing headers' share is computed once per group.
        long fixed = utf8Length(shard.key()) + EVENT_ID_HEADER.length() + utf8Length(eventId)
            + (options.splunkHeaders ? c.group.routeHeaderBytes : 0);
        long size = c.valueBytes + fixed;
        boolean truncated = false;
        if (size > options.maxBytes) {
            if (options.oversizePolicy != OversizePolicy.TRUNCATE) {
                throw new OversizeRecordException(size, options.maxBytes, options.oversizePolicy, null);
            }
            long original = size;
            value = truncate(c, fixed, size);
            size = c.valueBytes + fixed;
            if (size > options.maxBytes) {
                throw new OversizeRecordException(original, options.maxBytes, OversizePolicy.FAIL,
                    "record.oversize.policy=truncate cannot make it fit: even with its content values cut it is " + size
                        + " bytes, its keys, tags or metadata alone are too large");
            }
            headers.addString(TRUNCATED_HEADER, Long.toString(original));
            truncated = true;
        }
        SlsRecord record = new SlsRecord(shard.partition(), offset, shard.topic(),
            shard.key() == null ? null : Schema.STRING_SCHEMA, shard.key(),
            format.schema(), value, timestampMs, headers, log.getByteSize());
        return truncated ? record.asTruncated() : record;
    }

    /**
     * Renders the log again with its longest content values cut to one common length (the shortest cut that
     * removes enough bytes), until it fits. Escaping can make the result longer than the bytes removed (a cut
     * JSON value that was unfolded becomes an escaped string), so it re-measures and cuts more if needed.
     */
    private Object truncate(LogContext c, long fixed, long size) {
        KeyPlan plan = c.plan;
        int[] lengths = new int[plan.count];
        int m = 0;
        for (int i = 0; i < plan.count; i++) if (plan.names[i] != null) lengths[m++] = c.log.getContents(i).getValueLength();
        lengths = Arrays.copyOf(lengths, m);
        Arrays.sort(lengths);
        long need = 0;
        // The header sls.truncated adds a few bytes too.
        long limit = options.maxBytes - TRUNCATED_HEADER.length() - 20;
        Object value = null;
        for (int round = 0; round < MAX_TRUNCATE_ROUNDS && size > limit; round++) {
            need += size - limit + 64L * (round + 1);   // + room for __truncated__, growing if it was not enough
            c.startRendering(cap(lengths, need));
            value = format.value(c);
            size = c.valueBytes + fixed;
        }
        return value;
    }

    /**
     * The largest cap such that cutting every value longer than it to it removes at least {@code need} bytes;
     * {@code ascending} are the value lengths sorted. 0 if even emptying all values is not enough.
     */
    static int cap(int[] ascending, long need) {
        long sum = 0;
        for (int k = ascending.length - 1; k >= 0; k--) {
            sum += ascending[k];
            int cut = ascending.length - k;              // values at index k and above are cut
            long cap = Math.floorDiv(sum - need, cut);
            long next = k > 0 ? ascending[k - 1] : 0;
            if (cap >= next) return (int) Math.min(cap, Integer.MAX_VALUE);
        }
        return 0;
    }

    /** UTF-8 bytes of the routing headers {@link #map} adds for this route (names and values). */
    static long routeHeaderBytes(String[] route) {
        long n = 0;
        for (int i = 0; i < route.length; i++) {
            if (route[i] != null) n += HEADERS[i].length() + utf8Length(route[i]);
        }
        return n;
    }

    /** UTF-8 length without encoding the string. */
    static long utf8Length(String s) {
        if (s == null) return 0;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) n++;
            else if (ch < 0x800) n += 2;
            else if (Character.isHighSurrogate(ch)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    public Schema valueSchema() { return format.schema(); }
}
