package org.slsconnect.emulator.sls;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SLS API a request is classified as. Request counters and fault rules are keyed by it.
 * Names follow the SDK's method names; a few aliases are accepted ({@code BatchGetLog} is
 * {@code PullLogs}: both SDK calls send the same request).
 */
public enum ApiKind {
    LIST_PROJECT("ListProject"),
    CREATE_PROJECT("CreateProject"),
    GET_PROJECT("GetProject"),
    UPDATE_PROJECT("UpdateProject"),
    DELETE_PROJECT("DeleteProject"),
    LIST_LOGSTORES("ListLogStores", "ListLogStore"),
    CREATE_LOGSTORE("CreateLogStore"),
    GET_LOGSTORE("GetLogStore"),
    UPDATE_LOGSTORE("UpdateLogStore"),
    DELETE_LOGSTORE("DeleteLogStore"),
    LIST_SHARDS("ListShards", "ListShard"),
    SPLIT_SHARD("SplitShard"),
    MERGE_SHARDS("MergeShards", "MergeShard"),
    PUT_LOGS("PutLogs"),
    GET_CURSOR("GetCursor"),
    GET_CURSOR_TIME("GetCursorTime"),
    PULL_LOGS("PullLogs", "BatchGetLog", "PullLog"),
    CREATE_CONSUMER_GROUP("CreateConsumerGroup"),
    LIST_CONSUMER_GROUPS("ListConsumerGroups", "ListConsumerGroup"),
    UPDATE_CONSUMER_GROUP("UpdateConsumerGroup"),
    DELETE_CONSUMER_GROUP("DeleteConsumerGroup"),
    HEARTBEAT("HeartBeat"),
    UPDATE_CHECKPOINT("UpdateCheckPoint"),
    GET_CHECKPOINT("GetCheckPoint"),
    /** A request no SLS API matches (answered 404). */
    UNKNOWN("Unknown");

    private final String apiName;
    private final String[] aliases;

    ApiKind(String apiName, String... aliases) {
        this.apiName = apiName;
        this.aliases = aliases;
    }

    /** The SDK-style name, e.g. {@code "PullLogs"}. */
    public String apiName() {
        return apiName;
    }

    @Override
    public String toString() {
        return apiName;
    }

    /**
     * Resolves a name case-insensitively: the API name, an alias, or the enum constant.
     *
     * @throws IllegalArgumentException for unknown names, so a typo in a test fails loudly
     */
    public static ApiKind of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ApiKind k : values()) {
            if (k.apiName.toLowerCase(Locale.ROOT).equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
                return k;
            }
            for (String alias : k.aliases) {
                if (alias.toLowerCase(Locale.ROOT).equals(n)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown SLS API kind '" + name + "'; known: "
                + Arrays.stream(values()).map(ApiKind::apiName).collect(Collectors.joining(", ")));
    }
}
