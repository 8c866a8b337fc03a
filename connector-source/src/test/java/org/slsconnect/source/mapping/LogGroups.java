package org.slsconnect.source.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * Test-only protobuf encoder for SLS log groups, so tests build real SDK {@link FastLogGroup}s:
 * LogGroup { repeated Log Logs=1; optional string Topic=3; optional string Source=4; repeated LogTag LogTags=6 },
 * Log { required uint32 Time=1; repeated Content Contents=2 {Key=1, Value=2}; optional fixed32 Time_ns=4 },
 * LogTag { Key=1; Value=2 }. Keys and values may be raw bytes (for invalid UTF-8).
 */
public final class LogGroups {

    private byte[] topic;
    private byte[] source;
    private final List<byte[][]> tags = new ArrayList<>();
    private final List<byte[]> logs = new ArrayList<>();

    public static LogGroups group() { return new LogGroups(); }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    LogGroups topic(String t) { topic = utf8(t); return this; }
    LogGroups topicBytes(byte[] t) { topic = t; return this; }
    LogGroups source(String s) { source = utf8(s); return this; }
    LogGroups tag(String k, String v) { return tagBytes(utf8(k), utf8(v)); }
    LogGroups tagBytes(byte[] k, byte[] v) { tags.add(new byte[][] {k, v}); return this; }

    /** A log; {@code kv} alternates keys and values (String or byte[]). nanos &lt; 0: no Time_ns field. */
    public LogGroups log(long time, int nanos, Object... kv) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        tag(log, 1, 0);
        varint(log, time);
        for (int i = 0; i < kv.length; i += 2) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            bytesField(content, 1, bytes(kv[i]));
            bytesField(content, 2, bytes(kv[i + 1]));
            bytesField(log, 2, content.toByteArray());
        }
        if (nanos >= 0) {
            tag(log, 4, 5);
            log.write(nanos);
            log.write(nanos >>> 8);
            log.write(nanos >>> 16);
            log.write(nanos >>> 24);
        }
        logs.add(log.toByteArray());
        return this;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] log : logs) bytesField(out, 1, log);
        if (topic != null) bytesField(out, 3, topic);
        if (source != null) bytesField(out, 4, source);
        for (byte[][] t : tags) {
            ByteArrayOutputStream tag = new ByteArrayOutputStream();
            bytesField(tag, 1, t[0]);
            bytesField(tag, 2, t[1]);
            bytesField(out, 6, tag.toByteArray());
        }
        return out.toByteArray();
    }

    /** The group parsed by the SDK, placed at an offset inside a larger buffer like a real PullLogs response. */
    FastLogGroup build() {
        byte[] group = encode();
        byte[] buffer = new byte[group.length + 13];
        java.util.Arrays.fill(buffer, (byte) 0x7F);
        System.arraycopy(group, 0, buffer, 7, group.length);
        FastLogGroup g = new FastLogGroup(buffer, 7, group.length);
        if (g.getLogsCount() != logs.size()) throw new IllegalStateException("SDK parsed " + g.getLogsCount() + " logs");
        return g;
    }

    private static byte[] bytes(Object o) { return o instanceof byte[] ? (byte[]) o : utf8(o.toString()); }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) { varint(out, (field << 3) | wireType); }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] b) {
        tag(out, field, 2);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
