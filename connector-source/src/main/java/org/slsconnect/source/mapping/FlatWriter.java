package org.slsconnect.source.mapping;

import java.io.IOException;
import java.util.List;

import org.slsconnect.source.config.RecordFormatConfig.InvalidUtf8Policy;
import org.slsconnect.source.mapping.KeyCache.Key;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Writes a log as the flat JSON object of {@code flat_json} (also the {@code event} of {@code hec_event}):
 * {@code __time__}, {@code __time_ns_part__} (if non-zero), {@code __topic__}, {@code __source__},
 * {@code __tag__:<key>}, the contents, then {@code __invalid_utf8__} / {@code __unfold_error__} /
 * {@code __truncated__} when needed.
 * Valid UTF-8 values go from the SDK's bytes straight into the generator; no String per value.
 */
final class FlatWriter {

    private static final SerializedString TIME = new SerializedString(KeyCache.TIME);
    private static final SerializedString TIME_NS = new SerializedString(KeyCache.TIME_NS);
    private static final SerializedString TOPIC = new SerializedString(KeyCache.TOPIC);
    private static final SerializedString SOURCE = new SerializedString(KeyCache.SOURCE);
    private static final SerializedString INVALID_UTF8 = new SerializedString(KeyCache.INVALID_UTF8_FLAG);
    private static final SerializedString UNFOLD_ERROR = new SerializedString(KeyCache.UNFOLD_ERROR_FLAG);
    private static final SerializedString TRUNCATED = new SerializedString(KeyCache.TRUNCATED_FLAG);

    private FlatWriter() {}

    static void write(JsonGenerator gen, LogContext c, MappingOptions options) throws IOException {
        FastLog log = c.log;
        GroupView g = c.group;
        KeyPlan plan = c.plan;
        boolean base64 = options.utf8Policy == InvalidUtf8Policy.BASE64;
        c.invalidUtf8.addAll(g.invalidNames);

        gen.writeStartObject();
        if (!plan.skipTime) {
            gen.writeFieldName(TIME);
            gen.writeNumber(log.getTime() & 0xFFFFFFFFL);
        }
        if (!plan.skipTimeNs && log.getTimeNsPart() > 0) {
            gen.writeFieldName(TIME_NS);
            gen.writeNumber(log.getTimeNsPart());
        }
        // Always present, empty when the group has none, like the Python SDK's flattened logs.
        if (!plan.skipTopic) {
            gen.writeFieldName(TOPIC);
            gen.writeUTF8String(g.topic.outUtf8, 0, g.topic.outUtf8.length);
        }
        if (!plan.skipSource) {
            gen.writeFieldName(SOURCE);
            gen.writeUTF8String(g.source.outUtf8, 0, g.source.outUtf8.length);
        }
        for (int i = 0; i < g.tagJson.length; i++) {
            if (plan.skipTag[i]) continue;
            gen.writeFieldName(g.tagJson[i]);
            byte[] v = g.tagValues[i].outUtf8;
            gen.writeUTF8String(v, 0, v.length);
        }
        for (int i = 0; i < plan.count; i++) {
            Key name = plan.names[i];
            if (name == null) continue;
            FastLogContent content = log.getContents(i);
            gen.writeFieldName(name.json);
            byte[] raw = content.getRawBytes();
            int len = c.cappedLength(name.string, raw, content.getValueOffset(), content.getValueLength());
            boolean validValue = writeValue(gen, c, name, raw, content.getValueOffset(), len,
                !g.unfold.isEmpty() && g.unfold.contains(plan.originals[i].string), base64);
            if (plan.invalidKey[i] || !validValue) c.invalidUtf8.add(name.string);
        }
        writeFlag(gen, INVALID_UTF8, c.invalidUtf8, plan.skipInvalidFlag);
        writeFlag(gen, UNFOLD_ERROR, c.unfoldErrors, plan.skipUnfoldFlag);
        writeFlag(gen, TRUNCATED, c.truncated, plan.skipTruncatedFlag);
        gen.writeEndObject();
    }

    /** Writes one content value; false if its bytes were not valid UTF-8. */
    private static boolean writeValue(JsonGenerator gen, LogContext c, Key name, byte[] b, int off, int len,
                                      boolean unfold, boolean base64) throws IOException {
        if (!Utf8.isValid(b, off, len)) {
            if (unfold) c.unfoldErrors.add(name.string);
            if (base64) gen.writeBinary(b, off, len);       // standard base64 with padding, as a JSON string
            else gen.writeString(Utf8.decode(b, off, len));
            return false;
        }
        if (unfold) {
            if (Json.isObjectOrArray(b, off, len)) {
                // Flush first so the generator's buffer has room and the raw copy needs no temporary array.
                gen.flush();
                gen.writeRawValue(new Json.RawUtf8(b, off, len));
                return true;
            }
            c.unfoldErrors.add(name.string);    // not JSON: kept as the original string, and flagged
        }
        gen.writeUTF8String(b, off, len);
        return true;
    }

    private static void writeFlag(JsonGenerator gen, SerializedString field, List<String> names, boolean skip)
            throws IOException {
        if (names.isEmpty() || skip) return;
        gen.writeFieldName(field);
        gen.writeStartArray();
        for (String n : names) gen.writeString(n);
        gen.writeEndArray();
    }
}
