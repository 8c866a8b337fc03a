package org.slsconnect.source.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.kafka.connect.data.Schema;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Base of the JSON formats: writes into the thread's reused buffer and returns it as a String or, with
 * {@code record.value.type=bytes}, as the same UTF-8 bytes.
 */
abstract class JsonValueFormat implements ValueFormat {

    protected final MappingOptions options;
    private final boolean bytes;

    JsonValueFormat(MappingOptions options, boolean bytes) {
        this.options = options;
        this.bytes = bytes;
    }

    @Override
    public Schema schema() { return bytes ? Schema.BYTES_SCHEMA : Schema.STRING_SCHEMA; }

    @Override
    public Object value(LogContext c) {
        Json.Buffer out = c.out;
        out.clear();
        boolean complete = false;
        try {
            JsonGenerator gen = c.generator();
            write(gen, c);
            gen.flush();
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // cannot happen: the target is memory
        } finally {
            if (!complete) c.dropGenerator();     // a value cut short leaves the generator inside an object
        }
        c.valueBytes = out.size();    // exactly what StringConverter or ByteArrayConverter will write
        return bytes ? out.bytes() : out.utf8String();
    }

    abstract void write(JsonGenerator gen, LogContext c) throws IOException;
}
