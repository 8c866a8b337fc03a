package org.slsconnect.emulator.hec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The {@code /_emulator/...} admin HTTP API (JSON in and out; parameters in the query string). */
final class AdminApi {
    static final String PREFIX = "/_emulator";

    private final HecEmulator emu;

    AdminApi(HecEmulator emu) {
        this.emu = emu;
    }

    Reply handle(HecService.Req r, boolean onMainPort) {
        try {
            return route(r, onMainPort);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            return error(500, String.valueOf(e));
        }
    }

    private Reply route(HecService.Req r, boolean onMainPort) {
        String p = r.path.length() > PREFIX.length() ? r.path.substring(PREFIX.length()) : "/";
        String m = r.method;
        HecFaults f = emu.faults();
        switch (p) {
            case "/", "":
                if (m.equals("GET")) {
                    ObjectNode o = HecService.MAPPER.createObjectNode();
                    o.put("url", emu.url());
                    o.set("stats", HecService.MAPPER.valueToTree(emu.stats()));
                    o.set("faults", HecService.MAPPER.valueToTree(f.snapshot()));
                    o.set("tokens", tokens());
                    return ok(o);
                }
                break;
            case "/events":
                if (m.equals("GET")) {
                    return events(r);
                }
                if (m.equals("DELETE")) {
                    emu.clearEvents();
                    return okEmpty();
                }
                break;
            case "/requests":
                if (m.equals("GET")) {
                    return requests(r);
                }
                break;
            case "/stats":
                if (m.equals("GET")) {
                    return ok(HecService.MAPPER.valueToTree(emu.stats()));
                }
                break;
            case "/reset":
                if (m.equals("POST")) {
                    emu.reset();
                    return okEmpty();
                }
                break;
            case "/tokens":
                if (m.equals("GET")) {
                    return ok(tokens());
                }
                if (m.equals("POST")) {
                    return upsertToken(r);
                }
                if (m.equals("DELETE")) {
                    emu.removeToken(required(r, "token"));
                    return okEmpty();
                }
                break;
            case "/faults":
                if (m.equals("GET")) {
                    return faults();
                }
                break;
            case "/faults/clear":
                if (m.equals("POST")) {
                    f.clear();
                    return faults();
                }
                break;
            case "/faults/down":
                if (m.equals("POST")) {
                    return down(r, onMainPort);
                }
                if (m.equals("DELETE")) {
                    f.up();
                    return faults();
                }
                break;
            case "/faults/up":
                if (m.equals("POST")) {
                    f.up();
                    return faults();
                }
                break;
            case "/faults/busy":
                if (m.equals("POST")) {
                    Integer next = intParam(r, "next");
                    Long ms = longParam(r, "durationMs");
                    if (next != null) {
                        f.busyNext(next);
                    } else if (ms != null) {
                        f.busyFor(Duration.ofMillis(ms));
                    } else {
                        f.busy(true);
                    }
                    return faults();
                }
                if (m.equals("DELETE")) {
                    f.busy(false);
                    return faults();
                }
                break;
            case "/faults/reject":
                if (m.equals("POST")) {
                    Integer next = intParam(r, "next");
                    Integer code = intParam(r, "code");
                    f.rejectNext(next == null ? 1 : next, code == null ? HecCode.INTERNAL_ERROR : HecCode.of(code));
                    return faults();
                }
                if (m.equals("DELETE")) {
                    f.rejectNext(0, HecCode.SERVER_BUSY);
                    return faults();
                }
                break;
            case "/faults/delay":
                if (m.equals("POST")) {
                    Long ms = longParam(r, "ms");
                    f.delay(Duration.ofMillis(ms == null ? 0 : ms));
                    return faults();
                }
                if (m.equals("DELETE")) {
                    f.delay(Duration.ZERO);
                    return faults();
                }
                break;
            case "/faults/acks":
                if (m.equals("POST")) {
                    Boolean withhold = boolParam(r, "withhold");
                    Boolean drop = boolParam(r, "drop");
                    Long latency = longParam(r, "latencyMs");
                    if (withhold != null) {
                        f.withholdAcks(withhold);
                    }
                    if (drop != null) {
                        f.dropAcks(drop);
                    }
                    if (latency != null) {
                        f.ackLatency(Duration.ofMillis(latency));
                    }
                    return faults();
                }
                if (m.equals("DELETE")) {
                    f.withholdAcks(false).dropAcks(false).ackLatency(Duration.ZERO);
                    return faults();
                }
                break;
            case "/faults/health":
                if (m.equals("POST")) {
                    Integer code = intParam(r, "code");
                    Boolean healthy = boolParam(r, "healthy");
                    if (code != null) {
                        f.health(HecCode.of(code));
                    } else {
                        f.unhealthy(healthy == null || !healthy);
                    }
                    return faults();
                }
                if (m.equals("DELETE")) {
                    f.unhealthy(false);
                    return faults();
                }
                break;
            default:
                return error(404, "unknown admin path " + r.path);
        }
        return error(405, "method " + m + " not allowed on " + r.path);
    }

    private Reply down(HecService.Req r, boolean onMainPort) {
        HecFaults f = emu.faults();
        String modeText = r.param("mode");
        DownMode mode = modeText == null ? DownMode.REFUSE : DownMode.valueOf(modeText.toUpperCase(Locale.ROOT));
        Long ms = longParam(r, "durationMs");
        if (mode == DownMode.REFUSE && ms == null && onMainPort && !"true".equals(r.param("force"))) {
            return error(409, "mode=refuse without durationMs closes this admin API too; give durationMs, "
                    + "use mode=close, use the admin port, or add force=true");
        }
        ObjectNode o = HecService.MAPPER.createObjectNode();
        o.put("ok", true);
        o.put("down", true);
        o.put("mode", mode.name().toLowerCase(Locale.ROOT));
        if (ms != null) {
            o.put("durationMs", ms);
        }
        if (ms == null) {
            f.down(mode);
        } else {
            f.downFor(Duration.ofMillis(ms), mode);
        }
        return ok(o);
    }

    private Reply faults() {
        return ok(HecService.MAPPER.valueToTree(emu.faults().snapshot()));
    }

    private ArrayNode tokens() {
        ArrayNode a = HecService.MAPPER.createArrayNode();
        for (HecToken t : emu.tokens()) {
            ObjectNode o = a.addObject();
            o.put("token", t.value());
            o.put("ack", t.ack());
            o.put("enabled", t.enabled());
            o.put("queryStringAuth", t.queryStringAuth());
            o.put("defaultIndex", t.defaultIndex());
            ArrayNode idx = o.putArray("allowedIndexes");
            t.allowedIndexes().forEach(idx::add);
            o.put("defaultSourcetype", t.defaultSourcetype());
            o.put("defaultSource", t.defaultSource());
            o.put("defaultHost", t.defaultHost());
        }
        return a;
    }

    private Reply upsertToken(HecService.Req r) {
        String value = required(r, "token");
        HecToken existing = emu.token(value);
        HecToken.Builder b = existing != null ? existing.toBuilder() : HecToken.builder(value);
        Boolean ack = boolParam(r, "ack");
        if (ack != null) {
            b.ack(ack);
        }
        Boolean enabled = boolParam(r, "enabled");
        if (enabled != null) {
            b.enabled(enabled);
        }
        Boolean qs = boolParam(r, "queryStringAuth");
        if (qs != null) {
            b.queryStringAuth(qs);
        }
        String indexes = r.param("indexes");
        if (indexes != null) {
            b.allowedIndexes(Arrays.asList(indexes.split(",")));
            if (existing != null && r.param("defaultIndex") == null) {
                b.defaultIndex(null);
            }
        }
        if (r.param("defaultIndex") != null) {
            b.defaultIndex(r.param("defaultIndex"));
        }
        if (r.param("sourcetype") != null) {
            b.defaultSourcetype(r.param("sourcetype"));
        }
        if (r.param("source") != null) {
            b.defaultSource(r.param("source"));
        }
        if (r.param("host") != null) {
            b.defaultHost(r.param("host"));
        }
        emu.addToken(b.build());
        return ok(tokens());
    }

    private Reply events(HecService.Req r) {
        Predicate<ReceivedEvent> p = e -> true;
        p = and(p, r.param("index"), (e, v) -> v.equals(e.index()));
        p = and(p, r.param("sourcetype"), (e, v) -> v.equals(e.sourcetype()));
        p = and(p, r.param("source"), (e, v) -> v.equals(e.source()));
        p = and(p, r.param("host"), (e, v) -> v.equals(e.host()));
        p = and(p, r.param("token"), (e, v) -> v.equals(e.token()));
        p = and(p, r.param("channel"), (e, v) -> v.equals(e.channel()));
        p = and(p, r.param("endpoint"), (e, v) -> v.equalsIgnoreCase(e.endpoint().name()));
        Long after = longParam(r, "after");
        if (after != null) {
            long a = after;
            p = p.and(e -> e.seq() > a);
        }
        if ("true".equals(r.param("excludeConfigChecks"))) {
            p = p.and(e -> !e.isConfigCheck());
        }
        Integer limitParam = intParam(r, "limit");
        int limit = limitParam == null ? 1000 : Math.max(0, limitParam);
        List<ReceivedEvent> matching = emu.events(p);
        ObjectNode o = HecService.MAPPER.createObjectNode();
        o.put("total", matching.size());
        int n = Math.min(limit, matching.size());
        o.put("count", n);
        ArrayNode a = o.putArray("events");
        for (int i = 0; i < n; i++) {
            a.add(toJson(matching.get(i)));
        }
        return ok(o);
    }

    static ObjectNode toJson(ReceivedEvent e) {
        ObjectNode o = HecService.MAPPER.createObjectNode();
        o.put("seq", e.seq());
        o.put("requestId", e.requestId());
        if (e.ackId() == null) {
            o.putNull("ackId");
        } else {
            o.put("ackId", e.ackId());
        }
        o.put("token", e.token());
        o.put("channel", e.channel());
        o.put("endpoint", e.endpoint().name().toLowerCase(Locale.ROOT));
        o.put("path", e.path());
        o.put("index", e.index());
        o.put("sourcetype", e.sourcetype());
        o.put("source", e.source());
        o.put("host", e.host());
        if (e.time() == null) {
            o.putNull("time");
        } else {
            o.put("time", e.time());
        }
        o.put("timeText", e.timeText());
        o.set("event", e.event());
        o.set("fields", HecService.MAPPER.valueToTree(e.fields()));
        o.put("receivedAt", e.receivedAt().toString());
        return o;
    }

    static ObjectNode toJson(ReceivedRequest q) {
        ObjectNode x = HecService.MAPPER.createObjectNode();
        x.put("id", q.id());
        x.put("method", q.method());
        x.put("uri", q.uri());
        x.put("path", q.path());
        x.put("token", q.token());
        x.put("channel", q.channel());
        x.put("bodyBytes", q.bodyBytes());
        x.put("gzip", q.gzip());
        x.put("status", q.status());
        x.put("code", q.code());
        x.put("events", q.events());
        if (q.ackId() == null) {
            x.putNull("ackId");
        } else {
            x.put("ackId", q.ackId());
        }
        x.put("receivedAt", q.receivedAt().toString());
        ObjectNode h = x.putObject("headers");
        q.headers().forEach(h::put);
        return x;
    }

    private Reply requests(HecService.Req r) {
        List<ReceivedRequest> all = emu.requests();
        Long after = longParam(r, "after");
        String path = r.param("path");
        Integer limitParam = intParam(r, "limit");
        int limit = limitParam == null ? 1000 : Math.max(0, limitParam);
        ObjectNode o = HecService.MAPPER.createObjectNode();
        ArrayNode a = HecService.MAPPER.createArrayNode();
        int total = 0;
        for (ReceivedRequest q : all) {
            if ((after != null && q.id() <= after) || (path != null && !path.equals(q.path()))) {
                continue;
            }
            total++;
            if (a.size() < limit) {
                a.add(toJson(q));
            }
        }
        o.put("total", total);
        o.put("count", a.size());
        o.set("requests", a);
        return ok(o);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private interface Matcher {
        boolean test(ReceivedEvent e, String value);
    }

    private static Predicate<ReceivedEvent> and(Predicate<ReceivedEvent> p, String value, Matcher m) {
        return value == null ? p : p.and(e -> m.test(e, value));
    }

    private static String required(HecService.Req r, String name) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return v;
    }

    private static Integer intParam(HecService.Req r, String name) {
        Long v = longParam(r, name);
        return v == null ? null : Math.toIntExact(v);
    }

    private static Long longParam(HecService.Req r, String name) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " is not a number: " + v);
        }
    }

    private static Boolean boolParam(HecService.Req r, String name) {
        String v = r.param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("parameter " + name + " is not true/false: " + v);
    }

    private static Reply ok(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return new Reply(200, HecService.MAPPER.writeValueAsBytes(node), -1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply okEmpty() {
        return Reply.json(200, "{\"ok\":true}", -1);
    }

    private static Reply error(int status, String message) {
        ObjectNode o = HecService.MAPPER.createObjectNode();
        o.put("ok", false);
        o.put("error", message);
        try {
            return new Reply(status, HecService.MAPPER.writeValueAsBytes(o), -1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
