package org.slsconnect.emulator.hec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** The HEC protocol: auth, channels, event/raw parsing and validation, acks, health. Thread-safe. */
final class HecService {

    static final String P_COLLECTOR = "/services/collector";
    static final String P_EVENT = "/services/collector/event";
    static final String P_EVENT_10 = "/services/collector/event/1.0";
    static final String P_RAW = "/services/collector/raw";
    static final String P_RAW_10 = "/services/collector/raw/1.0";
    static final String P_ACK = "/services/collector/ack";
    static final String P_HEALTH = "/services/collector/health";
    static final String P_HEALTH_10 = "/services/collector/health/1.0";

    static final String DEFAULT_SOURCETYPE = "httpevent";
    static final String CHANNEL_HEADER = "X-Splunk-Request-Channel";

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();
    private static final ObjectReader NODE_READER = MAPPER.readerFor(JsonNode.class);

    /** Options fixed at build time. */
    static final class Options {
        Set<String> knownIndexes; // null = any
        boolean atomicBatches;
        boolean rawRequiresChannel;
        boolean storeConfigChecks = true;
        int maxStoredEvents = Integer.MAX_VALUE;
        int maxStoredRequests = 10_000;
        /** Splunk's props.conf {@code TIME_PREFIX} for /raw lines without a {@code time} parameter; null = none. */
        java.util.regex.Pattern rawTimePrefix;
    }

    /** A parsed request as seen by the service. */
    static final class Req {
        String method;
        String uri;
        String path;
        Map<String, List<String>> query;
        HttpHeaders headers;
        ByteBuf body;
        /** Transfer-Encoding as received (the aggregator removes it from {@link #headers}). */
        String originalTransferEncoding;

        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Thrown while validating one event. */
    private static final class EventError extends Exception {
        final HecCode code;

        EventError(HecCode code) {
            super(code.text(), null, false, false);
            this.code = code;
        }
    }

    private final Options options;
    final Map<String, HecToken> tokens = new ConcurrentHashMap<>();
    final EventStore store;
    final HecFaults faults;
    final AckRegistry acks;
    private final ArrayDeque<ReceivedRequest> requests = new ArrayDeque<>();
    private final AtomicLong requestIds = new AtomicLong();

    // counters
    private final LongAdder nRequests = new LongAdder();
    private final LongAdder nEventRequests = new LongAdder();
    private final LongAdder nRawRequests = new LongAdder();
    private final LongAdder nAckRequests = new LongAdder();
    private final LongAdder nHealthRequests = new LongAdder();
    private final LongAdder nFailed = new LongAdder();
    private final LongAdder nClosed = new LongAdder();
    private final LongAdder nBodyBytes = new LongAdder();
    private final Map<Integer, LongAdder> byCode = new ConcurrentHashMap<>();

    HecService(Options options, HecFaults faults) {
        this.options = options;
        this.faults = faults;
        this.store = new EventStore(options.maxStoredEvents);
        this.acks = new AckRegistry(faults);
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    Reply handle(Req r) {
        long id = requestIds.incrementAndGet();
        Instant now = Instant.now();
        nRequests.increment();
        nBodyBytes.add(r.body.readableBytes());
        Ctx ctx = new Ctx();
        Reply reply;
        try {
            reply = route(r, id, now, ctx);
        } catch (RuntimeException e) {
            reply = Reply.hec(HecCode.INTERNAL_ERROR);
        }
        if (reply.closeWithoutReply) {
            nClosed.increment();
            nFailed.increment();
        } else {
            if (reply.status < 200 || reply.status > 299) {
                nFailed.increment();
            }
            if (reply.code >= 0) {
                byCode.computeIfAbsent(reply.code, k -> new LongAdder()).increment();
            }
            reply.delayNanos = faults.delayNanos();
        }
        record(new ReceivedRequest(id, r.method, r.uri, r.path, headerMap(r), ctx.token, ctx.channel,
                r.body.readableBytes(), reply.closeWithoutReply ? 0 : reply.status, reply.code, ctx.events,
                ctx.ackId, now));
        return reply;
    }

    /** Per-request facts for the request log. */
    private static final class Ctx {
        String token;
        String channel;
        int events;
        Long ackId;
    }

    private Reply route(Req r, long id, Instant now, Ctx ctx) {
        String p = r.path;
        boolean event = p.equals(P_COLLECTOR) || p.equals(P_EVENT) || p.equals(P_EVENT_10);
        boolean raw = p.equals(P_RAW) || p.equals(P_RAW_10);
        boolean ack = p.equals(P_ACK);
        boolean health = p.equals(P_HEALTH) || p.equals(P_HEALTH_10);
        if (event) {
            nEventRequests.increment();
        } else if (raw) {
            nRawRequests.increment();
        } else if (ack) {
            nAckRequests.increment();
        } else if (health) {
            nHealthRequests.increment();
        }
        if (faults.isDown()) {
            return Reply.closeWithoutReply();
        }
        if (health) {
            if (!r.method.equals("GET") && !r.method.equals("POST") && !r.method.equals("HEAD")) {
                return notFound();
            }
            return Reply.hec(faults.health());
        }
        if (!(event || raw || ack) || !r.method.equals("POST")) {
            return notFound();
        }
        if (!ack) {
            HecCode rejection = faults.takeRejection();
            if (rejection != null) {
                return Reply.hec(rejection);
            }
        }
        // --- auth
        Object auth = authenticate(r);
        if (auth instanceof HecCode c) {
            return Reply.hec(c);
        }
        HecToken token = (HecToken) auth;
        ctx.token = token.value();
        if (ack && !token.ack()) {
            return Reply.hec(HecCode.ACK_DISABLED);
        }
        // --- channel
        String channel = r.headers.get(CHANNEL_HEADER);
        if (channel == null || channel.isEmpty()) {
            channel = r.param("channel");
        }
        if (channel != null && channel.isEmpty()) {
            channel = null;
        }
        if (channel == null) {
            if (token.ack() || ack || (raw && options.rawRequiresChannel)) {
                return Reply.hec(HecCode.CHANNEL_MISSING);
            }
        } else if (!GUID.matcher(channel).matches()) {
            return Reply.hec(HecCode.INVALID_CHANNEL);
        }
        ctx.channel = channel;
        if (ack) {
            return ackQuery(r, channel);
        }
        if (r.body.readableBytes() == 0) {
            return Reply.hec(HecCode.NO_DATA);
        }
        return event ? ingestEvents(r, token, channel, id, now, ctx) : ingestRaw(r, token, channel, id, now, ctx);
    }

    private static Reply notFound() {
        return Reply.json(404, "{\"text\":\"The requested URL was not found on this server.\",\"code\":404}", 404);
    }

    // ------------------------------------------------------------------------------------------------ auth

    /** Returns the HecToken, or the HecCode to reject with. */
    private Object authenticate(Req r) {
        String h = r.headers.get("Authorization");
        String value;
        boolean viaQuery = false;
        if (h != null) {
            h = h.trim();
            int sp = h.indexOf(' ');
            if (sp <= 0) {
                return HecCode.INVALID_AUTHORIZATION;
            }
            String scheme = h.substring(0, sp);
            String cred = h.substring(sp + 1).trim();
            if (scheme.equalsIgnoreCase("Splunk")) {
                value = cred;
            } else if (scheme.equalsIgnoreCase("Basic")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(cred), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return HecCode.INVALID_AUTHORIZATION;
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return HecCode.INVALID_AUTHORIZATION;
                }
                value = decoded.substring(colon + 1);
            } else {
                return HecCode.INVALID_AUTHORIZATION;
            }
            if (value.isEmpty()) {
                return HecCode.INVALID_AUTHORIZATION;
            }
        } else {
            value = r.param("token");
            if (value == null || value.isEmpty()) {
                return HecCode.TOKEN_REQUIRED;
            }
            viaQuery = true;
        }
        HecToken t = tokens.get(value);
        if (t == null) {
            return HecCode.INVALID_TOKEN;
        }
        if (viaQuery && !t.queryStringAuth()) {
            return HecCode.QUERY_STRING_AUTH_DISABLED;
        }
        if (!t.enabled()) {
            return HecCode.TOKEN_DISABLED;
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------ body

    private static InputStream bodyStream(Req r) throws IOException {
        InputStream in = new ByteBufInputStream(r.body.duplicate());
        String ce = r.headers.get("Content-Encoding");
        if (ce == null) {
            return in;
        }
        ce = ce.trim().toLowerCase(Locale.ROOT);
        switch (ce) {
            case "", "identity":
                return in;
            case "gzip", "x-gzip":
                return new GZIPInputStream(in, 16 * 1024);
            case "deflate":
                return new InflaterInputStream(in);
            default:
                throw new IOException("unsupported Content-Encoding " + ce);
        }
    }

    // ------------------------------------------------------------------------------------------------ /event

    private Reply ingestEvents(Req r, HecToken token, String channel, long requestId, Instant now, Ctx ctx) {
        List<Object[]> drafts = new ArrayList<>();
        int n = 0;
        HecCode error = null;
        try (InputStream in = bodyStream(r);
             JsonParser parser = MAPPER.createParser(in);
             MappingIterator<JsonNode> it = NODE_READER.readValues(parser)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                try {
                    drafts.add(draftEvent(node, token));
                } catch (EventError e) {
                    error = e.code;
                    break;
                }
                n++;
            }
        } catch (IOException | RuntimeException e) {
            error = HecCode.INVALID_DATA_FORMAT;
        }
        if (error == null && n == 0) {
            return Reply.hec(HecCode.NO_DATA);
        }
        if (error != null) {
            if (!options.atomicBatches && !drafts.isEmpty()) {
                ctx.events = storeDrafts(drafts, token, channel, Endpoint.EVENT, r.path, requestId, null, now);
            }
            return Reply.hec(error, n);
        }
        Long ackId = token.ack() ? acks.issue(channel) : null;
        ctx.ackId = ackId;
        ctx.events = storeDrafts(drafts, token, channel, Endpoint.EVENT, r.path, requestId, ackId, now);
        return Reply.success(ackId);
    }

    /** Validates one envelope. Draft = {index, sourcetype, source, host, time, timeText, event, fields}. */
    private Object[] draftEvent(JsonNode node, HecToken token) throws EventError {
        if (node == null || !node.isObject()) {
            throw new EventError(HecCode.INVALID_DATA_FORMAT);
        }
        JsonNode ev = node.get("event");
        if (ev == null || ev.isMissingNode()) {
            throw new EventError(HecCode.EVENT_FIELD_REQUIRED);
        }
        if (ev.isNull() || (ev.isTextual() && ev.textValue().isEmpty()) || (ev.isContainerNode() && ev.isEmpty())) {
            throw new EventError(HecCode.EVENT_FIELD_BLANK);
        }
        String index = meta(node, "index");
        String sourcetype = meta(node, "sourcetype");
        String source = meta(node, "source");
        String host = meta(node, "host");
        JsonNode t = node.get("time");
        BigDecimal time = null;
        String timeText = null;
        if (t != null && !t.isNull()) {
            if (t.isNumber()) {
                time = checkTime(t.decimalValue());
                timeText = t.isBigDecimal() ? time.toPlainString() : t.asText();
            } else if (t.isTextual()) {
                String s = t.textValue().trim();
                if (!s.isEmpty()) {
                    time = parseTime(s);
                    timeText = t.textValue();
                }
            } else {
                throw new EventError(HecCode.INVALID_DATA_FORMAT);
            }
        }
        Map<String, Object> fields = fields(node.get("fields"));
        index = resolveIndex(index, token);
        return new Object[] {index, sourcetype, source, host, time, timeText, ev, fields};
    }

    private String resolveIndex(String index, HecToken token) throws EventError {
        String resolved = index == null || index.isEmpty() ? token.defaultIndex() : index;
        if (!token.allows(resolved) || (options.knownIndexes != null && !options.knownIndexes.contains(resolved))) {
            throw new EventError(HecCode.INCORRECT_INDEX);
        }
        return resolved;
    }

    private static BigDecimal parseTime(String s) throws EventError {
        try {
            return checkTime(new BigDecimal(s));
        } catch (NumberFormatException e) {
            throw new EventError(HecCode.INVALID_DATA_FORMAT);
        }
    }

    /** Rejects absurd magnitudes (e.g. {@code 1e999999999}) whose plain form would be gigantic. */
    private static BigDecimal checkTime(BigDecimal t) throws EventError {
        if (t.scale() > 30 || t.precision() - t.scale() > 30) {
            throw new EventError(HecCode.INVALID_DATA_FORMAT);
        }
        return t;
    }

    private static String meta(JsonNode node, String key) throws EventError {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw new EventError(HecCode.INVALID_DATA_FORMAT);
    }

    private static Map<String, Object> fields(JsonNode f) throws EventError {
        if (f == null || f.isNull()) {
            return Collections.emptyMap();
        }
        if (!f.isObject()) {
            throw new EventError(HecCode.INDEXED_FIELDS_ERROR);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isValueNode()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isArray()) {
                List<String> l = new ArrayList<>(v.size());
                for (JsonNode x : v) {
                    if (!x.isValueNode() || x.isNull()) {
                        throw new EventError(HecCode.INDEXED_FIELDS_ERROR);
                    }
                    l.add(x.asText());
                }
                out.put(e.getKey(), Collections.unmodifiableList(l));
            } else {
                throw new EventError(HecCode.INDEXED_FIELDS_ERROR);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private int storeDrafts(List<Object[]> drafts, HecToken token, String channel, Endpoint endpoint, String path,
                            long requestId, Long ackId, Instant now) {
        List<ReceivedEvent> batch = new ArrayList<>(drafts.size());
        for (Object[] d : drafts) {
            String st = (String) d[1];
            if (st == null || st.isEmpty()) {
                st = token.defaultSourcetype() != null ? token.defaultSourcetype() : DEFAULT_SOURCETYPE;
            }
            String source = (String) d[2];
            if (source == null || source.isEmpty()) {
                source = token.defaultSource();
            }
            String host = (String) d[3];
            if (host == null || host.isEmpty()) {
                host = token.defaultHost();
            }
            ReceivedEvent e = new ReceivedEvent(requestId, ackId, token.value(), channel, endpoint, path,
                    (String) d[0], st, source, host, (BigDecimal) d[4], (String) d[5], (JsonNode) d[6],
                    (Map<String, Object>) d[7], now);
            if (!options.storeConfigChecks && e.isConfigCheck()) {
                continue;
            }
            batch.add(e);
        }
        store.addAll(batch);
        return batch.size();
    }

    // ------------------------------------------------------------------------------------------------ /raw

    private Reply ingestRaw(Req r, HecToken token, String channel, long requestId, Instant now, Ctx ctx) {
        byte[] bytes;
        try (InputStream in = bodyStream(r)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return Reply.hec(HecCode.INVALID_DATA_FORMAT);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        BigDecimal time = null;
        String timeText = r.param("time");
        String index;
        try {
            if (timeText != null && !timeText.isBlank()) {
                time = parseTime(timeText.trim());
            } else {
                timeText = null;
            }
            index = resolveIndex(r.param("index"), token);
        } catch (EventError e) {
            return Reply.hec(e.code);
        }
        List<Object[]> drafts = new ArrayList<>();
        int start = 0;
        int len = text.length();
        while (start <= len) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? len : nl;
            int e = end;
            if (e > start && text.charAt(e - 1) == '\r') {
                e--;
            }
            String line = text.substring(start, e);
            if (!line.isBlank()) {
                BigDecimal lineTime = time;
                String lineTimeText = timeText;
                if (time == null && options.rawTimePrefix != null) {
                    lineTimeText = extractTime(line, options.rawTimePrefix);
                    lineTime = lineTimeText == null ? null : new BigDecimal(lineTimeText);
                }
                drafts.add(new Object[] {index, r.param("sourcetype"), r.param("source"), r.param("host"), lineTime,
                        lineTimeText, TextNode.valueOf(line), Collections.emptyMap()});
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        if (drafts.isEmpty()) {
            return Reply.hec(HecCode.NO_DATA);
        }
        Long ackId = token.ack() ? acks.issue(channel) : null;
        ctx.ackId = ackId;
        ctx.events = storeDrafts(drafts, token, channel, Endpoint.RAW, r.path, requestId, ackId, now);
        return Reply.success(ackId);
    }

    /**
     * Splunk's timestamp extraction as {@code TIME_PREFIX = <prefix>} with {@code TIME_FORMAT = %s.%6N} configures it:
     * epoch seconds with an optional fraction right after the prefix, or null (Splunk would then use the receipt time).
     */
    static String extractTime(String line, java.util.regex.Pattern prefix) {
        java.util.regex.Matcher m = prefix.matcher(line);
        if (!m.find()) {
            return null;
        }
        int i = m.end();
        int end = i;
        while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '.')) {
            end++;
        }
        String number = line.substring(i, end);
        // Digits then at most one dot, as %s.%6N reads it; anything else is no time (Splunk: the receipt time).
        return number.matches("[0-9]+(\\.[0-9]*)?") ? number : null;
    }

    // ------------------------------------------------------------------------------------------------ /ack

    private Reply ackQuery(Req r, String channel) {
        List<Long> ids = new ArrayList<>();
        try (InputStream in = bodyStream(r)) {
            JsonNode body = MAPPER.readTree(in);
            JsonNode list = body == null ? null : body.get("acks");
            if (list == null || !list.isArray()) {
                return Reply.hec(HecCode.INVALID_DATA_FORMAT);
            }
            for (JsonNode x : list) {
                if (x.isIntegralNumber()) {
                    ids.add(x.longValue());
                } else if (x.isTextual() && x.textValue().matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(x.textValue()));
                } else {
                    return Reply.hec(HecCode.INVALID_DATA_FORMAT);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Reply.hec(HecCode.INVALID_DATA_FORMAT);
        }
        Map<Long, Boolean> result = acks.query(channel, ids);
        StringBuilder sb = new StringBuilder(16 + ids.size() * 12).append("{\"acks\":{");
        boolean first = true;
        for (Map.Entry<Long, Boolean> e : result.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        sb.append("}}");
        return Reply.json(200, sb.toString(), 0);
    }

    // ------------------------------------------------------------------------------------------------ state

    private static Map<String, String> headerMap(Req r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : r.headers) {
            m.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        if (r.originalTransferEncoding != null) {
            m.put("transfer-encoding", r.originalTransferEncoding);
            if (r.originalTransferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                m.remove("content-length"); // added by the aggregator
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private void record(ReceivedRequest rr) {
        if (options.maxStoredRequests <= 0) {
            return;
        }
        synchronized (requests) {
            if (requests.size() >= options.maxStoredRequests) {
                requests.pollFirst();
            }
            requests.addLast(rr);
        }
    }

    List<ReceivedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    HecStats stats() {
        Map<Integer, Long> codes = new TreeMap<>();
        byCode.forEach((k, v) -> codes.put(k, v.sum()));
        Map<String, Long> idx = new TreeMap<>();
        store.byIndex.forEach((k, v) -> idx.put(k, v.sum()));
        Map<String, Long> st = new TreeMap<>();
        store.bySourcetype.forEach((k, v) -> st.put(k, v.sum()));
        return new HecStats(nRequests.sum(), nEventRequests.sum(), nRawRequests.sum(), nAckRequests.sum(),
                nHealthRequests.sum(), nFailed.sum(), nClosed.sum(), store.total(), store.stored(),
                nBodyBytes.sum(), acks.issued.get(), acks.acknowledged.get(), acks.pendingCount(),
                Collections.unmodifiableMap(codes), Collections.unmodifiableMap(idx),
                Collections.unmodifiableMap(st));
    }

    void reset() {
        store.clear();
        acks.reset();
        synchronized (requests) {
            requests.clear();
        }
        requestIds.set(0);
        for (LongAdder a : List.of(nRequests, nEventRequests, nRawRequests, nAckRequests, nHealthRequests, nFailed,
                nClosed, nBodyBytes)) {
            a.reset();
        }
        byCode.clear();
    }
}
