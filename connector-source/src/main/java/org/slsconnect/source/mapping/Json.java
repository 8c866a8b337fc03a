package org.slsconnect.source.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;

/** Jackson streaming helpers of the JSON formats. */
final class Json {

    private Json() {}

    static final JsonFactory FACTORY = new JsonFactory();

    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * True if the bytes (already known to be valid UTF-8) are exactly one JSON object or array, so they can be
     * copied into the output verbatim. Checked with a streaming parse, no tree is built.
     */
    static boolean isObjectOrArray(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && isWhitespace(b[i])) i++;
        if (i == end || (b[i] != '{' && b[i] != '[')) return false;
        // Jackson guesses UTF-16/32 from zero bytes among the first four; then its verdict would not be about the
        // UTF-8 text we copy. Any other raw control byte is rejected by the parser itself.
        for (int j = off; j < Math.min(end, off + 4); j++) if (b[j] == 0) return false;
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

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

    private static boolean isWhitespace(byte c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
