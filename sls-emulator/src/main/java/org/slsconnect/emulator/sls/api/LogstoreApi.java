package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.store.HashKeys;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Project;
import org.slsconnect.emulator.sls.store.Shard;
import org.slsconnect.emulator.sls.store.Store;

import java.util.List;

/** Logstore CRUD plus ListShard, SplitShard and MergeShards. */
final class LogstoreApi {
    static final int DEFAULT_TTL_DAYS = 30;
    private final ApiContext ctx;

    LogstoreApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    SlsResponse create(SlsRequest req) {
        Project p = ctx.project(req);
        ObjectNode body = Json.parseObject(req.body(), "ParameterInvalid");
        String name = Json.optText(body, "logstoreName");
        Store.validateLogstoreName(name);
        Integer shards = Json.optInt(body, "shardCount");
        Integer ttl = Json.optInt(body, "ttl");
        p.createLogstore(new Logstore(name, shards == null ? 2 : shards, ttl == null ? DEFAULT_TTL_DAYS : ttl, body, ctx.store().nowSec()));
        return SlsResponse.ok();
    }

    SlsResponse get(SlsRequest req, Route route) {
        return SlsResponse.json(toJson(ctx.logstore(req, route)));
    }

    SlsResponse update(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ObjectNode body = Json.parseObject(req.body(), "ParameterInvalid");
        Integer ttl = Json.optInt(body, "ttl");
        ls.update(ttl == null ? ls.ttlDays() : ttl, body, ctx.store().nowSec());
        return SlsResponse.ok();
    }

    SlsResponse delete(SlsRequest req, Route route) {
        Project p = ctx.project(req);
        if (p.logstores().remove(route.logstore()) == null) {
            throw SlsException.logstoreNotExist(route.logstore());
        }
        return SlsResponse.ok();
    }

    SlsResponse list(SlsRequest req) {
        Project p = ctx.project(req);
        int offset = ProjectApi.intParam(req, "offset", 0);
        int size = ProjectApi.intParam(req, "size", 100);
        String filter = req.param("logstoreName");
        List<String> names = p.logstores().keySet().stream()
                .filter(n -> filter == null || filter.isEmpty() || n.contains(filter))
                .toList();
        ArrayNode page = Json.MAPPER.createArrayNode();
        names.stream().skip(Math.max(0, offset)).limit(Math.max(0, size)).forEach(page::add);
        ObjectNode out = Json.object();
        out.put("count", page.size());
        out.put("total", names.size());
        out.set("logstores", page);
        return SlsResponse.json(out);
    }

    SlsResponse listShards(SlsRequest req, Route route) {
        return SlsResponse.json(shardsJson(ctx.logstore(req, route).shards()));
    }

    SlsResponse split(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        int id = ApiContext.shardId(route);
        String key = req.param("key");
        String count = req.param("shardCount");
        List<Shard> affected;
        if (key != null && !key.isEmpty()) {
            affected = ls.split(id, List.of(HashKeys.parse(key)), ctx.store().nowSec());
        } else if (count != null && !count.isEmpty()) {
            affected = ls.splitEvenly(id, ProjectApi.intParam(req, "shardCount", 2), ctx.store().nowSec());
        } else {
            throw SlsException.parameterInvalid("split needs key or shardCount");
        }
        return SlsResponse.json(shardsJson(affected));
    }

    SlsResponse merge(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        return SlsResponse.json(shardsJson(ls.merge(ApiContext.shardId(route), ctx.store().nowSec())));
    }

    static ArrayNode shardsJson(List<Shard> shards) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (Shard s : shards) {
            ObjectNode o = arr.addObject();
            o.put("shardID", s.id());
            o.put("status", s.readOnly() ? "readonly" : "readwrite");
            o.put("inclusiveBeginKey", HashKeys.toHex(s.beginKey()));
            o.put("exclusiveEndKey", HashKeys.toHex(s.endKey()));
            o.put("createTime", s.createTime());
        }
        return arr;
    }

    private static ObjectNode toJson(Logstore ls) {
        ObjectNode o = ls.config();
        o.put("logstoreName", ls.name());
        o.put("ttl", ls.ttlDays());
        o.put("shardCount", (int) ls.shards().stream().filter(s -> !s.readOnly()).count());
        o.putIfAbsent("enable_tracking", Json.MAPPER.getNodeFactory().booleanNode(false));
        o.putIfAbsent("autoSplit", Json.MAPPER.getNodeFactory().booleanNode(false));
        o.putIfAbsent("maxSplitShard", Json.MAPPER.getNodeFactory().numberNode(64));
        o.putIfAbsent("appendMeta", Json.MAPPER.getNodeFactory().booleanNode(false));
        o.putIfAbsent("telemetryType", Json.MAPPER.getNodeFactory().textNode(""));
        o.putIfAbsent("mode", Json.MAPPER.getNodeFactory().textNode("standard"));
        o.put("createTime", ls.createTime());
        o.put("lastModifyTime", ls.lastModifyTime());
        return o;
    }
}
