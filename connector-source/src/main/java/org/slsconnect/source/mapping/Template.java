package org.slsconnect.source.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A routing template such as {@code alicloud:sls:${logstore}} or {@code ${tag:__hostname__|source}}.
 * Placeholders: {@code ${project}}, {@code ${logstore}}, {@code ${shard}}, {@code ${topic}} (the group's
 * {@code __topic__}), {@code ${source}} ({@code __source__}) and {@code ${tag:<key>}}; {@code ${a|b}} takes the
 * first alternative that is not empty. Anything else is literal text. Parsed once at startup; resolved once per
 * log group.
 */
public final class Template {

    private static final List<String> NAMES = List.of("project", "logstore", "shard", "topic", "source");

    /** A literal (alternatives == null) or a placeholder with its alternatives. */
    private static final class Part {
        final String literal;
        final String[] alternatives;

        Part(String literal, String[] alternatives) {
            this.literal = literal;
            this.alternatives = alternatives;
        }

        String literal() { return literal; }

        String[] alternatives() { return alternatives; }
    }

    private final List<Part> parts;

    private Template(List<Part> parts) { this.parts = parts; }

    /** Parses a template; throws IllegalArgumentException saying what is wrong. */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                parts.add(new Part(text.substring(i), null));
                break;
            }
            if (start > i) parts.add(new Part(text.substring(i, start), null));
            int end = text.indexOf('}', start);
            if (end < 0) throw new IllegalArgumentException("unclosed ${ in '" + text + "'");
            String[] alternatives = text.substring(start + 2, end).split("\\|", -1);
            for (int k = 0; k < alternatives.length; k++) {
                String a = alternatives[k].trim();
                boolean tag = a.startsWith("tag:") && a.length() > 4;
                if (!tag && !NAMES.contains(a)) {
                    throw new IllegalArgumentException("unknown placeholder '" + a + "' in '" + text
                        + "'; use ${project}, ${logstore}, ${shard}, ${topic}, ${source} or ${tag:<key>}");
                }
                alternatives[k] = a;
            }
            parts.add(new Part(null, alternatives));
            i = end + 1;
        }
        return new Template(parts);
    }

    /**
     * The resolved text. {@code tags} maps tag keys (without {@code __tag__:}) to values; missing values are empty.
     */
    public String resolve(ShardContext shard, String topic, String source, Map<String, String> tags) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.alternatives == null) {
                out.append(p.literal);
                continue;
            }
            for (String a : p.alternatives) {
                String v = value(a, shard, topic, source, tags);
                if (v != null && !v.isEmpty()) {
                    out.append(v);
                    break;
                }
            }
        }
        return out.toString();
    }

    private static String value(String name, ShardContext shard, String topic, String source, Map<String, String> tags) {
        switch (name) {
            case "project": return shard.project();
            case "logstore": return shard.logstore();
            case "shard": return Integer.toString(shard.shard());
            case "topic": return topic;
            case "source": return source;
            default: return tags.get(name.substring(4));
        }
    }
}
