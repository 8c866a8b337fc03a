package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.ApiKind;
import org.slsconnect.emulator.sls.ExpiredCursorBehavior;
import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.LogGroupDecoder;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.codec.Compression;
import org.slsconnect.emulator.sls.codec.Wire;
import org.slsconnect.emulator.sls.faults.Corruption;
import org.slsconnect.emulator.sls.query.QueryFilter;
import org.slsconnect.emulator.sls.query.Spl;
import org.slsconnect.emulator.sls.store.Cursors;
import org.slsconnect.emulator.sls.store.HashKeys;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Shard;
import org.slsconnect.emulator.sls.store.StoredLogGroup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The data plane: PutLogs, GetCursor, GetCursorTime, PullLogs/BatchGetLog. */
final class DataApi {
    private final ApiContext ctx;

    DataApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    // ---------------- PutLogs ----------------

    SlsResponse putLogs(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        Shard shard;
        if (route.shardSegment().equals("route")) {
            String key = req.param("key");
            if (key == null || key.isEmpty()) {
                throw SlsException.parameterInvalid("route needs a key parameter");
            }
            shard = ls.route(HashKeys.parse(key));
        } else {
            shard = ls.loadBalance();
        }
        byte[] logGroup = decodePutBody(req);
        if (ls.appendMeta()) {
            logGroup = withMetaTags(logGroup, ctx.store().nowSec(), req.remoteIp());
        }
        ctx.faults().checkThrottle(true, req.project(), ls.name(), shard.id());
        ctx.faults().recordBytes(true, req.project(), ls.name(), shard.id(), logGroup.length);
        shard.append(logGroup, ctx.store().nowSec());
        return SlsResponse.ok();
    }

    private byte[] decodePutBody(SlsRequest req) {
        Compression compression = Compression.fromHeader(req.header("x-log-compresstype"));
        if (compression == null) {
            throw new SlsException(400, "InvalidCompressType", "unsupported x-log-compresstype: " + req.header("x-log-compresstype"));
        }
        int rawSize = -1;
        String rawHeader = req.header("x-log-bodyrawsize");
        if (rawHeader != null && !rawHeader.isBlank()) {
            try {
                rawSize = Integer.parseInt(rawHeader.trim());
            } catch (NumberFormatException e) {
                throw new SlsException(400, "InvalidBodyRawSize", "x-log-bodyrawsize is not a number: " + rawHeader);
            }
            if (rawSize < 0) {
                throw new SlsException(400, "InvalidBodyRawSize", "x-log-bodyrawsize is negative");
            }
        } else if (compression == Compression.LZ4) {
            throw new SlsException(400, "MissingBodyRawSize", "x-log-bodyrawsize is required for lz4 bodies");
        }
        if (rawSize > ctx.settings().maxPutRawBytes) {
            throw new SlsException(400, "PostBodyTooLarge", "body raw size " + rawSize + " exceeds " + ctx.settings().maxPutRawBytes);
        }
        if (req.body().length == 0) {
            throw new SlsException(400, "PostBodyInvalid", "empty PutLogs body");
        }
        byte[] raw;
        try {
            raw = compression.decompress(req.body(), rawSize);
        } catch (IllegalArgumentException e) {
            throw new SlsException(400, "PostBodyUncompressError", "cannot decompress " + compression.headerValue + " body: " + e.getMessage());
        }
        String contentType = req.header("content-type");
        if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
            return jsonToLogGroup(raw);
        }
        try {
            LogGroupDecoder.decode(raw);
        } catch (Wire.MalformedProtobufException e) {
            throw new SlsException(400, "PostBodyInvalid", "body is not a valid LogGroup protobuf: " + e.getMessage());
        }
        return raw;
    }

    /** The JSON PutLogs variant: {@code {"__topic__","__source__","__logs__":[{..}],"__tags__":{..}}}. */
    private byte[] jsonToLogGroup(byte[] raw) {
        JsonNode body = Json.parse(raw, "PostBodyInvalid");
        LogGroupBuilder b = new LogGroupBuilder();
        if (body.hasNonNull("__topic__")) {
            b.topic(body.get("__topic__").asText());
        }
        if (body.hasNonNull("__source__")) {
            b.source(body.get("__source__").asText());
        }
        JsonNode tags = body.get("__tags__");
        if (tags != null && tags.isObject()) {
            tags.fields().forEachRemaining(e -> b.tag(e.getKey(), e.getValue().asText()));
        }
        JsonNode logs = body.get("__logs__");
        if (logs == null || !logs.isArray()) {
            throw new SlsException(400, "PostBodyInvalid", "JSON body needs a __logs__ array");
        }
        for (JsonNode log : logs) {
            long time = log.hasNonNull("__time__") ? log.get("__time__").asLong() : ctx.store().nowSec();
            Map<String, String> contents = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = log.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("__time__")) {
                    contents.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
            }
            b.log(time, null, contents);
        }
        return b.build();
    }

    private static byte[] withMetaTags(byte[] logGroup, long receiveTime, String clientIp) {
        // Concatenated protobuf messages merge, so appending LogTag fields adds tags.
        byte[] tags = new LogGroupBuilder().tag("__receive_time__", Long.toString(receiveTime))
                .tag("__client_ip__", clientIp == null ? "" : clientIp).build();
        byte[] out = Arrays.copyOf(logGroup, logGroup.length + tags.length);
        System.arraycopy(tags, 0, out, logGroup.length, tags.length);
        return out;
    }

    // ---------------- GetCursor / GetCursorTime ----------------

    SlsResponse getCursor(SlsRequest req, Route route) {
        Shard shard = ctx.shard(req, route);
        String from = req.param("from");
        if (from == null || from.isBlank()) {
            throw SlsException.parameterInvalid("Parameter From is not valid");
        }
        long seq;
        switch (from.trim()) {
            case "begin" -> seq = shard.beginSeq();
            case "end" -> seq = shard.endSeq();
            default -> {
                long ts;
                try {
                    ts = Long.parseLong(from.trim());
                } catch (NumberFormatException e) {
                    throw SlsException.parameterInvalid("Parameter From is not valid");
                }
                if (ts < 0) {
                    throw SlsException.parameterInvalid("Parameter From is not valid");
                }
                seq = shard.seqAtOrAfter(ts);
            }
        }
        ObjectNode out = Json.object();
        out.put("cursor", shard.cursorOf(seq));
        return SlsResponse.json(out);
    }

    SlsResponse getCursorTime(SlsRequest req, Route route) {
        Shard shard = ctx.shard(req, route);
        long seq = shard.seqOf(decodeCursor(req.param("cursor"), "cursor"));
        long time;
        synchronized (shard) {
            if (seq < shard.beginSeq() || seq > shard.endSeq()) {
                throw SlsException.invalidCursor("cursor is outside [begin, end] of shard " + shard.id());
            }
            // At the end there is no group yet: the documented answer is the current time.
            time = seq == shard.endSeq() ? ctx.store().nowSec() : shard.get(seq).receiveTime();
        }
        ObjectNode out = Json.object();
        out.put("cursor_time", time);
        return SlsResponse.json(out);
    }

    private static long decodeCursor(String cursor, String what) {
        if (cursor == null || cursor.isEmpty()) {
            throw SlsException.invalidCursor("Parameter " + what + " is missing");
        }
        try {
            return Cursors.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw SlsException.invalidCursor("invalid " + what + " '" + cursor + "': " + e.getMessage());
        }
    }

    // ---------------- PullLogs ----------------

    SlsResponse pullLogs(SlsRequest req, Route route) {
        Shard shard = ctx.shard(req, route);
        int count = parseCount(req.param("count"));
        String query = req.param("query");
        Spl spl = query == null || query.isBlank() ? null : Spl.parse(query);
        if (spl != null && spl.isIdentity()) spl = null;
        String cursor = req.param("cursor");
        long requestedSeq = shard.seqOf(decodeCursor(cursor, "cursor"));
        String endCursor = req.param("end_cursor");
        boolean hasEnd = endCursor != null && !endCursor.isEmpty();
        long endCursorSeq = hasEnd ? shard.seqOf(decodeCursor(endCursor, "end_cursor")) : Long.MAX_VALUE;
        Compression compression = Compression.forAcceptEncoding(req.header("accept-encoding"));
        String logstore = route.logstore();
        ctx.faults().checkThrottle(false, req.project(), logstore, shard.id());

        long startSeq;
        long shardEnd;
        List<StoredLogGroup> groups;
        synchronized (shard) { // one consistent view of begin/end and the data
            long begin = shard.beginSeq();
            shardEnd = shard.endSeq();
            if (requestedSeq > shardEnd) {
                throw SlsException.invalidCursor("cursor " + cursor + " is beyond the end of shard " + shard.id());
            }
            startSeq = requestedSeq;
            if (requestedSeq < begin) {
                if (ctx.settings().expiredCursorBehavior == ExpiredCursorBehavior.INVALID_CURSOR) {
                    throw SlsException.invalidCursor("cursor " + cursor + " points to expired data; shard " + shard.id()
                            + " begins at " + shard.cursorOf(begin));
                }
                startSeq = begin;
            }
            long stop = Math.min(shardEnd, endCursorSeq);
            groups = startSeq < stop ? shard.read(startSeq, stop, count, ctx.settings().maxPullBytes) : List.of();
        }

        int n = groups.size();
        long nextSeq = startSeq + n;
        String nextCursor;
        if (n == 0) {
            // Clients detect "caught up" with String.equals: hand back exactly what they sent.
            nextCursor = startSeq == requestedSeq ? cursor : shard.cursorOf(startSeq);
        } else if (hasEnd && nextSeq == endCursorSeq) {
            nextCursor = endCursor;
        } else {
            nextCursor = shard.cursorOf(nextSeq);
        }

        QueryFilter.Result filtered = null;
        PullCache.Body body;
        if (n == 0) {
            body = new PullCache.Body(new byte[0], 0);
        } else if (spl != null) {
            List<byte[]> raw = new java.util.ArrayList<>(n);
            for (StoredLogGroup g : groups) raw.add(g.logGroupBytes());
            filtered = QueryFilter.apply(spl, raw);
            body = new PullCache.Body(compression.compress(filtered.body(), 0, filtered.body().length), filtered.body().length);
        } else {
            body = body(shard, startSeq, groups, compression);
        }
        Corruption corruption = n == 0 ? null
                : ctx.faults().takeCorruption(ApiKind.PULL_LOGS, req.project(), logstore, shard.id());
        int reportedCount = n;
        if (corruption != null) {
            if (corruption == Corruption.WRONG_COUNT) {
                reportedCount = n + 1;
            } else {
                body = corrupt(body, groups, compression, corruption);
            }
        }
        ctx.faults().recordBytes(false, req.project(), logstore, shard.id(), body.rawSize());

        boolean endOfCursor = nextSeq >= shardEnd || (hasEnd && nextSeq >= endCursorSeq);
        SlsResponse response = new SlsResponse(200, SlsResponse.PROTOBUF, body.compressed());
        if (filtered != null) {
            response.header("x-log-rawdatalines", filtered.rawLines())
                    .header("x-log-resultlines", filtered.resultLines())
                    .header("x-log-failedlines", filtered.failedLines());
        }
        return response
                .header("x-log-cursor", nextCursor)
                .header("x-log-count", reportedCount)
                .header("x-log-bodyrawsize", body.rawSize())
                .header("x-log-compresstype", compression.headerValue)
                .header("x-log-read-last-cursor", shard.positionOf(nextSeq - 1))
                .header("x-log-cursor-time", n == 0 ? 0 : groups.get(n - 1).receiveTime())
                .header("x-log-end-of-cursor", endOfCursor ? "1" : "0");
    }

    private static int parseCount(String count) {
        int n;
        try {
            n = Integer.parseInt(count == null ? "" : count.trim());
        } catch (NumberFormatException e) {
            throw SlsException.parameterInvalid("Parameter count is not valid: " + count);
        }
        if (n < 1 || n > 1000) {
            throw SlsException.parameterInvalid("Parameter count must be within 1..1000, got " + n);
        }
        return n;
    }

    private PullCache.Body body(Shard shard, long startSeq, List<StoredLogGroup> groups, Compression compression) {
        PullCache.Key key = new PullCache.Key(shard, startSeq, groups.size(), compression);
        PullCache.Body cached = ctx.pullCache().get(key);
        if (cached != null) {
            return cached;
        }
        // Concatenate into a per-thread scratch buffer: a cold pull then allocates only its compressed result.
        int total = 0;
        for (StoredLogGroup g : groups) {
            total += g.framed().length;
        }
        byte[] raw = SCRATCH.get();
        if (raw.length < total) {
            raw = new byte[Math.max(total, raw.length * 2)];
            SCRATCH.set(raw);
        }
        int pos = 0;
        for (StoredLogGroup g : groups) {
            System.arraycopy(g.framed(), 0, raw, pos, g.framed().length);
            pos += g.framed().length;
        }
        PullCache.Body body = new PullCache.Body(compression.compress(raw, 0, total), total);
        ctx.pullCache().put(key, body);
        return body;
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1 << 20]);

    private static byte[] concat(List<StoredLogGroup> groups) {
        int total = 0;
        for (StoredLogGroup g : groups) {
            total += g.framed().length;
        }
        byte[] raw = new byte[total];
        int pos = 0;
        for (StoredLogGroup g : groups) {
            System.arraycopy(g.framed(), 0, raw, pos, g.framed().length);
            pos += g.framed().length;
        }
        return raw;
    }

    /**
     * A body no decoder accepts. For LZ4 this is a block whose first literal run is longer than
     * the declared raw size: every LZ4 decoder, even the unchecked "fast" one the SDK uses,
     * rejects it (random bytes are not reliably detected by the fast decoder).
     */
    private static byte[] undecodable(Compression compression, int rawSize) {
        if (compression != Compression.LZ4) {
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 0xFF);
            return garbage;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xF0); // token: 15+ literals, no match
        long remaining = rawSize + 1000L - 15;
        while (remaining >= 255) {
            out.write(255);
            remaining -= 255;
        }
        out.write((int) remaining);
        out.writeBytes(new byte[32]);
        return out.toByteArray();
    }

    /** Builds a damaged body; never touches the cached arrays. */
    private static PullCache.Body corrupt(PullCache.Body body, List<StoredLogGroup> groups, Compression compression, Corruption c) {
        switch (c) {
            case BAD_COMPRESSION:
                return new PullCache.Body(undecodable(compression, body.rawSize()), body.rawSize());
            case BAD_PROTOBUF: {
                byte[] raw = concat(groups);
                int pos = 0;
                for (StoredLogGroup g : groups) {
                    Arrays.fill(raw, pos + g.headerLength(), pos + g.framed().length, (byte) 0xFF);
                    pos += g.framed().length;
                }
                return new PullCache.Body(compression.compress(raw), raw.length);
            }
            case BAD_FRAMING: {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                raw.writeBytes(concat(groups));
                raw.write(0x0A);
                raw.write(0x7F); // announces 127 bytes that never come
                raw.writeBytes("truncated".getBytes(StandardCharsets.US_ASCII));
                byte[] bytes = raw.toByteArray();
                return new PullCache.Body(compression.compress(bytes), bytes.length);
            }
            default:
                return body;
        }
    }
}
