package org.slsconnect.source.mapping;

import java.io.IOException;

import org.slsconnect.source.config.RecordFormatConfig.SplunkField;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * {@code record.format=hec_event}: a complete HEC event for the Splunk sink's
 * {@code splunk.hec.json.event.formatted=true}, which accepts exactly the keys {@code time}, {@code host},
 * {@code source}, {@code sourcetype}, {@code index}, {@code event} and {@code fields} (string values only).
 * <pre>{"time":1700000000.123456,"host":"10.0.0.1","source":"sls:proj/store","sourcetype":"alicloud:sls:store",
 * "event":{...flat log...},"fields":{"sls_project":"proj","sls_logstore":"store","sls_shard":"0"}}</pre>
 * {@code time} has microseconds: the sink reads it as a double (a 10-digit second leaves room for about 6
 * decimals) and writes it back with 6 decimals, so finer digits would be rounded away anyway. A null
 * metadata value is left out, so the HEC token's defaults apply. {@code event} is never empty: it always
 * holds {@code __time__}, {@code __topic__} and {@code __source__}.
 */
final class HecEventFormat extends JsonValueFormat {

    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString FIELDS = new SerializedString("fields");
    /** HEC envelope order: time, host, source, sourcetype, index (the order the sink itself writes). */
    private static final SplunkField[] ORDER = {SplunkField.HOST, SplunkField.SOURCE, SplunkField.SOURCETYPE, SplunkField.INDEX};

    private final SerializedString[] fieldNames;

    HecEventFormat(MappingOptions options, boolean bytes) {
        super(options, bytes);
        fieldNames = new SerializedString[options.hecFields.size()];
        for (int i = 0; i < fieldNames.length; i++) fieldNames[i] = new SerializedString("sls_" + options.hecFields.get(i));
    }

    @Override
    void write(JsonGenerator gen, LogContext c) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(TIME);
        gen.writeNumber(c.number, 0, time(c));
        for (SplunkField f : ORDER) {
            String v = c.group.route[f.ordinal()];
            if (v != null) gen.writeStringField(f.name, v);
        }
        gen.writeFieldName(EVENT);
        FlatWriter.write(gen, c, options);
        writeFields(gen, c);
        gen.writeEndObject();
    }

    private void writeFields(JsonGenerator gen, LogContext c) throws IOException {
        boolean open = false;
        for (int i = 0; i < fieldNames.length; i++) {
            String v = field(options.hecFields.get(i), c);
            if (v == null || v.isEmpty()) continue;
            if (!open) {
                gen.writeFieldName(FIELDS);
                gen.writeStartObject();
                open = true;
            }
            gen.writeFieldName(fieldNames[i]);
            gen.writeString(v);
        }
        if (open) gen.writeEndObject();
    }

    private static String field(String name, LogContext c) {
        switch (name) {
            case "event_id": return c.eventId;
            case "project": return c.shard.project();
            case "logstore": return c.shard.logstore();
            case "shard": return Integer.toString(c.shard.shard());
            case "topic": return c.group.topic.text;
            default: return null;
        }
    }

    /** Writes {@code seconds[.micros]} into {@code buf} and returns its length; no String per log. */
    static int seconds(long seconds, int nanos, char[] buf) {
        return micros(digits(seconds, buf), nanos, buf);
    }

    /** {@link #seconds} of the log into {@code c.number}, reusing the previous log's second: a group's logs mostly share one. */
    private static int time(LogContext c) {
        long second = c.log.getTime() & 0xFFFFFFFFL;
        if (second != c.numberSecond) {
            c.numberDigits = digits(second, c.number);
            c.numberSecond = second;
        }
        return micros(c.numberDigits, c.log.getTimeNsPart(), c.number);
    }

    private static int digits(long seconds, char[] buf) {
        int digits = 1;
        for (long t = seconds; t >= 10; t /= 10) digits++;
        long t = seconds;
        for (int i = digits - 1; i >= 0; i--, t /= 10) buf[i] = (char) ('0' + t % 10);
        return digits;
    }

    /** Appends {@code .micros} after the {@code n} digits of the second, unless it is 0. */
    private static int micros(int n, int nanos, char[] buf) {
        int micros = Math.max(0, nanos) / 1000 % 1_000_000;   // truncated, so the second never changes
        if (micros == 0) return n;
        buf[n++] = '.';
        for (int div = 100_000; div > 0; div /= 10) buf[n++] = (char) ('0' + micros / div % 10);
        return n;
    }
}
