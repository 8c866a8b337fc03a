package org.slsconnect.emulator.sls;

import org.slsconnect.emulator.sls.codec.Wire;
import org.slsconnect.emulator.sls.codec.Wire.MalformedProtobufException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes serialized {@code LogGroup} / {@code LogGroupList} bytes without the protobuf runtime.
 * The emulator uses it to validate PutLogs bodies; tests use it to inspect what was stored.
 * Unknown fields are skipped, as protobuf does; a structural error throws
 * {@link MalformedProtobufException}.
 */
public final class LogGroupDecoder {
    private LogGroupDecoder() {
    }

    public record Content(byte[] keyBytes, byte[] valueBytes) {
        public String key() {
            return new String(keyBytes, StandardCharsets.UTF_8);
        }

        public String value() {
            return new String(valueBytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return key() + "=" + value();
        }
    }

    /** One log; {@code timeNs} is null when the optional Time_ns field is absent. */
    public record Log(long time, Integer timeNs, List<Content> contents) {
        /** The first value for key, or null. */
        public String get(String key) {
            for (Content c : contents) {
                if (c.key().equals(key)) {
                    return c.value();
                }
            }
            return null;
        }
    }

    public record LogGroup(String topic, String source, String machineUuid, List<Content> tags, List<Log> logs) {
        public String tag(String key) {
            for (Content c : tags) {
                if (c.key().equals(key)) {
                    return c.value();
                }
            }
            return null;
        }
    }

    public static LogGroup decode(byte[] logGroup) {
        return decode(logGroup, 0, logGroup.length);
    }

    public static LogGroup decode(byte[] buf, int offset, int length) {
        Wire.Reader r = new Wire.Reader(buf, offset, length);
        String topic = null;
        String source = null;
        String machineUuid = null;
        List<Content> tags = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field >= 1 && field <= 6 && wireType != Wire.LENGTH_DELIMITED) {
                throw new MalformedProtobufException("LogGroup field " + field + " has wire type " + wireType);
            }
            switch (field) {
                case 1 -> {
                    int start = r.readLengthDelimited();
                    logs.add(decodeLog(buf, start, r.lastLength()));
                }
                case 2 -> r.readLengthDelimited(); // Category: reserved, ignored
                case 3 -> topic = string(buf, r.readLengthDelimited(), r.lastLength());
                case 4 -> source = string(buf, r.readLengthDelimited(), r.lastLength());
                case 5 -> machineUuid = string(buf, r.readLengthDelimited(), r.lastLength());
                case 6 -> {
                    int start = r.readLengthDelimited();
                    tags.add(decodePair(buf, start, r.lastLength(), "LogTag"));
                }
                default -> r.skip(wireType);
            }
        }
        return new LogGroup(topic, source, machineUuid, tags, logs);
    }

    private static Log decodeLog(byte[] buf, int offset, int length) {
        Wire.Reader r = new Wire.Reader(buf, offset, length);
        Long time = null;
        Integer timeNs = null;
        List<Content> contents = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wireType = tag & 7;
            if (field == 1 && wireType == Wire.VARINT) {
                time = r.readVarint();
            } else if (field == 2 && wireType == Wire.LENGTH_DELIMITED) {
                int start = r.readLengthDelimited();
                contents.add(decodePair(buf, start, r.lastLength(), "Log.Content"));
            } else if (field == 4 && wireType == Wire.FIXED32) {
                timeNs = r.readFixed32();
            } else if (field == 1 || field == 2 || field == 4) {
                throw new MalformedProtobufException("Log field " + field + " has wire type " + wireType);
            } else {
                r.skip(wireType);
            }
        }
        if (time == null) {
            throw new MalformedProtobufException("Log without required Time field");
        }
        return new Log(time, timeNs, contents);
    }

    private static Content decodePair(byte[] buf, int offset, int length, String what) {
        Wire.Reader r = new Wire.Reader(buf, offset, length);
        byte[] key = null;
        byte[] value = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            int field = tag >>> 3;
            int wireType = tag & 7;
            if ((field == 1 || field == 2) && wireType == Wire.LENGTH_DELIMITED) {
                int start = r.readLengthDelimited();
                byte[] bytes = Arrays.copyOfRange(buf, start, start + r.lastLength());
                if (field == 1) {
                    key = bytes;
                } else {
                    value = bytes;
                }
            } else if (field == 1 || field == 2) {
                throw new MalformedProtobufException(what + " field " + field + " has wire type " + wireType);
            } else {
                r.skip(wireType);
            }
        }
        if (key == null || value == null) {
            throw new MalformedProtobufException(what + " without required Key or Value");
        }
        return new Content(key, value);
    }

    /** Splits a serialized LogGroupList (as in a decompressed pull body) into its LogGroup byte arrays. */
    public static List<byte[]> splitLogGroupList(byte[] list) {
        Wire.Reader r = new Wire.Reader(list, 0, list.length);
        List<byte[]> groups = new ArrayList<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag != ((1 << 3) | Wire.LENGTH_DELIMITED)) {
                r.skip(tag & 7);
                continue;
            }
            int start = r.readLengthDelimited();
            groups.add(Arrays.copyOfRange(list, start, start + r.lastLength()));
        }
        return groups;
    }

    private static String string(byte[] buf, int start, int length) {
        return new String(buf, start, length, StandardCharsets.UTF_8);
    }
}
