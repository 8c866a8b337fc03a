package org.slsconnect.source.mapping;

import org.slsconnect.source.config.RecordFormatConfig;
import org.slsconnect.source.config.SlsSourceConfig;

/** Picks the record mapping the config asks for ({@code record.format} and the other "Record format" settings). */
public final class RecordFormats {

    private RecordFormats() {}

    public static RecordMapper mapper(SlsSourceConfig config) {
        return mapper(new RecordFormatConfig(config.originals()));
    }

    public static RecordMapper mapper(RecordFormatConfig config) {
        MappingOptions options = new MappingOptions(config);
        boolean bytes = config.valueAsBytes();
        ValueFormat format;
        switch (config.format()) {
            case HEC_EVENT: format = new HecEventFormat(options, bytes); break;
            case STRUCTURED: format = new StructuredFormat(options); break;
            default: format = new FlatJsonFormat(options, bytes); break;
        }
        return new RecordMapper(format, options);
    }
}
