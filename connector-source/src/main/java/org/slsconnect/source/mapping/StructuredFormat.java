package org.slsconnect.source.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.slsconnect.source.config.RecordFormatConfig.InvalidUtf8Policy;
import org.slsconnect.source.mapping.KeyCache.Key;

import com.aliyun.openservices.log.common.FastLogContent;

/**
 * {@code record.format=structured}: a Connect Struct with a fixed schema, for schema-aware converters and sinks.
 * Contents and tags are string maps (SLS values are strings), so {@code json.unfold.fields} does not apply: the
 * JSON text stays a string. The key-collision policy does not apply either (metadata has its own fields); the
 * duplicate-key and invalid-UTF-8 policies do. Its size (for {@code record.max.bytes}) is estimated as schemaless
 * JSON would write it: the UTF-8 bytes of every name and value plus punctuation, and the escaping of values.
 */
final class StructuredFormat implements ValueFormat {

    public static final Schema SCHEMA = SchemaBuilder.struct()
        .name("org.slsconnect.sls.Log")
        .version(1)
        .doc("One log of Alibaba Cloud Log Service (SLS)")
        .field("time", Timestamp.builder().doc("Log time, epoch ms (from __time__ and the ns part)").build())
        .field("time_ns_part", SchemaBuilder.int32().doc("Nanoseconds within the second (0 if the log has none)").build())
        .field("topic", SchemaBuilder.string().doc("__topic__ of the log group, empty if none").build())
        .field("source", SchemaBuilder.string().doc("__source__ of the log group, empty if none").build())
        .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).doc("Log group tags, key without __tag__:").build())
        .field("contents", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).doc("The log's key/value contents").build())
        .field("project", Schema.STRING_SCHEMA)
        .field("logstore", Schema.STRING_SCHEMA)
        .field("shard", Schema.INT32_SCHEMA)
        .field("cursor", SchemaBuilder.string().doc("Cursor of the log group").build())
        .field("event_id", SchemaBuilder.string().doc("project/logstore/shard/cursor/index, stable across re-reads").build())
        .field("invalid_utf8_keys", SchemaBuilder.array(Schema.STRING_SCHEMA)
            .doc("Fields whose bytes were not UTF-8 (tags as __tag__:<key>, __topic__, __source__)").build())
        .build();

    /** JSON punctuation of one map entry ({@code "k":"v",}); escaping is not counted. */
    static final int ENTRY_OVERHEAD = 6;
    /** Field names and punctuation of the struct as schemaless JSON, with the time and shard numbers. */
    static final int FIXED_OVERHEAD = 220;

    private final boolean base64;

    StructuredFormat(MappingOptions options) {
        this.base64 = options.utf8Policy == InvalidUtf8Policy.BASE64;
    }

    @Override
    public Schema schema() { return SCHEMA; }

    @Override
    public Object value(LogContext c) {
        GroupView g = c.group;
        KeyPlan plan = c.plan;
        Map<String, String> contents = new LinkedHashMap<>(Math.max(4, plan.count * 4 / 3 + 1));
        List<String> invalid = g.invalidNames.isEmpty() ? null : new ArrayList<>(g.invalidNames);
        long size = g.estimatedBytes + c.groupCursor.length() + c.eventId.length();
        for (int i = 0; i < plan.count; i++) {
            Key name = plan.names[i];
            if (name == null) continue;
            FastLogContent content = c.log.getContents(i);
            byte[] b = content.getRawBytes();
            int off = content.getValueOffset();
            int len = c.cappedLength(name.string, b, off, content.getValueLength());
            boolean valid = Utf8.isValid(b, off, len);
            if (!valid || plan.invalidKey[i]) {
                if (invalid == null) invalid = new ArrayList<>();
                invalid.add(name.string);
            }
            boolean encode = !valid && base64;
            contents.put(name.string, encode ? Base64.getEncoder().encodeToString(Arrays.copyOfRange(b, off, off + len))
                : Utf8.decode(b, off, len));
            size += name.bytes.length + (encode ? (len + 2) / 3 * 4 : len + Json.escapeBytes(b, off, len)) + ENTRY_OVERHEAD;
        }
        c.valueBytes = size;
        return new Struct(SCHEMA)
            .put("time", new Date(c.timestampMs))
            .put("time_ns_part", Math.max(0, c.log.getTimeNsPart()))
            .put("topic", g.topic.out)
            .put("source", g.source.out)
            .put("tags", g.tagMap)
            .put("contents", contents)
            .put("project", c.shard.project())
            .put("logstore", c.shard.logstore())
            .put("shard", c.shard.shard())
            .put("cursor", c.groupCursor)
            .put("event_id", c.eventId)
            .put("invalid_utf8_keys", invalid == null ? List.of() : invalid);
    }
}
