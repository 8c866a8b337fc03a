package org.slsconnect.emulator.sls.codec;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The body codecs SLS uses: LZ4 raw block (no frame), zstd frame, zlib "deflate", or none. */
public enum Compression {
    NONE(""), LZ4("lz4"), ZSTD("zstd"), DEFLATE("deflate");

    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4FastDecompressor LZ4_DECOMPRESSOR = LZ4Factory.fastestInstance().fastDecompressor();

    /** The value of the {@code x-log-compresstype} header. */
    public final String headerValue;

    Compression(String headerValue) {
        this.headerValue = headerValue;
    }

    /** Parses an {@code x-log-compresstype} value; null/empty means NONE; unknown returns null. */
    public static Compression fromHeader(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("none")) {
            return NONE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "lz4" -> LZ4;
            case "zstd" -> ZSTD;
            case "deflate", "gzip" -> DEFLATE;
            default -> null;
        };
    }

    /** Picks the pull response codec from {@code Accept-Encoding}: lz4 unless the client asked for zstd or deflate only. */
    public static Compression forAcceptEncoding(String acceptEncoding) {
        if (acceptEncoding == null) {
            return LZ4;
        }
        String v = acceptEncoding.toLowerCase(Locale.ROOT);
        if (v.contains("lz4")) {
            return LZ4;
        }
        if (v.contains("zstd")) {
            return ZSTD;
        }
        if (v.contains("deflate")) {
            return DEFLATE;
        }
        return LZ4;
    }

    public byte[] compress(byte[] raw, int offset, int length) {
        switch (this) {
            case NONE:
                return Arrays.copyOfRange(raw, offset, offset + length);
            case LZ4: {
                byte[] out = scratch(LZ4_COMPRESSOR.maxCompressedLength(length));
                int n = LZ4_COMPRESSOR.compress(raw, offset, length, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            case ZSTD: {
                byte[] out = scratch((int) Zstd.compressBound(length));
                long n = Zstd.compressByteArray(out, 0, out.length, raw, offset, length, 1);
                if (Zstd.isError(n)) {
                    throw new IllegalStateException("zstd: " + Zstd.getErrorName(n));
                }
                return Arrays.copyOf(out, (int) n);
            }
            case DEFLATE: {
                Deflater deflater = new Deflater(Deflater.BEST_SPEED);
                try {
                    deflater.setInput(raw, offset, length);
                    deflater.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
                    byte[] chunk = new byte[64 * 1024];
                    while (!deflater.finished()) {
                        int n = deflater.deflate(chunk);
                        out.write(chunk, 0, n);
                    }
                    return out.toByteArray();
                } finally {
                    deflater.end();
                }
            }
            default:
                throw new AssertionError(this);
        }
    }

    /** Per-thread output buffer reused across calls; only the exact-size result is allocated. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1 << 20]);

    private static byte[] scratch(int size) {
        byte[] b = SCRATCH.get();
        if (b.length < size) {
            b = new byte[Math.max(size, b.length * 2)];
            SCRATCH.set(b);
        }
        return b;
    }

    public byte[] compress(byte[] raw) {
        return compress(raw, 0, raw.length);
    }

    /**
     * Decompresses a body whose uncompressed size the client declared in {@code x-log-bodyrawsize}
     * (rawSize &lt; 0 means unknown, allowed for NONE, ZSTD and DEFLATE).
     *
     * @throws IllegalArgumentException when the body does not decode to exactly rawSize bytes
     */
    public byte[] decompress(byte[] body, int rawSize) {
        try {
            switch (this) {
                case NONE:
                    if (rawSize >= 0 && rawSize != body.length) {
                        throw new IllegalArgumentException("body is " + body.length + " bytes but x-log-bodyrawsize is " + rawSize);
                    }
                    return body;
                case LZ4: {
                    if (rawSize < 0) {
                        throw new IllegalArgumentException("lz4 body needs x-log-bodyrawsize");
                    }
                    byte[] out = new byte[rawSize];
                    int read = LZ4_DECOMPRESSOR.decompress(body, 0, out, 0, rawSize);
                    if (read != body.length) {
                        throw new IllegalArgumentException("lz4 block is " + body.length + " bytes but only " + read + " were used");
                    }
                    return out;
                }
                case ZSTD: {
                    long size = rawSize >= 0 ? rawSize : Zstd.getFrameContentSize(body);
                    if (size < 0 || size > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("zstd frame without content size");
                    }
                    byte[] out = new byte[(int) size];
                    long n = Zstd.decompressByteArray(out, 0, out.length, body, 0, body.length);
                    if (Zstd.isError(n) || n != size) {
                        throw new IllegalArgumentException("zstd: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : "size mismatch"));
                    }
                    return out;
                }
                case DEFLATE:
                    return inflate(body, rawSize);
                default:
                    throw new AssertionError(this);
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(headerValue + ": " + e.getMessage(), e);
        }
    }

    private static byte[] inflate(byte[] body, int rawSize) {
        // The SDK's "deflate" is zlib-wrapped; accept a raw deflate stream too.
        try {
            return inflate(body, rawSize, false);
        } catch (IllegalArgumentException zlibFailed) {
            return inflate(body, rawSize, true);
        }
    }

    private static byte[] inflate(byte[] body, int rawSize, boolean nowrap) {
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(rawSize > 0 ? rawSize : body.length * 4);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated deflate stream");
                }
                out.write(chunk, 0, n);
            }
            byte[] result = out.toByteArray();
            if (rawSize >= 0 && result.length != rawSize) {
                throw new IllegalArgumentException("deflate produced " + result.length + " bytes, x-log-bodyrawsize is " + rawSize);
            }
            return result;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("deflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
