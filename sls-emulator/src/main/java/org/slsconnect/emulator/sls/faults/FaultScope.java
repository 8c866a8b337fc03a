package org.slsconnect.emulator.sls.faults;

import org.slsconnect.emulator.sls.ApiKind;

import java.util.Objects;

/**
 * Which requests a fault applies to. Null parts match anything:
 * {@code FaultScope.of("PullLogs").logstore("ls").shard(1)}.
 * A shard-scoped rule only matches requests that name the shard in their path (not
 * PutLogs via {@code /shards/lb} or {@code /shards/route}).
 */
public record FaultScope(ApiKind kind, String project, String logstore, Integer shard) {

    /** Every request of every kind. */
    public static FaultScope any() {
        return new FaultScope(null, null, null, null);
    }

    /** Requests of one kind; {@code "*"} means any kind. */
    public static FaultScope of(String kind) {
        return new FaultScope(kind == null || kind.equals("*") ? null : ApiKind.of(kind), null, null, null);
    }

    public static FaultScope of(ApiKind kind) {
        return new FaultScope(kind, null, null, null);
    }

    public FaultScope project(String project) {
        return new FaultScope(kind, project, logstore, shard);
    }

    public FaultScope logstore(String logstore) {
        return new FaultScope(kind, project, logstore, shard);
    }

    public FaultScope shard(Integer shard) {
        return new FaultScope(kind, project, logstore, shard);
    }

    public boolean matches(ApiKind k, String p, String ls, Integer s) {
        return (kind == null || kind == k)
                && (project == null || project.equals(p))
                && (logstore == null || logstore.equals(ls))
                && (shard == null || Objects.equals(shard, s));
    }

    @Override
    public String toString() {
        return (kind == null ? "*" : kind.apiName())
                + (project == null ? "" : " project=" + project)
                + (logstore == null ? "" : " logstore=" + logstore)
                + (shard == null ? "" : " shard=" + shard);
    }
}
