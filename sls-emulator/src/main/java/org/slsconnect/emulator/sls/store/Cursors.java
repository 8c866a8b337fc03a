package org.slsconnect.emulator.sls.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cursor encoding. A cursor is Base64 (standard alphabet, padded) of the ASCII decimal of a
 * long; consecutive log groups differ by exactly 1. There is exactly one encoder, so equal
 * positions always give byte-identical cursor strings (clients compare with String.equals).
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(long position) {
        return Base64.getEncoder().encodeToString(Long.toString(position).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Lenient decode: padding optional, URL-safe alphabet accepted, a '+' that arrived as a
     * space (unencoded in a query string) restored.
     *
     * @throws IllegalArgumentException if it is not Base64 of a decimal long
     */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            throw new IllegalArgumentException("empty cursor");
        }
        String c = cursor.strip().replace(' ', '+').replace('-', '+').replace('_', '/');
        while (c.endsWith("=")) {
            c = c.substring(0, c.length() - 1);
        }
        byte[] bytes = Base64.getDecoder().decode(c); // the JDK decoder does not require padding
        String decimal = new String(bytes, StandardCharsets.US_ASCII);
        if (decimal.isEmpty() || !decimal.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '-')) {
            throw new IllegalArgumentException("cursor does not decode to a number");
        }
        return Long.parseLong(decimal);
    }
}
