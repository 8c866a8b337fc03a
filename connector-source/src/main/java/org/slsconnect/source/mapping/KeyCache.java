package org.slsconnect.source.mapping;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Content keys interned by their UTF-8 bytes, so a key seen before costs one hash lookup instead of a String
 * decode and a JSON name encode per log. Logs of one logstore repeat the same few keys endlessly. One cache per
 * thread (not thread-safe); emptied when it grows past {@link #MAX_KEYS} so random keys cannot exhaust memory.
 */
final class KeyCache {

    static final int MAX_KEYS = 20_000;

    /** What a key means to the flat JSON object: an ordinary content key, or one of the metadata names. */
    enum Reserved { NONE, TIME, TIME_NS, TOPIC, SOURCE, TAG, INVALID_UTF8_FLAG, UNFOLD_ERROR_FLAG, TRUNCATED_FLAG }

    static final String TIME = "__time__";
    static final String TIME_NS = "__time_ns_part__";
    static final String TOPIC = "__topic__";
    static final String SOURCE = "__source__";
    static final String TAG_PREFIX = "__tag__:";
    static final String INVALID_UTF8_FLAG = "__invalid_utf8__";
    static final String UNFOLD_ERROR_FLAG = "__unfold_error__";
    static final String TRUNCATED_FLAG = "__truncated__";

    static final class Key {
        final byte[] bytes;
        final int hash;
        /** The key as text; bytes that are not UTF-8 become U+FFFD. */
        final String string;
        /** The key as a JSON field name, its quoted UTF-8 form computed once. */
        final SerializedString json;
        final boolean invalidUtf8;
        final Reserved reserved;
        /** Itself, or for bytes that are not UTF-8 the key of their decoded text (two such keys may decode alike). */
        Key canonical = this;

        /** KeyPlan's mark of the last log that contained this key (duplicate detection without a set). */
        long seen;

        Key(byte[] bytes, int hash, String string, boolean invalidUtf8) {
            this.bytes = bytes;
            this.hash = hash;
            this.string = string;
            this.json = new SerializedString(string);
            this.invalidUtf8 = invalidUtf8;
            this.reserved = reservedKind(string);
        }
    }

    private Key[] table = new Key[1024];
    private int size;

    /**
     * The entry of these key bytes. Use {@code canonical} for the key's identity in a log, and {@code invalidUtf8}
     * to know whether this occurrence had bytes that are not UTF-8.
     */
    Key get(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) h = 31 * h + b[i];
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        for (Key k = table[slot]; k != null; k = table[slot = (slot + 1) & mask]) {
            if (k.hash == h && Arrays.equals(k.bytes, 0, k.bytes.length, b, off, off + len)) return k;
        }
        boolean valid = Utf8.isValid(b, off, len);
        Key k = new Key(Arrays.copyOfRange(b, off, off + len), h, Utf8.decode(b, off, len), !valid);
        insert(k, slot);
        if (!valid) k.canonical = get(k.string);
        return k;
    }

    Key get(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return get(b, 0, b.length);
    }

    /** Called between logs, never during one: a plan holds Key references for the whole log. */
    void trimIfLarge() {
        if (size > MAX_KEYS) {
            table = new Key[1024];
            size = 0;
        }
    }

    int size() { return size; }

    private void insert(Key k, int slot) {
        table[slot] = k;
        if (++size * 2 > table.length) {
            Key[] old = table;
            table = new Key[old.length * 2];
            int mask = table.length - 1;
            for (Key e : old) {
                if (e == null) continue;
                int s = mix(e.hash) & mask;
                while (table[s] != null) s = (s + 1) & mask;
                table[s] = e;
            }
        }
    }

    private static int mix(int h) { return h ^ (h >>> 16); }

    private static Reserved reservedKind(String s) {
        if (!s.startsWith("__")) return Reserved.NONE;
        switch (s) {
            case TIME: return Reserved.TIME;
            case TIME_NS: return Reserved.TIME_NS;
            case TOPIC: return Reserved.TOPIC;
            case SOURCE: return Reserved.SOURCE;
            case INVALID_UTF8_FLAG: return Reserved.INVALID_UTF8_FLAG;
            case UNFOLD_ERROR_FLAG: return Reserved.UNFOLD_ERROR_FLAG;
            case TRUNCATED_FLAG: return Reserved.TRUNCATED_FLAG;
            default: return s.startsWith(TAG_PREFIX) ? Reserved.TAG : Reserved.NONE;
        }
    }
}
