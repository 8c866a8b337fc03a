package org.slsconnect.emulator.sls;

import org.slsconnect.emulator.sls.codec.Wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a serialized SLS {@code LogGroup} protobuf by hand, so tests and loaders need no
 * protobuf runtime. Field numbers follow the SDK's {@code Logs.proto}:
 * LogGroup{Logs=1, Topic=3, Source=4, MachineUUID=5, LogTags=6},
 * Log{Time=1 varint, Contents=2, Time_ns=4 fixed32}, Content/LogTag{Key=1, Value=2}.
 *
 * <pre>{@code
 * byte[] group = new LogGroupBuilder().topic("t").source("1.2.3.4").tag("k", "v")
 *     .log(1700000000, 123, "level", "INFO", "msg", "hello")
 *     .build();
 * }</pre>
 */
public final class LogGroupBuilder {
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<byte[][]> tags = new ArrayList<>();
    private byte[] topic;
    private byte[] source;
    private byte[] machineUuid;
    private int logCount;

    public LogGroupBuilder topic(String topic) {
        this.topic = utf8(topic);
        return this;
    }

    public LogGroupBuilder source(String source) {
        this.source = utf8(source);
        return this;
    }

    public LogGroupBuilder machineUuid(String machineUuid) {
        this.machineUuid = utf8(machineUuid);
        return this;
    }

    public LogGroupBuilder tag(String key, String value) {
        return tag(utf8(key), utf8(value));
    }

    /** A tag with arbitrary bytes (e.g. invalid UTF-8). */
    public LogGroupBuilder tag(byte[] key, byte[] value) {
        tags.add(new byte[][]{key, value});
        return this;
    }

    /** A log without contents. */
    public LogGroupBuilder log(long timeSec, Integer timeNs) {
        return addLog(timeSec, timeNs, new byte[0][]);
    }

    /**
     * Adds one log.
     *
     * @param timeSec   unix seconds ({@code __time__})
     * @param timeNs    nanosecond part (0..999,999,999) or null to leave the optional field out
     * @param keyValues alternating keys and values
     */
    public LogGroupBuilder log(long timeSec, Integer timeNs, String... keyValues) {
        byte[][] kv = new byte[keyValues.length][];
        for (int i = 0; i < keyValues.length; i++) {
            kv[i] = utf8(keyValues[i]);
        }
        return addLog(timeSec, timeNs, kv);
    }

    /** Same as {@link #log(long, Integer, String...)} with raw bytes, so tests can write invalid UTF-8. */
    public LogGroupBuilder log(long timeSec, Integer timeNs, byte[]... keyValues) {
        return addLog(timeSec, timeNs, keyValues);
    }

    /** Adds one log whose contents are the map entries in iteration order. */
    public LogGroupBuilder log(long timeSec, Integer timeNs, Map<String, String> contents) {
        byte[][] kv = new byte[contents.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> e : contents.entrySet()) {
            kv[i++] = utf8(e.getKey());
            kv[i++] = utf8(e.getValue());
        }
        return addLog(timeSec, timeNs, kv);
    }

    public int logCount() {
        return logCount;
    }

    private LogGroupBuilder addLog(long timeSec, Integer timeNs, byte[][] keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues must alternate keys and values, got " + keyValues.length + " items");
        }
        if (timeSec < 0 || timeSec > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timeSec must fit uint32: " + timeSec);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream(64);
        Wire.writeTag(log, 1, Wire.VARINT);
        Wire.writeVarint(log, timeSec);
        for (int i = 0; i < keyValues.length; i += 2) {
            Wire.writeBytesField(log, 2, pair(keyValues[i], keyValues[i + 1]));
        }
        if (timeNs != null) {
            Wire.writeTag(log, 4, Wire.FIXED32);
            int ns = timeNs;
            log.write(ns);
            log.write(ns >>> 8);
            log.write(ns >>> 16);
            log.write(ns >>> 24);
        }
        Wire.writeBytesField(logs, 1, log.toByteArray());
        logCount++;
        return this;
    }

    /** The serialized LogGroup. The builder can be reused; build() does not reset it. */
    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(logs.size() + 64);
        out.writeBytes(logs.toByteArray());
        if (topic != null) {
            Wire.writeBytesField(out, 3, topic);
        }
        if (source != null) {
            Wire.writeBytesField(out, 4, source);
        }
        if (machineUuid != null) {
            Wire.writeBytesField(out, 5, machineUuid);
        }
        for (byte[][] tag : tags) {
            Wire.writeBytesField(out, 6, pair(tag[0], tag[1]));
        }
        return out.toByteArray();
    }

    private static byte[] pair(byte[] key, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + value.length + 4);
        Wire.writeBytesField(out, 1, key);
        Wire.writeBytesField(out, 2, value);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        if (s == null) {
            throw new IllegalArgumentException("null key or value");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
