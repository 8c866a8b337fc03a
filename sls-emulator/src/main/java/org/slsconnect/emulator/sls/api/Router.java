package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.ApiKind;

/** Maps method + path + discriminating query parameter to an {@link ApiKind}. */
public final class Router {
    private Router() {
    }

    public static Route route(SlsRequest req) {
        String[] seg = segments(req.path());
        String m = req.method();
        if (seg.length == 0) {
            return switch (m) {
                // ListProject goes to the bare endpoint with offset/size; GetProject to <project>.<endpoint>.
                case "GET" -> new Route(req.project() == null || req.params().containsKey("size")
                        ? ApiKind.LIST_PROJECT : ApiKind.GET_PROJECT, null, null, null);
                case "POST" -> new Route(ApiKind.CREATE_PROJECT, null, null, null);
                case "PUT" -> new Route(ApiKind.UPDATE_PROJECT, null, null, null);
                case "DELETE" -> new Route(ApiKind.DELETE_PROJECT, null, null, null);
                default -> unknown();
            };
        }
        if (!seg[0].equals("logstores")) {
            return unknown();
        }
        if (seg.length == 1) {
            return switch (m) {
                case "GET" -> new Route(ApiKind.LIST_LOGSTORES, null, null, null);
                case "POST" -> new Route(ApiKind.CREATE_LOGSTORE, null, null, null);
                default -> unknown();
            };
        }
        String ls = seg[1];
        if (seg.length == 2) {
            return switch (m) {
                case "GET" -> new Route(ApiKind.GET_LOGSTORE, ls, null, null);
                case "PUT" -> new Route(ApiKind.UPDATE_LOGSTORE, ls, null, null);
                case "DELETE" -> new Route(ApiKind.DELETE_LOGSTORE, ls, null, null);
                default -> unknown();
            };
        }
        if (seg[2].equals("shards")) {
            if (seg.length == 3) {
                return m.equals("GET") ? new Route(ApiKind.LIST_SHARDS, ls, null, null) : unknown();
            }
            if (seg.length != 4) {
                return unknown();
            }
            String shard = seg[3];
            if (m.equals("POST") && (shard.equals("lb") || shard.equals("route"))) {
                return new Route(ApiKind.PUT_LOGS, ls, shard, null);
            }
            if (m.equals("GET")) {
                String type = req.param("type");
                if ("cursor".equals(type)) {
                    return new Route(ApiKind.GET_CURSOR, ls, shard, null);
                }
                if ("cursor_time".equals(type)) {
                    return new Route(ApiKind.GET_CURSOR_TIME, ls, shard, null);
                }
                if ("log".equals(type) || "logs".equals(type)) {
                    return new Route(ApiKind.PULL_LOGS, ls, shard, null);
                }
            }
            if (m.equals("POST")) {
                String action = req.param("action");
                if ("split".equals(action)) {
                    return new Route(ApiKind.SPLIT_SHARD, ls, shard, null);
                }
                if ("merge".equals(action)) {
                    return new Route(ApiKind.MERGE_SHARDS, ls, shard, null);
                }
            }
            return unknown();
        }
        if (seg[2].equals("consumergroups")) {
            if (seg.length == 3) {
                return switch (m) {
                    case "GET" -> new Route(ApiKind.LIST_CONSUMER_GROUPS, ls, null, null);
                    case "POST" -> new Route(ApiKind.CREATE_CONSUMER_GROUP, ls, null, null);
                    default -> unknown();
                };
            }
            if (seg.length != 4) {
                return unknown();
            }
            String cg = seg[3];
            String shardParam = req.param("shard");
            switch (m) {
                case "GET":
                    return new Route(ApiKind.GET_CHECKPOINT, ls, shardParam, cg);
                case "PUT":
                    return new Route(ApiKind.UPDATE_CONSUMER_GROUP, ls, null, cg);
                case "DELETE":
                    return new Route(ApiKind.DELETE_CONSUMER_GROUP, ls, null, cg);
                case "POST":
                    if ("heartbeat".equals(req.param("type"))) {
                        return new Route(ApiKind.HEARTBEAT, ls, null, cg);
                    }
                    if ("checkpoint".equals(req.param("type"))) {
                        return new Route(ApiKind.UPDATE_CHECKPOINT, ls, null, cg);
                    }
                    return unknown();
                default:
                    return unknown();
            }
        }
        return unknown();
    }

    private static Route unknown() {
        return new Route(ApiKind.UNKNOWN, null, null, null);
    }

    static String[] segments(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
