package org.slsconnect.source.mapping;

import java.util.HashMap;
import java.util.Map;

import org.slsconnect.source.config.RecordFormatConfig;
import org.slsconnect.source.config.RecordFormatConfig.SplunkField;

/**
 * Splunk index, source, sourcetype and host of a log group, from the {@code splunk.*} templates: a
 * {@code by.topic} rule wins over a {@code by.logstore} rule, which wins over the base template. The same
 * values go into the {@code splunk.header.*} headers and the {@code hec_event} envelope.
 */
final class SplunkRouting {

    private static final SplunkField[] FIELDS = SplunkField.values();

    private final Template[] base = new Template[FIELDS.length];
    private final Map<String, Template>[] byLogstore;
    private final Map<String, Template>[] byTopic;

    @SuppressWarnings("unchecked")
    SplunkRouting(RecordFormatConfig config) {
        byLogstore = new Map[FIELDS.length];
        byTopic = new Map[FIELDS.length];
        for (SplunkField f : FIELDS) {
            base[f.ordinal()] = Template.parse(config.template(f));
            byLogstore[f.ordinal()] = parseAll(config.logstoreRules(f));
            byTopic[f.ordinal()] = parseAll(config.topicRules(f));
        }
    }

    /** Values indexed by {@link SplunkField#ordinal()}; null where the template resolved to blank. */
    String[] resolve(ShardContext shard, String topic, String source, Map<String, String> tags) {
        String[] out = new String[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            Template t = byTopic[i].get(topic);
            if (t == null) t = byLogstore[i].get(shard.logstore());
            if (t == null) t = base[i];
            String v = t.resolve(shard, topic, source, tags).trim();
            // Never a null or empty header or envelope value: the sink would send "null" or Splunk reject it.
            out[i] = v.isEmpty() ? null : v;
        }
        return out;
    }

    private static Map<String, Template> parseAll(Map<String, String> rules) {
        Map<String, Template> out = new HashMap<>();
        rules.forEach((k, v) -> out.put(k, Template.parse(v)));
        return out;
    }
}
