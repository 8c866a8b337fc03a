package org.slsconnect.source.mapping;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * {@code record.format=flat_json}: the log as one flat JSON object, like the seed program's flattened log:
 * {@code {"__time__":1700000000,"__time_ns_part__":123,"__topic__":"..","__source__":"..","__tag__:k":"v",
 * "field":"value",...}}. See {@link FlatWriter}.
 */
final class FlatJsonFormat extends JsonValueFormat {

    FlatJsonFormat(MappingOptions options, boolean bytes) { super(options, bytes); }

    @Override
    void write(JsonGenerator gen, LogContext c) throws IOException {
        FlatWriter.write(gen, c, options);
    }
}
