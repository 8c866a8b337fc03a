package org.slsconnect.source.mapping;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Explicit UTF-8 handling of SLS bytes. The SDK's String getters decode with the platform charset, which
 * corrupts non-ASCII text on a JVM whose default is not UTF-8; everything here goes through byte offsets.
 */
public final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {}

    public static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** True if the range is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
    public static boolean isValid(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            // Log text is mostly ASCII: test 8 bytes at once.
            if (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) { i += 8; continue; }
            int c = b[i];
            if (c >= 0) { i++; continue; }
            c &= 0xFF;
            if (c < 0xC2 || c > 0xF4) return false;
            int n = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
            if (i + n >= end) return false;               // truncated sequence
            int c1 = b[i + 1] & 0xFF;
            if ((c1 & 0xC0) != 0x80) return false;
            if (c == 0xE0 && c1 < 0xA0) return false;          // overlong
            if (c == 0xED && c1 > 0x9F) return false;          // surrogates
            if (c == 0xF0 && c1 < 0x90) return false;          // overlong
            if (c == 0xF4 && c1 > 0x8F) return false;          // above U+10FFFF
            for (int k = 2; k <= n; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
            i += n + 1;
        }
        return true;
    }

    /** Strict decode; null if the bytes are not valid UTF-8. */
    public static String decodeStrict(byte[] bytes, int offset, int length) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
