package org.slsconnect.emulator.sls.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.emulator.sls.ApiKind;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.auth.Authenticator;
import org.slsconnect.emulator.sls.faults.Decision;

import java.util.function.Function;

/**
 * Turns a request into a response: classify, count, apply faults, authenticate, handle.
 * Framework-independent; the Netty layer only parses and writes.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /**
     * @param response    what to send
     * @param cut         send headers and part of the body, then close the connection
     * @param delayMillis wait this long before sending
     */
    public record Outcome(ApiKind kind, SlsResponse response, boolean cut, long delayMillis) {
    }

    private final ApiContext ctx;
    private final Authenticator authenticator;
    private final RequestCounters counters;
    private final Function<SlsRequest, SlsResponse> admin;
    private final ProjectApi projects;
    private final LogstoreApi logstores;
    private final DataApi data;
    private final ConsumerGroupApi consumerGroups;

    public Dispatcher(ApiContext ctx, Authenticator authenticator, RequestCounters counters, Function<SlsRequest, SlsResponse> admin) {
        this.ctx = ctx;
        this.authenticator = authenticator;
        this.counters = counters;
        this.admin = admin;
        this.projects = new ProjectApi(ctx);
        this.logstores = new LogstoreApi(ctx);
        this.data = new DataApi(ctx);
        this.consumerGroups = new ConsumerGroupApi(ctx);
    }

    public Outcome dispatch(SlsRequest req) {
        if (req.isAdmin()) {
            return new Outcome(ApiKind.UNKNOWN, safely(() -> admin.apply(req)), false, 0);
        }
        Route route = Router.route(req);
        counters.increment(route.kind());
        Decision decision = ctx.faults().decide(route.kind(), req.project(), route.logstore(), route.shard());
        SlsResponse response;
        if (decision.failure() != null) {
            response = SlsResponse.error(decision.failure());
        } else {
            response = safely(() -> {
                authenticator.authenticate(req);
                return handle(route, req);
            });
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} project={} -> {}{}", route.kind(), req.method(), req.path(), req.project(), response.status(),
                    decision == Decision.NONE ? "" : " (fault: " + decision + ")");
        }
        return new Outcome(route.kind(), response, decision.cut(), decision.delayMillis());
    }

    private SlsResponse handle(Route r, SlsRequest req) {
        return switch (r.kind()) {
            case LIST_PROJECT -> projects.list(req);
            case CREATE_PROJECT -> projects.create(req);
            case GET_PROJECT -> projects.get(req);
            case UPDATE_PROJECT -> projects.update(req);
            case DELETE_PROJECT -> projects.delete(req);
            case LIST_LOGSTORES -> logstores.list(req);
            case CREATE_LOGSTORE -> logstores.create(req);
            case GET_LOGSTORE -> logstores.get(req, r);
            case UPDATE_LOGSTORE -> logstores.update(req, r);
            case DELETE_LOGSTORE -> logstores.delete(req, r);
            case LIST_SHARDS -> logstores.listShards(req, r);
            case SPLIT_SHARD -> logstores.split(req, r);
            case MERGE_SHARDS -> logstores.merge(req, r);
            case PUT_LOGS -> data.putLogs(req, r);
            case GET_CURSOR -> data.getCursor(req, r);
            case GET_CURSOR_TIME -> data.getCursorTime(req, r);
            case PULL_LOGS -> data.pullLogs(req, r);
            case CREATE_CONSUMER_GROUP -> consumerGroups.create(req, r);
            case LIST_CONSUMER_GROUPS -> consumerGroups.list(req, r);
            case UPDATE_CONSUMER_GROUP -> consumerGroups.update(req, r);
            case DELETE_CONSUMER_GROUP -> consumerGroups.delete(req, r);
            case HEARTBEAT -> consumerGroups.heartbeat(req, r);
            case UPDATE_CHECKPOINT -> consumerGroups.updateCheckpoint(req, r);
            case GET_CHECKPOINT -> consumerGroups.getCheckpoints(req, r);
            case UNKNOWN -> throw new SlsException(404, "RequestURINotFound", "no SLS API for " + req.method() + " " + req.path()
                    + (req.params().isEmpty() ? "" : " with parameters " + req.params().keySet()));
        };
    }

    private static SlsResponse safely(java.util.function.Supplier<SlsResponse> handler) {
        try {
            return handler.get();
        } catch (SlsException e) {
            return SlsResponse.error(e);
        } catch (RuntimeException e) {
            LOG.warn("internal error", e);
            return SlsResponse.error(new SlsException(500, "InternalServerError", "emulator error: " + e));
        }
    }
}
