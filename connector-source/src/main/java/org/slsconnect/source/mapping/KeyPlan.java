package org.slsconnect.source.mapping;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.slsconnect.source.config.RecordFormatConfig.DuplicateKeyPolicy;
import org.slsconnect.source.mapping.KeyCache.Key;
import org.slsconnect.source.mapping.KeyCache.Reserved;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;

/**
 * The output name of every content key of one log, after the key-collision and duplicate-key policies, and which
 * metadata fields a content key overwrites. Most logs have neither collisions nor duplicates: they take the fast
 * path, one cache lookup per key. Reused per thread; valid until the next {@link #plan}.
 */
final class KeyPlan {

    /** The content's own key (its canonical entry), by content index. */
    Key[] originals = new Key[64];
    /** The name to write, by content index; null = dropped by a policy. */
    Key[] names = new Key[64];
    /** True if the content at that index had key bytes that are not UTF-8. */
    boolean[] invalidKey = new boolean[64];
    int count;

    // Metadata that a content key replaces (key.collision.policy=overwrite).
    boolean skipTime;
    boolean skipTimeNs;
    boolean skipTopic;
    boolean skipSource;
    boolean skipInvalidFlag;
    boolean skipUnfoldFlag;
    boolean skipTruncatedFlag;
    boolean[] skipTag = new boolean[8];

    private long mark;

    void plan(FastLog log, GroupView group, KeyCache keys, MappingOptions options) {
        keys.trimIfLarge();
        int n = log.getContentsCount();
        if (names.length < n) {
            originals = new Key[n];
            names = new Key[n];
            invalidKey = new boolean[n];
        }
        count = n;
        skipTime = skipTimeNs = skipTopic = skipSource = skipInvalidFlag = skipUnfoldFlag = skipTruncatedFlag = false;
        if (skipTag.length < group.tagNames.length) skipTag = new boolean[group.tagNames.length];
        Arrays.fill(skipTag, false);

        long m = ++mark;
        boolean special = false;
        for (int i = 0; i < n; i++) {
            FastLogContent c = log.getContents(i);
            Key raw = keys.get(c.getRawBytes(), c.getKeyOffset(), c.getKeyLength());
            Key k = raw.canonical;
            invalidKey[i] = raw.invalidUtf8;
            originals[i] = k;
            names[i] = k;
            if (k.seen == m) special = true;    // a duplicate
            k.seen = m;
            if (k.reserved != Reserved.NONE && options.metadataInline) special = true;
        }
        if (special) resolve(log, group, keys, options);
    }

    /** The slow path: apply the collision policy, then make the names unique by the duplicate policy. */
    private void resolve(FastLog log, GroupView group, KeyCache keys, MappingOptions options) {
        String[] base = new String[count];
        for (int i = 0; i < count; i++) {
            Key k = names[i];
            base[i] = k.string;
            if (!options.metadataInline || !collides(k, log, group)) continue;
            switch (options.collisionPolicy) {
                case PREFIX: base[i] = options.collisionPrefix + k.string; break;
                case KEEP_METADATA: base[i] = null; break;
                case OVERWRITE: skip(k, group); break;
                default: throw new IllegalStateException();
            }
        }
        String[] unique = dedupe(base, options.duplicatePolicy);
        for (int i = 0; i < count; i++) names[i] = unique[i] == null ? null : keys.get(unique[i]);
    }

    /** Whether this content key equals a metadata name the flat object of this log contains. */
    private static boolean collides(Key k, FastLog log, GroupView group) {
        switch (k.reserved) {
            case NONE: return false;
            case TIME_NS: return log.getTimeNsPart() > 0;
            case TAG: return group.tagIndex(k.string) >= 0;
            default: return true;   // __time__, __topic__, __source__ and the flag names are always reserved
        }
    }

    private void skip(Key k, GroupView group) {
        switch (k.reserved) {
            case TIME: skipTime = true; break;
            case TIME_NS: skipTimeNs = true; break;
            case TOPIC: skipTopic = true; break;
            case SOURCE: skipSource = true; break;
            case INVALID_UTF8_FLAG: skipInvalidFlag = true; break;
            case UNFOLD_ERROR_FLAG: skipUnfoldFlag = true; break;
            case TRUNCATED_FLAG: skipTruncatedFlag = true; break;
            case TAG: skipTag[group.tagIndex(k.string)] = true; break;
            default: break;
        }
    }

    /**
     * Unique names by the duplicate policy (nulls stay null = dropped): {@code first}/{@code last} keep one
     * occurrence, {@code rename} turns the n-th occurrence into {@code name_n}, skipping names already in use.
     */
    static String[] dedupe(String[] names, DuplicateKeyPolicy policy) {
        int n = names.length;
        String[] out = new String[n];
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < n; i++) if (names[i] != null) last.put(names[i], i);
        if (last.size() == countNonNull(names)) return names.clone();   // no duplicates
        Set<String> taken = new HashSet<>(last.keySet());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = names[i];
            if (name == null) continue;
            int occurrence = seen.merge(name, 1, Integer::sum);
            switch (policy) {
                case FIRST: out[i] = occurrence == 1 ? name : null; break;
                case LAST: out[i] = last.get(name) == i ? name : null; break;
                case RENAME:
                    if (occurrence == 1) {
                        out[i] = name;
                        break;
                    }
                    int suffix = occurrence;
                    while (taken.contains(name + "_" + suffix)) suffix++;
                    out[i] = name + "_" + suffix;
                    taken.add(out[i]);
                    break;
                default: throw new IllegalStateException();
            }
        }
        return out;
    }

    private static int countNonNull(String[] a) {
        int c = 0;
        for (String s : a) if (s != null) c++;
        return c;
    }
}
