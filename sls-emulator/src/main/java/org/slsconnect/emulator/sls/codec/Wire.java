package org.slsconnect.emulator.sls.codec;

import java.io.ByteArrayOutputStream;

/**
 * Minimal protobuf wire-format primitives. The emulator never needs the protobuf runtime:
 * it only frames, validates and (for tests) builds LogGroup messages by hand.
 */
public final class Wire {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private Wire() {
    }

    public static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    public static int writeVarint(byte[] out, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    public static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    public static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
        writeVarint(out, ((long) field << 3) | wireType);
    }

    public static void writeBytesField(ByteArrayOutputStream out, int field, byte[] value) {
        writeTag(out, field, LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.write(value, 0, value.length);
    }

    /**
     * Wraps one serialized LogGroup as element of a LogGroupList (field 1, length-delimited):
     * {@code 0x0A varint(len) bytes}. The emulator stores groups in this form so that a pull
     * response body is a plain concatenation.
     */
    public static byte[] frameAsListElement(byte[] logGroup) {
        byte[] framed = new byte[1 + varintSize(logGroup.length) + logGroup.length];
        framed[0] = 0x0A;
        int pos = writeVarint(framed, 1, logGroup.length);
        System.arraycopy(logGroup, 0, framed, pos, logGroup.length);
        return framed;
    }

    /** A forward-only reader over a byte range; throws {@link MalformedProtobufException}. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        public Reader(byte[] buf, int offset, int length) {
            if (offset < 0 || length < 0 || offset + length > buf.length) {
                throw new MalformedProtobufException("range outside buffer");
            }
            this.buf = buf;
            this.pos = offset;
            this.end = offset + length;
        }

        public boolean hasMore() {
            return pos < end;
        }

        public int position() {
            return pos;
        }

        public long readVarint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new MalformedProtobufException("truncated varint");
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new MalformedProtobufException("varint too long");
        }

        /** Reads a tag and returns it; field = tag >>> 3, wire type = tag & 7. */
        public int readTag() {
            long tag = readVarint();
            if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
                throw new MalformedProtobufException("invalid tag " + tag);
            }
            return (int) tag;
        }

        /** Returns the start offset of a length-delimited value and advances past it; length via {@link #lastLength()}. */
        public int readLengthDelimited() {
            long len = readVarint();
            if (len < 0 || len > end - pos) {
                throw new MalformedProtobufException("length " + len + " exceeds remaining " + (end - pos));
            }
            int start = pos;
            pos += (int) len;
            lastLength = (int) len;
            return start;
        }

        private int lastLength;

        public int lastLength() {
            return lastLength;
        }

        public int readFixed32() {
            if (end - pos < 4) {
                throw new MalformedProtobufException("truncated fixed32");
            }
            int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        public void skip(int wireType) {
            switch (wireType) {
                case VARINT -> readVarint();
                case FIXED64 -> {
                    if (end - pos < 8) {
                        throw new MalformedProtobufException("truncated fixed64");
                    }
                    pos += 8;
                }
                case LENGTH_DELIMITED -> readLengthDelimited();
                case FIXED32 -> readFixed32();
                default -> throw new MalformedProtobufException("unsupported wire type " + wireType);
            }
        }
    }

    public static final class MalformedProtobufException extends RuntimeException {
        public MalformedProtobufException(String message) {
            super(message);
        }
    }
}
