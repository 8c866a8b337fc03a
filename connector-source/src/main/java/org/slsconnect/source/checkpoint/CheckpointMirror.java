package org.slsconnect.source.checkpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.offset.SourceOffsets;
import org.slsconnect.source.read.SlsErrors;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.ConsumerGroup;
import com.aliyun.openservices.log.exception.LogException;

/**
 * Mirrors committed Connect offsets to an SLS consumer group's checkpoints, so the SLS console shows progress and
 * lag and the Python/Java consumer programs can take over (and back). It reads what Connect has committed from the
 * offset store rather than tracking polled or sent records, so a checkpoint is never ahead of the Connect offset.
 *
 * <p>A checkpoint is the cursor of the log group holding the next log. When an offset points inside a group
 * ({@code skip > 0}) a consumer program resuming from the checkpoint re-reads at most that one group.
 */
public final class CheckpointMirror {

    private static final Logger log = LoggerFactory.getLogger(CheckpointMirror.class);
    /** Consumer-group heartbeat timeout; only consumer programs use it, the connector never heartbeats. */
    private static final int GROUP_TIMEOUT_SEC = 60;

    private final Client client;
    private final String project;
    private final String group;
    private final Map<ShardRef, Map<String, Object>> partitions = new HashMap<>();
    private final Map<ShardRef, String> written = new HashMap<>();
    private final Map<ShardRef, String> finishedWithoutRecords = new ConcurrentHashMap<>();

    public CheckpointMirror(Client client, String project, String group, Collection<ShardRef> shards) {
        this.client = client;
        this.project = project;
        this.group = group;
        for (ShardRef s : shards) partitions.put(s, SourceOffsets.partition(project, s.logstore(), s.shard()));
    }

    /** Creates the consumer group in every logstore that lacks it. Failures are logged: mirroring is best effort. */
    public void ensureGroups() {
        Set<String> logstores = new LinkedHashSet<>();
        for (ShardRef s : partitions.keySet()) logstores.add(s.logstore());
        for (String logstore : logstores) ensureGroup(client, project, logstore, group);
    }

    public static void ensureGroup(Client client, String project, String logstore, String group) {
        try {
            client.CreateConsumerGroup(project, logstore, new ConsumerGroup(group, GROUP_TIMEOUT_SEC, false));
            log.info("Created SLS consumer group {} in logstore {}", group, logstore);
        } catch (LogException e) {
            if (!SlsErrors.isAlreadyExists(e)) {
                log.warn("Cannot create SLS consumer group {} in logstore {}: {}; checkpoints will not be mirrored "
                    + "until it exists", group, logstore, SlsErrors.describe(e));
            }
        }
    }

    /** A read-only shard finished without delivering a record: there is no offset, but SLS should see it done. */
    public void finishedWithoutRecords(ShardRef shard, String endCursor) {
        finishedWithoutRecords.put(shard, endCursor);
    }

    /** Writes the checkpoint of every shard whose committed offset moved since the last call. */
    public void sync(OffsetStorageReader reader) {
        Map<Map<String, Object>, Map<String, Object>> committed = reader.offsets(new ArrayList<>(partitions.values()));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<ShardRef, Map<String, Object>> e : partitions.entrySet()) {
            ShardRef shard = e.getKey();
            Map<String, Object> offset = committed.get(e.getValue());
            String cursor = offset != null ? (String) offset.get(SourceOffsets.CURSOR) : finishedWithoutRecords.get(shard);
            if (cursor == null || cursor.equals(written.get(shard))) continue;
            try {
                client.UpdateCheckPoint(project, shard.logstore(), group, shard.shard(), cursor);
                written.put(shard, cursor);
            } catch (LogException ex) {
                if ("ConsumerGroupNotExist".equalsIgnoreCase(ex.getErrorCode())) {
                    ensureGroup(client, project, shard.logstore(), group);
                }
                failures.add(shard + ": " + SlsErrors.describe(ex));
            }
        }
        if (!failures.isEmpty()) {
            log.warn("Could not mirror {} checkpoint(s) to consumer group {} (retried at the next commit): {}",
                failures.size(), group, failures);
        }
    }

    /** The cursor last written for a shard, for tests and metrics. */
    public String written(ShardRef shard) { return written.get(shard); }
}
