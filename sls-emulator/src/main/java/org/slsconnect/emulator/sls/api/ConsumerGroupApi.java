package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.store.ConsumerGroup;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Shard;

import java.util.ArrayList;
import java.util.List;

/** Consumer groups: CRUD, heartbeats, checkpoints. */
final class ConsumerGroupApi {
    static final int MAX_GROUPS_PER_LOGSTORE = 30;
    private final ApiContext ctx;

    ConsumerGroupApi(ApiContext ctx) {
        this.ctx = ctx;
    }

    SlsResponse create(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ObjectNode body = Json.parseObject(req.body(), "JsonInfoInvalid");
        String name = Json.optText(body, "consumerGroup");
        if (name == null || name.isEmpty()) {
            throw new SlsException(400, "JsonInfoInvalid", "consumerGroup is required");
        }
        Integer timeout = Json.optInt(body, "timeout");
        Boolean order = Json.optBool(body, "order");
        ConsumerGroup group = new ConsumerGroup(name, timeout == null ? 60 : timeout, order != null && order, ctx.monotonicNanos());
        synchronized (ls) {
            if (ls.consumerGroups().containsKey(name)) {
                throw new SlsException(400, "ConsumerGroupAlreadyExist", "consumer group already exist");
            }
            if (ls.consumerGroups().size() >= MAX_GROUPS_PER_LOGSTORE) {
                throw new SlsException(400, "ExceedQuota", "a logstore has at most " + MAX_GROUPS_PER_LOGSTORE + " consumer groups");
            }
            ls.consumerGroups().put(name, group);
        }
        return SlsResponse.ok();
    }

    SlsResponse list(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        ls.consumerGroups().values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(g -> {
                    ObjectNode o = arr.addObject();
                    o.put("name", g.name());
                    o.put("timeout", g.timeoutSec());
                    o.put("order", g.inOrder());
                });
        return SlsResponse.json(arr);
    }

    SlsResponse update(SlsRequest req, Route route) {
        ConsumerGroup g = ctx.logstore(req, route).consumerGroup(route.consumerGroup());
        ObjectNode body = Json.parseObject(req.body(), "JsonInfoInvalid");
        g.update(Json.optBool(body, "order"), Json.optInt(body, "timeout"));
        return SlsResponse.ok();
    }

    SlsResponse delete(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        if (ls.consumerGroups().remove(route.consumerGroup()) == null) {
            throw SlsException.consumerGroupNotExist(route.consumerGroup());
        }
        return SlsResponse.ok();
    }

    SlsResponse heartbeat(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ConsumerGroup g = ls.consumerGroup(route.consumerGroup());
        List<Integer> held = new ArrayList<>();
        if (req.body().length > 0) {
            JsonNode body = Json.parse(req.body(), "ParameterInvalid");
            if (!body.isArray()) {
                throw SlsException.parameterInvalid("heartbeat body must be a JSON array of shard ids");
            }
            body.forEach(n -> held.add(n.asInt()));
        }
        List<Integer> assigned = g.heartbeat(req.param("consumer"), held, ls.shards(), ctx.settings().rejectUnknownConsumerWithBody);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        assigned.forEach(arr::add);
        return SlsResponse.json(arr);
    }

    SlsResponse updateCheckpoint(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ConsumerGroup g = ls.consumerGroup(route.consumerGroup());
        ObjectNode body = Json.parseObject(req.body(), "ParameterInvalid");
        Integer shard = Json.optInt(body, "shard");
        if (shard == null) {
            throw SlsException.parameterInvalid("checkpoint body needs shard");
        }
        String checkpoint = Json.optText(body, "checkpoint");
        boolean force = "true".equalsIgnoreCase(req.param("forceSuccess"));
        g.updateCheckpoint(req.param("consumer"), shard, checkpoint, force, ls.hasShard(shard), ctx.store().nowMillis() * 1000L);
        return SlsResponse.ok();
    }

    SlsResponse getCheckpoints(SlsRequest req, Route route) {
        Logstore ls = ctx.logstore(req, route);
        ConsumerGroup g = ls.consumerGroup(route.consumerGroup());
        ArrayNode arr = Json.MAPPER.createArrayNode();
        String shardParam = route.shardSegment();
        // One entry per existing shard even if never checkpointed: loghub-client-lib needs it.
        for (Shard s : ls.shards()) {
            if (shardParam != null && !shardParam.isEmpty() && !shardParam.equals("-1")
                    && !Integer.toString(s.id()).equals(shardParam.trim())) {
                continue;
            }
            ConsumerGroup.Checkpoint cp = g.checkpoint(s.id());
            ObjectNode o = arr.addObject();
            o.put("shard", s.id());
            o.put("checkpoint", cp.cursor());
            o.put("updateTime", cp.updateTime());
            o.put("consumer", cp.consumer());
        }
        return SlsResponse.json(arr);
    }
}
