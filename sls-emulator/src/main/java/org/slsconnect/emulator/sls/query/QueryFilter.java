package org.slsconnect.emulator.sls.query;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.LogGroupDecoder;
import org.slsconnect.emulator.sls.codec.Wire;

/**
 * Runs an {@link Spl} query over the log groups of one PullLogs answer. Every group stays in the answer, emptied
 * if none of its logs is kept, so {@code x-log-count}, {@code x-log-read-last-cursor} and the next cursor still
 * describe the groups read: a client's position moves past filtered logs like past delivered ones. (Whether real
 * SLS keeps emptied groups is not verified; the connector does not rely on it, see PullPositions.)
 */
public final class QueryFilter {

    /** The filtered groups framed as a LogGroupList body, and the line counts SLS reports in its headers. */
    public record Result(byte[] body, long rawLines, long resultLines, long failedLines) {}

    private QueryFilter() {}

    /** {@code groups}: each serialized LogGroup, in order. */
    public static Result apply(Spl query, List<byte[]> groups) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long raw = 0;
        long kept = 0;
        long failed = 0;
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (byte[] bytes : groups) {
            LogGroupDecoder.LogGroup group = LogGroupDecoder.decode(bytes);
            LogGroupBuilder b = new LogGroupBuilder();
            if (group.topic() != null) b.topic(group.topic());
            if (group.source() != null) b.source(group.source());
            if (group.machineUuid() != null) b.machineUuid(group.machineUuid());
            for (LogGroupDecoder.Content tag : group.tags()) b.tag(tag.keyBytes(), tag.valueBytes());
            for (LogGroupDecoder.Log log : group.logs()) {
                raw++;
                contents.clear();
                for (LogGroupDecoder.Content c : log.contents()) contents.put(c.key(), c.value());
                switch (query.apply(contents, out)) {
                    case KEPT:
                        kept++;
                        b.log(log.time(), log.timeNs(), out);
                        break;
                    case FAILED:
                        failed++;
                        break;
                    default:
                        break;
                }
            }
            Wire.writeBytesField(body, 1, b.build());
        }
        return new Result(body.toByteArray(), raw, kept, failed);
    }
}
