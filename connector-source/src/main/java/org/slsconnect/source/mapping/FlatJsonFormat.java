package org.slsconnect.source.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.connect.data.Schema;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.FastLogTag;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The log as one flat JSON object string, like the seed program's flattened log:
 * {@code {"__time__":1700000000,"__time_ns_part__":123,"__topic__":"..","__source__":"..","__tag__:k":"v",
 * "field":"value",...}}. Values that are valid UTF-8 are copied from the SDK's bytes straight into the JSON
 * generator (no intermediate String); invalid UTF-8 is decoded with U+FFFD replacement characters.
 */
public final class FlatJsonFormat implements ValueFormat {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
        ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

    @Override
    public Schema schema() { return Schema.STRING_SCHEMA; }

    @Override
    public Object value(ShardContext shard, FastLogGroup group, FastLog log, String eventId) {
        ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("__time__", log.getTime() & 0xFFFFFFFFL);
            if (log.getTimeNsPart() > 0) gen.writeNumberField("__time_ns_part__", log.getTimeNsPart());
            byte[] raw = group.getRawBytes();
            if (group.hasTopic()) writeField(gen, "__topic__", group.getTopicBytes());
            if (group.hasSource()) writeField(gen, "__source__", group.getSourceBytes());
            for (int i = 0; i < group.getLogTagsCount(); i++) {
                FastLogTag tag = group.getLogTags(i);
                byte[] k = tag.getKeyBytes();
                writeField(gen, "__tag__:" + new String(k, StandardCharsets.UTF_8), tag.getValueBytes());
            }
            for (int i = 0; i < log.getContentsCount(); i++) {
                FastLogContent c = log.getContents(i);
                byte[] b = c.getRawBytes();
                gen.writeFieldName(Utf8.decode(b, c.getKeyOffset(), c.getKeyLength()));
                writeValue(gen, b, c.getValueOffset(), c.getValueLength());
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void writeField(JsonGenerator gen, String name, byte[] value) throws IOException {
        gen.writeFieldName(name);
        writeValue(gen, value, 0, value.length);
    }

    private static void writeValue(JsonGenerator gen, byte[] b, int off, int len) throws IOException {
        if (Utf8.isValid(b, off, len)) gen.writeUTF8String(b, off, len);
        else gen.writeString(Utf8.decode(b, off, len));
    }
}
