package org.slsconnect.source.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

/** JSON helpers of the JSON formats: Jackson streaming output, and the check of values to unfold. */
final class Json {

    private Json() {}

    static final JsonFactory FACTORY = new JsonFactory();

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * Jackson's default {@code StreamReadConstraints} (jackson-core 2.x). A Jackson parse used to decide which values
     * are unfolded; with its limits kept, a value it refused still stays a string (and is flagged in
     * {@code __unfold_error__}), so a connector upgrade changes no record.
     */
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_DIGITS = 1000;
    static final int MAX_NAME_BYTES = 50_000;

    /**
     * True if the bytes (already known to be valid UTF-8) are exactly one JSON object or array (RFC 8259, with
     * Jackson's default limits: at most {@value #MAX_DEPTH} levels of nesting, numbers of at most
     * {@value #MAX_NUMBER_DIGITS} digits, field names of at most {@value #MAX_NAME_BYTES} bytes once unescaped and
     * without broken escaped surrogate pairs), optionally surrounded by whitespace, so they can be copied into the
     * output verbatim. {@code JsonScanTest} checks the verdict against the Jackson parse it replaced.
     * <p>
     * A hand-written scan, not a Jackson parse: this runs on every unfolded field of every log, and a parser
     * spends most of its time canonicalising field names that nobody reads. No recursion (deep input cannot
     * overflow the stack) and no allocation unless the nesting is deeper than 64 levels. Bytes of 0x80 and above
     * are accepted inside strings without decoding, which is why the input must already be valid UTF-8.
     */
    static boolean isObjectOrArray(byte[] b, int off, int len) {
        int end = off + len;
        int i = skipWhitespace(b, off, end);
        if (i == end || (b[i] != '{' && b[i] != '[')) return false;
        int depth = 0;
        boolean inObject = false;   // the innermost open bracket is an object's
        long objectLevels = 0;      // bit d: nesting level d + 1 is an object (else an array), levels 1 to 64
        long[] deeperLevels = null; // the same for levels 65 and deeper; allocated only for unusually deep input
        while (true) {
            // A value starts at i.
            i = skipWhitespace(b, i, end);
            if (i == end) return false;
            byte c = b[i];
            if (c == '"') {
                i = skipString(b, i + 1, end);
            } else if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) return false;
                inObject = c == '{';
                if (depth < 64) {
                    objectLevels = inObject ? objectLevels | 1L << depth : objectLevels & ~(1L << depth);
                } else {
                    if (deeperLevels == null) deeperLevels = new long[(MAX_DEPTH - 64 + 63) / 64];
                    int bit = depth - 64;
                    if (inObject) deeperLevels[bit >>> 6] |= 1L << bit;
                    else deeperLevels[bit >>> 6] &= ~(1L << bit);
                }
                depth++;
                i = skipWhitespace(b, i + 1, end);
                if (i == end) return false;
                if (b[i] != (inObject ? '}' : ']')) {
                    if (inObject && (i = skipNameAndColon(b, i, end)) < 0) return false;
                    continue;       // to the first member's value or the first element
                }
                // Empty: the loop below reads the closing bracket.
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                i = skipNumber(b, i, end);
            } else {
                i = skipLiteral(b, i, end);
            }
            if (i < 0) return false;
            // After a complete value: a comma and the next value, or closing brackets.
            while (true) {
                i = skipWhitespace(b, i, end);
                if (i == end) return false;
                c = b[i++];
                if (c == ',') {
                    if (inObject && (i = skipNameAndColon(b, i, end)) < 0) return false;
                    break;
                }
                if (c != (inObject ? '}' : ']')) return false;
                if (--depth == 0) return skipWhitespace(b, i, end) == end;
                int level = depth - 1;
                inObject = level < 64 ? (objectLevels >>> level & 1) != 0
                    : (deeperLevels[(level - 64) >>> 6] >>> (level - 64) & 1) != 0;
            }
        }
    }

    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && isWhitespace(b[i])) i++;
        return i;
    }

    private static boolean isWhitespace(byte c) {
        return c <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
    }

    /** From whitespace before a member's name to just after its colon; -1 if that is not what is there. */
    private static int skipNameAndColon(byte[] b, int i, int end) {
        i = skipWhitespace(b, i, end);
        if (i == end || b[i] != '"') return -1;
        i = skipName(b, i + 1, end);
        if (i < 0) return -1;
        i = skipWhitespace(b, i, end);
        return i < end && b[i] == ':' ? i + 1 : -1;
    }

    /** From just after a value's opening quote to just after the closing one; -1 if the string is invalid. */
    private static int skipString(byte[] b, int i, int end) {
        while (true) {
            i = skipPlainText(b, i, end);
            if (i == end) return -1;
            byte c = b[i++];
            if (c == '"') return i;
            if (c != '\\') return -1;     // a raw control character, zero bytes too: JSON wants them escaped
            if (i == end) return -1;
            c = b[i];
            if (c == 'u') {
                if (hexUnit(b, i + 1, end) < 0) return -1;
                i += 5;
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
                i++;
            } else {
                return -1;
            }
        }
    }

    /**
     * From just after a member name's opening quote to just after the closing one; -1 if the name is invalid or
     * Jackson refuses it (see {@link #skipEscapedName}).
     */
    private static int skipName(byte[] b, int i, int end) {
        int start = i;
        i = skipPlainText(b, i, end);
        if (i == end) return -1;
        byte c = b[i];
        if (c == '"') return i - start > MAX_NAME_BYTES ? -1 : i + 1;
        if (c != '\\') return -1;
        return skipEscapedName(b, start, end);
    }

    /**
     * {@link #skipName} for a name with escapes, which Jackson decodes: its length limit counts UTF-8 bytes after
     * unescaping, and since 2.21 (jackson-core#1541) it joins an escaped surrogate pair in a name into one 4-byte
     * character and rejects a name with a high surrogate not followed by an escaped low one, or with a lone low
     * surrogate. (Values it skips without decoding.)
     */
    private static int skipEscapedName(byte[] b, int i, int end) {
        int start = i;
        int escapeBytes = 0;    // how many bytes the escapes are longer than what they stand for
        while (true) {
            i = skipPlainText(b, i, end);
            if (i == end) return -1;
            byte c = b[i++];
            if (c == '"') return i - 1 - start - escapeBytes > MAX_NAME_BYTES ? -1 : i;
            if (c != '\\' || i == end) return -1;
            c = b[i++];
            if (c == 'u') {
                int unit = hexUnit(b, i, end);
                if (unit < 0) return -1;
                i += 4;
                if (unit >= 0xD800 && unit <= 0xDFFF) {
                    if (unit >= 0xDC00 || end - i < 2 || b[i] != '\\' || b[i + 1] != 'u') return -1;
                    int low = hexUnit(b, i + 2, end);
                    if (low < 0xDC00 || low > 0xDFFF) return -1;
                    i += 6;
                    escapeBytes += 12 - 4;
                } else {
                    escapeBytes += 6 - (unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3);
                }
            } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
                escapeBytes += 2 - 1;
            } else {
                return -1;
            }
        }
    }

    /** The index of the first quote, backslash or control character from i, or end. */
    private static int skipPlainText(byte[] b, int i, int end) {
        // Log text is mostly plain: look at 8 bytes at once.
        for (; i + 8 <= end; i += 8) {
            long hits = stringStops((long) LONGS.get(b, i));
            if (hits != 0) return i + (Long.numberOfTrailingZeros(hits) >>> 3);
        }
        while (i < end) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c & 0xE0) == 0) return i;     // (c & 0xE0) == 0: 0x00 to 0x1F
            i++;
        }
        return end;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * The high bit of each of the 8 bytes (first byte lowest) that is a quote, a backslash or a control character
     * (below 0x20), by the classic test for a zero byte, {@code (x - 0x0101..) & ~x & 0x8080..}, on the word XORed
     * with each byte sought, and with 0x20 for "below". Borrows can set bits above a real hit, never below the
     * first one, so the lowest bit set is exact.
     */
    private static long stringStops(long w) {
        long quote = w ^ ONES * '"';
        long backslash = w ^ ONES * '\\';
        return (quote - ONES & ~quote | backslash - ONES & ~backslash | w - ONES * 0x20 & ~w) & HIGH_BITS;
    }

    /** The four hex digits at i as a number; -1 if there are not four. */
    private static int hexUnit(byte[] b, int i, int end) {
        if (end - i < 4) return -1;
        int unit = 0;
        for (int k = i; k < i + 4; k++) {
            int c = b[k];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) return -1;
            unit = unit << 4 | digit;
        }
        return unit;
    }

    /**
     * A number as RFC 8259 writes it ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) from i; the index
     * after it, or -1. A leading zero followed by a digit ends the number at the zero, and the digit after it is
     * then rejected by the caller as a missing comma.
     */
    private static int skipNumber(byte[] b, int i, int end) {
        if (b[i] == '-') i++;
        int start = i;
        if (i < end && b[i] == '0') i++;
        else i = skipDigits(b, i, end);
        int digits = i - start;
        if (digits == 0) return -1;
        if (i < end && b[i] == '.') {
            int fraction = i + 1;
            i = skipDigits(b, fraction, end);
            if (i == fraction) return -1;
            digits += i - fraction;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) i++;
            int exponent = i;
            i = skipDigits(b, exponent, end);
            if (i == exponent) return -1;
            digits += i - exponent;
        }
        return digits > MAX_NUMBER_DIGITS ? -1 : i;
    }

    private static int skipDigits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') i++;
        return i;
    }

    /** {@code true}, {@code false} or {@code null} at i; the index after it, or -1. */
    private static int skipLiteral(byte[] b, int i, int end) {
        byte c = b[i];
        byte[] word = c == 't' ? TRUE : c == 'f' ? FALSE : c == 'n' ? NULL : null;
        if (word == null || end - i < word.length) return -1;
        for (int k = 0; k < word.length; k++) if (b[i + k] != word[k]) return -1;
        return i + word.length;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** Bytes that JSON string escaping adds to this text: 1 for a quote, a backslash or a short-escaped control, 5 for other controls. */
    static long escapeBytes(byte[] b, int off, int len) {
        long extra = 0;
        for (int i = off; i < off + len; i++) {
            int c = b[i];
            if (c == '"' || c == '\\') extra++;
            else if (c >= 0 && c < 0x20) extra += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 1 : 5;
        }
        return extra;
    }

    /** Lets the generator copy already-valid JSON bytes as a raw value, without a String. */
    static final class RawUtf8 implements SerializableString {
        private final byte[] b;
        private final int off;
        private final int len;

        RawUtf8(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
        }

        @Override public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (len > buffer.length - offset) return -1;   // the generator then falls back to asUnquotedUTF8
            System.arraycopy(b, off, buffer, offset, len);
            return len;
        }
        @Override public byte[] asUnquotedUTF8() { return Arrays.copyOfRange(b, off, off + len); }
        @Override public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(b, off, len);
            return len;
        }
        @Override public int putUnquotedUTF8(ByteBuffer buffer) {
            if (len > buffer.remaining()) return -1;
            buffer.put(b, off, len);
            return len;
        }
        // The quoted and char forms are never used for raw values.
        @Override public String getValue() { return new String(b, off, len, StandardCharsets.UTF_8); }
        @Override public int charLength() { return getValue().length(); }
        @Override public char[] asQuotedChars() { throw new UnsupportedOperationException(); }
        @Override public byte[] asQuotedUTF8() { throw new UnsupportedOperationException(); }
        @Override public int appendQuotedUTF8(byte[] buffer, int offset) { throw new UnsupportedOperationException(); }
        @Override public int appendQuoted(char[] buffer, int offset) { throw new UnsupportedOperationException(); }
        @Override public int appendUnquoted(char[] buffer, int offset) { throw new UnsupportedOperationException(); }
        @Override public int writeQuotedUTF8(OutputStream out) { throw new UnsupportedOperationException(); }
        @Override public int putQuotedUTF8(ByteBuffer buffer) { throw new UnsupportedOperationException(); }
    }

    /** A reusable output buffer whose bytes become the record value without an extra copy. */
    static final class Buffer extends ByteArrayOutputStream {
        private static final int KEEP = 4 << 20;

        Buffer() { super(8192); }

        String utf8String() { return new String(buf, 0, count, StandardCharsets.UTF_8); }
        byte[] bytes() { return Arrays.copyOf(buf, count); }

        /** Empties the buffer; drops it if a huge log made it grow, so a thread does not keep megabytes. */
        void clear() {
            if (buf.length > KEEP) buf = new byte[8192];
            count = 0;
        }
    }
}
