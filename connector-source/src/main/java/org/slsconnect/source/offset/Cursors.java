package org.slsconnect.source.offset;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * SLS cursors are Base64 of the decimal position of a log group in its shard, and consecutive groups differ by
 * one (the SDK's own PullLogsSample relies on it). That lets a task name the cursor of every group of a pull from
 * the response's {@code x-log-read-last-cursor}. It is not a documented contract, so every use has a fallback
 * that treats cursors as opaque.
 */
public final class Cursors {

    private Cursors() {}

    public static String encode(long position) {
        return Base64.getEncoder().encodeToString(Long.toString(position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor stands for, or empty if it is not of the known form. */
    public static OptionalLong decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) return OptionalLong.empty();
        try {
            String s = new String(Base64.getDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
            return OptionalLong.of(Long.parseLong(s));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }
}
