package org.slsconnect.source.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slsconnect.source.config.RecordFormatConfig;
import org.slsconnect.source.config.RecordFormatConfig.DuplicateKeyPolicy;
import org.slsconnect.source.config.RecordFormatConfig.InvalidUtf8Policy;
import org.slsconnect.source.config.RecordFormatConfig.KeyCollisionPolicy;
import org.slsconnect.source.config.RecordFormatConfig.OversizePolicy;

/** The record-format settings in the form the mapping code uses them; immutable, shared by all threads. */
final class MappingOptions {

    /** False for {@code structured}: its metadata has own fields, so no content key can collide with it. */
    final boolean metadataInline;
    final KeyCollisionPolicy collisionPolicy;
    final String collisionPrefix;
    final DuplicateKeyPolicy duplicatePolicy;
    final InvalidUtf8Policy utf8Policy;
    final SplunkRouting routing;
    final boolean splunkHeaders;
    final List<String> hecFields;
    final int maxBytes;
    final OversizePolicy oversizePolicy;
    private final Map<String, List<String>> unfold;
    private final Set<String> unfoldAnyTopic;

    MappingOptions(RecordFormatConfig config) {
        metadataInline = config.format() != RecordFormatConfig.Format.STRUCTURED;
        collisionPolicy = config.keyCollisionPolicy();
        collisionPrefix = config.keyCollisionPrefix();
        duplicatePolicy = config.duplicateKeyPolicy();
        utf8Policy = config.invalidUtf8Policy();
        routing = new SplunkRouting(config);
        splunkHeaders = config.splunkHeaders();
        hecFields = List.copyOf(config.hecFields());
        maxBytes = config.recordMaxBytes();
        oversizePolicy = config.oversizePolicy();
        unfold = config.unfoldFields();
        unfoldAnyTopic = Set.copyOf(unfold.getOrDefault("*", List.of()));
    }

    /** Content fields to unfold in logs of this {@code __topic__}; empty if none. */
    Set<String> unfoldFields(String topic) {
        List<String> own = unfold.get(topic);
        if (own == null) return unfoldAnyTopic;
        Set<String> out = new HashSet<>(own);
        out.addAll(unfoldAnyTopic);
        return out;
    }
}
