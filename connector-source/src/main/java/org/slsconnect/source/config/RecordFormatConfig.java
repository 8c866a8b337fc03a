package org.slsconnect.source.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.slsconnect.source.mapping.Template;

/**
 * The settings of how a log becomes a record value and its Splunk routing headers (group "Record format").
 * Defined here and merged into {@link SlsSourceConfig#CONFIG_DEF}, so the connector has one ConfigDef.
 * {@code docs/record-formats.md} explains each one with examples.
 */
public final class RecordFormatConfig extends AbstractConfig {

    private static final String GROUP = "Record format";

    public static final String RECORD_FORMAT = "record.format";
    public static final String VALUE_TYPE = "record.value.type";
    public static final String UNFOLD_FIELDS = "json.unfold.fields";
    public static final String KEY_COLLISION_POLICY = "key.collision.policy";
    public static final String KEY_COLLISION_PREFIX = "key.collision.prefix";
    public static final String DUPLICATE_KEY_POLICY = "duplicate.key.policy";
    public static final String INVALID_UTF8_POLICY = "invalid.utf8.policy";
    public static final String HEC_FIELDS = "hec.event.fields";
    public static final String SPLUNK_HEADERS = "splunk.headers.enabled";
    public static final String RECORD_MAX_BYTES = "record.max.bytes";
    public static final String OVERSIZE_POLICY = "record.oversize.policy";
    /**
     * Just under the producer's default {@code max.request.size} (1,048,576), leaving room for the record batch
     * overhead the connector does not count, and equal to Splunk HEC's classic {@code max_content_length}.
     */
    public static final int DEFAULT_RECORD_MAX_BYTES = 1_000_000;

    /** The four Splunk metadata values, in the order HEC writes them. */
    public enum SplunkField {
        INDEX("index", ""),
        SOURCE("source", "sls:${project}/${logstore}"),
        SOURCETYPE("sourcetype", "alicloud:sls:${logstore}"),
        HOST("host", "${source}");

        public final String name;
        final String defaultTemplate;

        SplunkField(String name, String defaultTemplate) {
            this.name = name;
            this.defaultTemplate = defaultTemplate;
        }

        /** {@code splunk.<field>}: the template used when no rule matches. */
        public String templateKey() { return "splunk." + name; }
        /** {@code splunk.<field>.by.logstore}: {@code logstore=template} rules. */
        public String byLogstoreKey() { return "splunk." + name + ".by.logstore"; }
        /** {@code splunk.<field>.by.topic}: {@code __topic__=template} rules, the most specific. */
        public String byTopicKey() { return "splunk." + name + ".by.topic"; }
        String defaultTopicRules() { return this == SOURCETYPE ? "actiontrail_audit_event=alicloud:actiontrail" : ""; }
    }

    public enum Format { FLAT_JSON, HEC_EVENT, STRUCTURED }
    public enum KeyCollisionPolicy { PREFIX, OVERWRITE, KEEP_METADATA }
    public enum DuplicateKeyPolicy { RENAME, FIRST, LAST }
    public enum InvalidUtf8Policy { REPLACE, BASE64 }
    public enum OversizePolicy { FAIL, TRUNCATE, SKIP }
    public enum ValueType { STRING, BYTES }

    /** Indexed HEC fields that may be listed in {@link #HEC_FIELDS}; each is written as {@code sls_<name>}. */
    public static final Set<String> HEC_FIELD_NAMES = Set.of("event_id", "project", "logstore", "shard", "topic");

    public RecordFormatConfig(Map<?, ?> props) {
        super(configDef(), props, false);
    }

    /** Only the record-format settings (the connector's full ConfigDef is {@link SlsSourceConfig#CONFIG_DEF}). */
    public static ConfigDef configDef() { return addDefinitions(new ConfigDef()); }

    static ConfigDef addDefinitions(ConfigDef def) {
        int order = 0;
        def.define(RECORD_FORMAT, Type.STRING, "flat_json", Validators.oneOf(Format.class),
                Importance.HIGH,
                "Shape of each record value. `flat_json`: the log as one flat JSON object string (`__time__`, "
                    + "`__topic__`, `__source__`, `__tag__:*`, contents), for any consumer and for Splunk's sink in its "
                    + "default event mode (as `connector-config/` ships it). `hec_event`: a complete HEC event JSON "
                    + "string (`time`, `host`, `source`, `sourcetype`, `index`, `event`, `fields`) for the Splunk sink "
                    + "with `splunk.hec.json.event.formatted=true`: microsecond time and indexed fields, for more sink "
                    + "CPU. `structured`: a Connect Struct (schema "
                    + "`org.slsconnect.sls.Log`) for schema-aware converters (JSON with schemas, Avro, Protobuf) "
                    + "and other sinks.",
                GROUP, ++order, Width.SHORT, "Record format")
            .define(VALUE_TYPE, Type.STRING, "string", Validators.oneOf(ValueType.class), Importance.LOW,
                "Connect type of the `flat_json` and `hec_event` values: `string` (use `value.converter="
                    + "org.apache.kafka.connect.storage.StringConverter`) or `bytes`, the same UTF-8 JSON as a byte "
                    + "array (use `org.apache.kafka.connect.converters.ByteArrayConverter`; saves a decode and "
                    + "re-encode per record). Kafka holds identical bytes either way. Ignored by `structured`.",
                GROUP, ++order, Width.SHORT, "Value type")
            .define(UNFOLD_FIELDS, Type.LIST, "actiontrail_audit_event:event", UNFOLD_VALIDATOR, Importance.MEDIUM,
                "Content fields that hold JSON text and are written as JSON objects/arrays instead of strings, as "
                    + "`<__topic__>:<field>` entries (`*` matches any topic). A value that is not a JSON object or "
                    + "array stays a string and its key is listed in `__unfold_error__`. Applies to `flat_json` and "
                    + "`hec_event`; `structured` keeps the text (its contents are a string map). Empty: no unfolding.",
                GROUP, ++order, Width.LONG, "JSON fields to unfold")
            .define(KEY_COLLISION_POLICY, Type.STRING, "prefix", Validators.oneOf(KeyCollisionPolicy.class),
                Importance.LOW,
                "A content key equal to a metadata name of the flat object (`__time__`, `__time_ns_part__`, "
                    + "`__topic__`, `__source__`, a present `__tag__:<key>`, `__invalid_utf8__`, `__unfold_error__`, `__truncated__`): "
                    + "`prefix` keeps both and renames the content key with `" + KEY_COLLISION_PREFIX + "`; "
                    + "`overwrite` writes the content value instead of the metadata (what the Python SDK's flattened "
                    + "logs do); `keep_metadata` drops the content value.",
                GROUP, ++order, Width.SHORT, "Key collision policy")
            .define(KEY_COLLISION_PREFIX, Type.STRING, "content.", PREFIX_VALIDATOR, Importance.LOW,
                "Prefix of content keys renamed by `" + KEY_COLLISION_POLICY + "=prefix`.",
                GROUP, ++order, Width.SHORT, "Key collision prefix")
            .define(DUPLICATE_KEY_POLICY, Type.STRING, "rename", Validators.oneOf(DuplicateKeyPolicy.class),
                Importance.LOW,
                "A key that occurs more than once in one log (contents, or tags of one group): `rename` keeps every "
                    + "value, the 2nd becomes `<key>_2`, the 3rd `<key>_3` (skipping names in use); `first` or "
                    + "`last` keeps only that occurrence.",
                GROUP, ++order, Width.SHORT, "Duplicate key policy")
            .define(INVALID_UTF8_POLICY, Type.STRING, "replace", Validators.oneOf(InvalidUtf8Policy.class), Importance.LOW,
                "A value whose bytes are not valid UTF-8: `replace` decodes it with U+FFFD for the bad bytes; "
                    + "`base64` writes the raw bytes base64-encoded. Either way the field's name is listed in "
                    + "`__invalid_utf8__` (`invalid_utf8_keys` in `structured`). Invalid keys are always replaced.",
                GROUP, ++order, Width.SHORT, "Invalid UTF-8 policy")
            .define(HEC_FIELDS, Type.LIST, "project,logstore,shard", HEC_FIELDS_VALIDATOR, Importance.LOW,
                "Indexed fields of `hec_event` (its `fields` object), each written as `sls_<name>`: any of "
                    + "`project`, `logstore`, `shard`, `topic`, `event_id`. Indexed fields cost index space; "
                    + "`event_id` is unique per event (high cardinality) and is best left out unless needed. "
                    + "Empty values are omitted; empty list: no `fields`.",
                GROUP, ++order, Width.MEDIUM, "HEC indexed fields")
            .define(SPLUNK_HEADERS, Type.BOOLEAN, true, Importance.MEDIUM,
                "Add the Kafka headers `splunk.header.index`, `splunk.header.source`, `splunk.header.sourcetype` and "
                    + "`splunk.header.host` (string values; a header whose value resolves empty is left out) for the "
                    + "Splunk sink's `splunk.header.support=true`. Works with every record format.",
                GROUP, ++order, Width.SHORT, "Splunk routing headers")
            .define(RECORD_MAX_BYTES, Type.INT, DEFAULT_RECORD_MAX_BYTES, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
                "Largest record the connector hands to Kafka, in bytes: the value as the documented converter writes "
                    + "it (UTF-8 JSON for `flat_json`/`hec_event`; an estimate for `structured`) plus the key and the "
                    + "headers. Keep it at most the producer's `max.request.size` (default 1048576) minus about 100 bytes "
                    + "of batch overhead, the topic's `max.message.bytes`, and Splunk HEC's maximum content length. A "
                    + "larger log is handled by `" + OVERSIZE_POLICY + "`.",
                GROUP, ++order, Width.SHORT, "Record max bytes")
            .define(OVERSIZE_POLICY, Type.STRING, "fail", Validators.oneOf(OversizePolicy.class), Importance.MEDIUM,
                "A log whose record would exceed `" + RECORD_MAX_BYTES + "`: `fail` stops the task with an error "
                    + "naming the shard, cursor, size and limit, without committing past the log (raise the limits and "
                    + "restart the task to deliver it); `truncate` cuts the longest content values until the record fits "
                    + "and lists them in `__truncated__` and the header `sls.truncated`; `skip` drops the log, logs its "
                    + "shard, cursor and time at WARN and counts it in the metric `sls-oversize-skipped-total`.",
                GROUP, ++order, Width.SHORT, "Oversize record policy");
        for (SplunkField f : SplunkField.values()) {
            String what = "Splunk `" + f.name + "` of each record (header `splunk.header." + f.name
                + "` and the `hec_event` envelope)";
            def.define(f.templateKey(), Type.STRING, f.defaultTemplate, TEMPLATE_VALIDATOR, Importance.MEDIUM,
                    what + ", used when no rule of `" + f.byTopicKey() + "` or `" + f.byLogstoreKey() + "` matches. "
                        + "A template: `${project}`, `${logstore}`, `${shard}`, `${topic}` (`__topic__`), `${source}` "
                        + "(`__source__`) and `${tag:<key>}` (e.g. `${tag:__hostname__}`) are replaced; "
                        + "`${a|b}` takes the first non-empty one. A value that resolves empty is left out"
                        + (f == SplunkField.INDEX ? " (then the HEC token's default index applies)." : "."),
                    GROUP, ++order, Width.MEDIUM, "Splunk " + f.name)
                .define(f.byLogstoreKey(), Type.LIST, "", RULES_VALIDATOR, Importance.LOW,
                    "Per-logstore " + f.name + " templates, as `<logstore>=<template>` entries (comma-separated, so "
                        + "templates cannot contain commas). Override `" + f.templateKey() + "`.",
                    GROUP, ++order, Width.LONG, "Splunk " + f.name + " by logstore")
                .define(f.byTopicKey(), Type.LIST, f.defaultTopicRules(), RULES_VALIDATOR, Importance.LOW,
                    "Per-`__topic__` " + f.name + " templates, as `<topic>=<template>` entries. They win over the "
                        + "logstore rules and `" + f.templateKey() + "`."
                        + (f == SplunkField.SOURCETYPE ? " Default: ActionTrail audit events get `alicloud:actiontrail`." : ""),
                    GROUP, ++order, Width.LONG, "Splunk " + f.name + " by topic");
        }
        return def;
    }

    public Format format() { return Validators.parse(Format.class, getString(RECORD_FORMAT)); }
    public boolean valueAsBytes() { return Validators.parse(ValueType.class, getString(VALUE_TYPE)) == ValueType.BYTES; }
    public KeyCollisionPolicy keyCollisionPolicy() { return Validators.parse(KeyCollisionPolicy.class, getString(KEY_COLLISION_POLICY)); }
    public String keyCollisionPrefix() { return getString(KEY_COLLISION_PREFIX); }
    public DuplicateKeyPolicy duplicateKeyPolicy() { return Validators.parse(DuplicateKeyPolicy.class, getString(DUPLICATE_KEY_POLICY)); }
    public InvalidUtf8Policy invalidUtf8Policy() { return Validators.parse(InvalidUtf8Policy.class, getString(INVALID_UTF8_POLICY)); }
    public boolean splunkHeaders() { return getBoolean(SPLUNK_HEADERS); }
    public int recordMaxBytes() { return getInt(RECORD_MAX_BYTES); }
    public OversizePolicy oversizePolicy() { return Validators.parse(OversizePolicy.class, getString(OVERSIZE_POLICY)); }

    public List<String> hecFields() {
        List<String> out = new ArrayList<>();
        for (String s : getList(HEC_FIELDS)) if (!s.isBlank() && !out.contains(s.trim())) out.add(s.trim());
        return out;
    }

    /** {@code __topic__} → content fields to unfold; the topic {@code *} applies to every topic. */
    public Map<String, List<String>> unfoldFields() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : getList(UNFOLD_FIELDS)) {
            if (entry.isBlank()) continue;
            int colon = entry.indexOf(':');
            out.computeIfAbsent(entry.substring(0, colon).trim(), k -> new ArrayList<>()).add(entry.substring(colon + 1).trim());
        }
        return out;
    }

    public String template(SplunkField f) { return getString(f.templateKey()); }
    public Map<String, String> logstoreRules(SplunkField f) { return rules(getList(f.byLogstoreKey())); }
    public Map<String, String> topicRules(SplunkField f) { return rules(getList(f.byTopicKey())); }

    private static Map<String, String> rules(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }

    // ----- validators

    private static final ConfigDef.Validator TEMPLATE_VALIDATOR = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            try {
                Template.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
        @Override public String toString() { return "template with ${project}, ${logstore}, ${shard}, ${topic}, ${source}, ${tag:<key>}"; }
    };

    private static final ConfigDef.Validator RULES_VALIDATOR = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            for (Object o : (List<?>) value) {
                String entry = o.toString();
                if (entry.isBlank()) continue;
                int eq = entry.indexOf('=');
                if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                    throw new ConfigException(name, value, "entries must be <name>=<template>, got '" + entry + "'");
                }
                try {
                    Template.parse(entry.substring(eq + 1).trim());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, "'" + entry + "': " + e.getMessage());
                }
            }
        }
        @Override public String toString() { return "list of <name>=<template>"; }
    };

    private static final ConfigDef.Validator UNFOLD_VALIDATOR = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            for (Object o : (List<?>) value) {
                String entry = o.toString();
                if (entry.isBlank()) continue;
                int colon = entry.indexOf(':');
                if (colon <= 0 || colon == entry.length() - 1 || entry.substring(0, colon).isBlank()
                        || entry.substring(colon + 1).isBlank()) {
                    throw new ConfigException(name, value, "entries must be <topic>:<field> (topic * for any), got '" + entry + "'");
                }
            }
        }
        @Override public String toString() { return "list of <topic>:<field>"; }
    };

    private static final ConfigDef.Validator HEC_FIELDS_VALIDATOR = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            for (Object o : (List<?>) value) {
                String f = o.toString().trim();
                if (!f.isEmpty() && !HEC_FIELD_NAMES.contains(f)) {
                    throw new ConfigException(name, value, "unknown field '" + f + "'; allowed: event_id, project, logstore, shard, topic");
                }
            }
        }
        @Override public String toString() { return "list of event_id, project, logstore, shard, topic"; }
    };

    private static final ConfigDef.Validator PREFIX_VALIDATOR = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString();
            // A prefix starting with "__" could itself produce a metadata name such as __tag__:x.
            if (v.isEmpty() || v.startsWith("__")) throw new ConfigException(name, value, "must be non-empty and not start with __");
        }
        @Override public String toString() { return "non-empty, not starting with __"; }
    };
}
