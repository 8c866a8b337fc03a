package org.slsconnect.source.mapping;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slsconnect.source.config.RecordFormatConfig.InvalidUtf8Policy;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.FastLogTag;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * What all logs of one log group share, decoded once per group instead of once per log: topic, source, tags
 * (with the invalid-UTF-8 and duplicate-key policies applied), the Splunk routing values and the fields to unfold.
 */
final class GroupView {

    /** One metadata value: {@code text} decoded with U+FFFD (for templates), {@code out} as written. */
    static final class Meta {
        final String text;
        final String out;
        final byte[] outUtf8;
        final boolean invalid;

        Meta(byte[] bytes, InvalidUtf8Policy policy) {
            invalid = !Utf8.isValid(bytes, 0, bytes.length);
            text = Utf8.decode(bytes, 0, bytes.length);
            out = invalid && policy == InvalidUtf8Policy.BASE64 ? Base64.getEncoder().encodeToString(bytes) : text;
            outUtf8 = invalid ? out.getBytes(StandardCharsets.UTF_8) : bytes;
        }
    }

    final ShardContext shard;
    final Meta topic;
    final Meta source;
    /** Tags after the duplicate policy: key without prefix (structured), JSON name {@code __tag__:key}, value. */
    final String[] tagKeys;
    final String[] tagNames;
    final SerializedString[] tagJson;
    final Meta[] tagValues;
    /** Tag key → written value, for {@code structured}; shared by all records of the group, so read-only. */
    final Map<String, String> tagMap;
    /** Names of metadata fields whose bytes were not UTF-8. */
    final List<String> invalidNames;
    /** Splunk index, source, sourcetype, host by {@code SplunkField.ordinal()}; null = leave out. */
    final String[] route;
    /** UTF-8 bytes of the {@code splunk.header.*} headers made from {@link #route}, names included: the same for every log. */
    final long routeHeaderBytes;
    final Set<String> unfold;
    /** What {@code structured} writes for the group and shard, in bytes (see StructuredFormat's estimate). */
    final long estimatedBytes;

    GroupView(ShardContext shard, FastLogGroup group, MappingOptions options) {
        this.shard = shard;
        InvalidUtf8Policy policy = options.utf8Policy;
        topic = new Meta(group.hasTopic() ? group.getTopicBytes() : new byte[0], policy);
        source = new Meta(group.hasSource() ? group.getSourceBytes() : new byte[0], policy);
        List<String> invalid = new ArrayList<>(0);
        if (topic.invalid) invalid.add(KeyCache.TOPIC);
        if (source.invalid) invalid.add(KeyCache.SOURCE);

        int n = group.getLogTagsCount();
        String[] keys = new String[n];
        Meta[] values = new Meta[n];
        boolean[] invalidKey = new boolean[n];
        for (int i = 0; i < n; i++) {
            FastLogTag tag = group.getLogTags(i);
            byte[] k = tag.getKeyBytes();
            invalidKey[i] = !Utf8.isValid(k, 0, k.length);
            keys[i] = Utf8.decode(k, 0, k.length);
            values[i] = new Meta(tag.getValueBytes(), policy);
        }
        String[] unique = KeyPlan.dedupe(keys, options.duplicatePolicy);
        List<String> tk = new ArrayList<>(n);
        List<Meta> tv = new ArrayList<>(n);
        Map<String, String> templateTags = new LinkedHashMap<>();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (unique[i] == null) continue;
            tk.add(unique[i]);
            tv.add(values[i]);
            map.put(unique[i], values[i].out);
            templateTags.put(unique[i], values[i].text);
            if (invalidKey[i] || values[i].invalid) invalid.add(KeyCache.TAG_PREFIX + unique[i]);
        }
        tagKeys = tk.toArray(new String[0]);
        tagValues = tv.toArray(new Meta[0]);
        tagNames = new String[tagKeys.length];
        tagJson = new SerializedString[tagKeys.length];
        for (int i = 0; i < tagKeys.length; i++) {
            tagNames[i] = KeyCache.TAG_PREFIX + tagKeys[i];
            tagJson[i] = new SerializedString(tagNames[i]);
        }
        tagMap = Collections.unmodifiableMap(map);
        invalidNames = List.copyOf(invalid);
        route = options.routing.resolve(shard, topic.text, source.text, templateTags);
        routeHeaderBytes = RecordMapper.routeHeaderBytes(route);
        unfold = options.unfoldFields(topic.text);
        long est = StructuredFormat.FIXED_OVERHEAD + topic.outUtf8.length + source.outUtf8.length
            + shard.project().length() + shard.logstore().length();
        for (int i = 0; i < tagKeys.length; i++) {
            est += tagKeys[i].getBytes(StandardCharsets.UTF_8).length + tagValues[i].outUtf8.length + StructuredFormat.ENTRY_OVERHEAD;
        }
        for (String name : invalidNames) est += name.length() + 3;
        estimatedBytes = est;
    }

    /** Index of the tag whose JSON name is {@code name}, or -1. */
    int tagIndex(String name) {
        for (int i = 0; i < tagNames.length; i++) if (tagNames[i].equals(name)) return i;
        return -1;
    }
}
