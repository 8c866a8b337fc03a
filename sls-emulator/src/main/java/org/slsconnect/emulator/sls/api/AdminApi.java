package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.ExpiredCursorBehavior;
import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.ShardInfo;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.faults.Corruption;
import org.slsconnect.emulator.sls.faults.FaultScope;

import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The emulator's own JSON API under {@code /_emulator/} (no authentication, never faulted).
 * See the module README for the full list.
 */
public final class AdminApi implements Function<SlsRequest, SlsResponse> {
    private final SlsEmulator emu;

    public AdminApi(SlsEmulator emu) {
        this.emu = emu;
    }

    @Override
    public SlsResponse apply(SlsRequest req) {
        String path = req.path().substring("/_emulator".length());
        String m = req.method();
        JsonNode body = req.body().length == 0 ? Json.object() : Json.parse(req.body(), "ParameterInvalid");
        switch (m + " " + path) {
            case "GET /health":
            case "GET ":
            case "GET /":
                return ok();
            case "POST /reset":
                emu.reset();
                return ok();
            case "GET /requests":
                return SlsResponse.json(emu.requestCounts());
            case "DELETE /requests":
                emu.resetRequestCounts();
                return ok();
            case "POST /projects":
                emu.createProject(text(body, "project"));
                return ok();
            case "POST /logstores": {
                Integer shards = Json.optInt(body, "shards");
                Integer ttl = Json.optInt(body, "ttl");
                emu.createLogstore(text(body, "project"), text(body, "logstore"), shards == null ? 2 : shards, ttl == null ? 30 : ttl);
                return ok();
            }
            case "GET /shards": {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (ShardInfo s : emu.shards(param(req, "project"), param(req, "logstore"))) {
                    ObjectNode o = arr.addObject();
                    o.put("shardID", s.id());
                    o.put("status", s.status());
                    o.put("inclusiveBeginKey", s.beginKey());
                    o.put("exclusiveEndKey", s.endKey());
                    o.put("createTime", s.createTime());
                    o.put("logGroupCount", emu.logGroupCount(param(req, "project"), param(req, "logstore"), s.id()));
                    o.put("beginCursor", emu.beginCursor(param(req, "project"), param(req, "logstore"), s.id()));
                    o.put("endCursor", emu.endCursor(param(req, "project"), param(req, "logstore"), s.id()));
                }
                return SlsResponse.json(arr);
            }
            case "POST /split": {
                String key = Json.optText(body, "key");
                var children = key == null
                        ? emu.splitShard(text(body, "project"), text(body, "logstore"), integer(body, "shard"))
                        : emu.splitShard(text(body, "project"), text(body, "logstore"), integer(body, "shard"), key);
                return SlsResponse.json(Map.of("children", children));
            }
            case "POST /merge":
                return SlsResponse.json(Map.of("merged", emu.mergeShards(text(body, "project"), text(body, "logstore"), integer(body, "shard"))));
            case "POST /expire":
                return SlsResponse.json(Map.of("dropped", emu.expireLogGroups(text(body, "project"), text(body, "logstore"),
                        integer(body, "shard"), integer(body, "count"))));
            case "POST /append":
                return append(body);
            case "GET /checkpoint":
                return SlsResponse.json(Map.of("checkpoint", emu.checkpoint(param(req, "project"), param(req, "logstore"),
                        param(req, "group"), Integer.parseInt(param(req, "shard")))));
            case "GET /faults":
                return SlsResponse.json(emu.faults().describe());
            case "DELETE /faults":
                emu.faults().clear();
                return ok();
            case "POST /faults":
                addFault(body);
                return SlsResponse.json(emu.faults().describe());
            case "POST /clock":
                return clock(body);
            case "POST /settings":
                if (body.hasNonNull("expiredCursorBehavior")) {
                    emu.expiredCursorBehavior(ExpiredCursorBehavior.valueOf(body.get("expiredCursorBehavior").asText().toUpperCase(Locale.ROOT)));
                }
                if (body.hasNonNull("maxPullBytes")) {
                    emu.maxPullBytes(body.get("maxPullBytes").asLong());
                }
                return ok();
            default:
                throw new SlsException(404, "RequestURINotFound", "no admin API " + m + " /_emulator" + path);
        }
    }

    /** {"project","logstore","shard","topic","source","tags":{..},"logs":[{"__time__":..,"k":"v"}]} */
    private SlsResponse append(JsonNode body) {
        LogGroupBuilder b = new LogGroupBuilder();
        if (body.hasNonNull("topic")) {
            b.topic(body.get("topic").asText());
        }
        if (body.hasNonNull("source")) {
            b.source(body.get("source").asText());
        }
        JsonNode tags = body.get("tags");
        if (tags != null) {
            tags.fields().forEachRemaining(e -> b.tag(e.getKey(), e.getValue().asText()));
        }
        JsonNode logs = body.get("logs");
        if (logs == null || !logs.isArray()) {
            throw SlsException.parameterInvalid("append needs a logs array");
        }
        for (JsonNode log : logs) {
            long time = log.hasNonNull("__time__") ? log.get("__time__").asLong() : emu.nowSeconds();
            Map<String, String> contents = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = log.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("__time__")) {
                    contents.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
            }
            b.log(time, null, contents);
        }
        long seq = emu.appendLogGroup(text(body, "project"), text(body, "logstore"), integer(body, "shard"), b.build());
        return SlsResponse.json(Map.of("sequence", seq));
    }

    private SlsResponse clock(JsonNode body) {
        if (body.hasNonNull("epochMillis")) {
            long fixed = body.get("epochMillis").asLong();
            emu.clock(() -> fixed);
        } else if (body.hasNonNull("offsetMillis")) {
            long offset = body.get("offsetMillis").asLong();
            emu.clock(() -> System.currentTimeMillis() + offset);
        } else {
            emu.clock(System::currentTimeMillis);
        }
        return SlsResponse.json(Map.of("nowSeconds", emu.nowSeconds()));
    }

    /**
     * {"type":"fail|cut|latency|rate|corrupt|readThrottle|writeThrottle|unreachable", "kind":"PullLogs",
     *  "project","logstore","shard", "count", "status", "errorCode", "errorMessage", "millis", "rate",
     *  "corruption", "readsPerSecond", "bytesPerSecond", "on"}
     */
    private void addFault(JsonNode f) {
        String type = text(f, "type").toLowerCase(Locale.ROOT);
        String kind = f.hasNonNull("kind") ? f.get("kind").asText() : "*";
        FaultScope scope = FaultScope.of(kind)
                .project(Json.optText(f, "project"))
                .logstore(Json.optText(f, "logstore"))
                .shard(Json.optInt(f, "shard"));
        Integer count = Json.optInt(f, "count");
        int n = count == null ? 1 : count;
        Integer status = Json.optInt(f, "status");
        String code = Json.optText(f, "errorCode");
        switch (type) {
            case "fail" -> emu.faults().failNext(scope, n, status == null ? 500 : status, code == null ? "InternalServerError" : code,
                    f.hasNonNull("errorMessage") ? f.get("errorMessage").asText() : "injected fault: " + (code == null ? "InternalServerError" : code));
            case "cut" -> emu.faults().cutNext(scope, n);
            case "latency" -> emu.faults().latency(scope, Duration.ofMillis(f.path("millis").asLong()));
            case "rate" -> emu.faults().failureRate(scope, f.path("rate").asDouble(), status == null ? 500 : status,
                    code == null ? "InternalServerError" : code);
            case "corrupt" -> emu.faults().corruptNext(scope.kind() == null ? FaultScope.of("PullLogs")
                    .project(scope.project()).logstore(scope.logstore()).shard(scope.shard()) : scope, n,
                    Corruption.valueOf(text(f, "corruption").toUpperCase(Locale.ROOT)));
            case "readthrottle" -> emu.faults().readThrottle(scope.logstore(), scope.shard(),
                    f.path("readsPerSecond").asDouble(0), f.path("bytesPerSecond").asLong(0));
            case "writethrottle" -> emu.faults().writeThrottle(scope.logstore(), scope.shard(),
                    f.path("writesPerSecond").asDouble(0), f.path("bytesPerSecond").asLong(0));
            case "unreachable" -> {
                if (f.hasNonNull("millis")) {
                    emu.faults().unreachableFor(Duration.ofMillis(f.get("millis").asLong()));
                } else {
                    emu.faults().unreachable(!f.hasNonNull("on") || f.get("on").asBoolean());
                }
            }
            default -> throw SlsException.parameterInvalid("unknown fault type " + type);
        }
    }

    private static SlsResponse ok() {
        return SlsResponse.json(Map.of("status", "ok"));
    }

    private static String text(JsonNode body, String field) {
        String v = Json.optText(body, field);
        if (v == null || v.isEmpty()) {
            throw SlsException.parameterInvalid("missing field " + field);
        }
        return v;
    }

    private static int integer(JsonNode body, String field) {
        Integer v = Json.optInt(body, field);
        if (v == null) {
            throw SlsException.parameterInvalid("missing field " + field);
        }
        return v;
    }

    private static String param(SlsRequest req, String name) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) {
            throw SlsException.parameterInvalid("missing parameter " + name);
        }
        return v;
    }
}
