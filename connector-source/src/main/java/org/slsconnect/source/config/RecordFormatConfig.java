package org.slsconnect.source.config;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The settings of how a log becomes a record value and its Splunk routing headers (group "Record format").
 * Defined here and merged into {@link SlsSourceConfig#CONFIG_DEF}, so the connector has one ConfigDef.
 */
public final class RecordFormatConfig extends AbstractConfig {

    public RecordFormatConfig(Map<String, ?> props) {
        super(addDefinitions(new ConfigDef()), props, false);
    }

    static ConfigDef addDefinitions(ConfigDef def) {
        return def;
    }
}
