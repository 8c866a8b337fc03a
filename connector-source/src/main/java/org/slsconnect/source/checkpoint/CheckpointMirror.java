package org.slsconnect.source.checkpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.offset.SourceOffsets;
import org.slsconnect.source.read.SlsErrors;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.ConsumerGroup;
import com.aliyun.openservices.log.exception.LogException;

/**
 * Mirrors how far Kafka has acknowledged each shard to an SLS consumer group's checkpoints, so the SLS console
 * shows progress and lag and the Python/Java consumer programs can take over (and back).
 *
 * <p>It works from memory: {@link #acknowledged} is told of every record Kafka acknowledged (with exactly-once,
 * once its transaction committed), and a background thread writes the checkpoints that moved every
 * {@link #INTERVAL_MS}. So the task thread never waits for SLS and nothing reads the offsets topic. A checkpoint
 * only names a position whose every earlier log is in Kafka: records acknowledged out of order (a shard spread
 * over partitions with {@code record.key=none}) move it only once the records before them are acknowledged too.
 *
 * <p>A checkpoint is the cursor of the log group holding the next log. When that log is inside a group a consumer
 * program resuming from the checkpoint re-reads at most that one group.
 */
public final class CheckpointMirror implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointMirror.class);
    /** Consumer-group heartbeat timeout; only consumer programs use it, the connector never heartbeats. */
    private static final int GROUP_TIMEOUT_SEC = 60;
    /** How often moved checkpoints are written: at most one UpdateCheckPoint per moved shard per interval. */
    static final long INTERVAL_MS = 2_000;

    private final Client client;
    private final String project;
    private final String group;
    /** Keyed by the Connect partition map, which every record of the shard carries. Fixed after construction. */
    private final Map<Map<String, ?>, Progress> shards = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    /** The last write failed (SLS down or refusing): a stop then does not wait for it once more. */
    private volatile boolean failing;

    public CheckpointMirror(Client client, String project, String group, Collection<ShardRef> refs, String threadName) {
        this.client = client;
        this.project = project;
        this.group = group;
        for (ShardRef s : refs) shards.put(SourceOffsets.partition(project, s.logstore(), s.shard()), new Progress(s));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the consumer groups (in the background), then writes moved checkpoints every interval. */
    public void start() {
        scheduler.execute(this::ensureGroups);
        scheduler.scheduleWithFixedDelay(this::flush, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Creates the consumer group in every logstore that lacks it. Failures are logged: mirroring is best effort. */
    void ensureGroups() {
        Set<String> logstores = new LinkedHashSet<>();
        for (Progress p : shards.values()) logstores.add(p.shard.logstore());
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

    /**
     * Kafka acknowledged the record number {@code sequence} (0, 1, 2... in the order the shard's reader produced
     * them) of the shard of {@code partition}; its offset names {@code cursor}. O(1) when acknowledgements come in
     * order, as they do for a shard kept in one Kafka partition. Called on the producer's thread.
     */
    public void acknowledged(Map<String, ?> partition, long sequence, String cursor) {
        Progress p = shards.get(partition);
        if (p != null) p.acknowledged(sequence, cursor);
    }

    /** A read-only shard finished without delivering a record: there is no offset, but SLS should see it done. */
    public void finishedWithoutRecords(ShardRef shard, String endCursor) {
        Progress p = shards.get(SourceOffsets.partition(project, shard.logstore(), shard.shard()));
        if (p != null) p.reachedEnd(endCursor);
    }

    /** Writes the checkpoint of every shard that moved since the last write. */
    void flush() {
        List<String> failures = new ArrayList<>();
        for (Progress p : shards.values()) {
            String cursor = p.toWrite();
            if (cursor == null) continue;
            try {
                client.UpdateCheckPoint(project, p.shard.logstore(), group, p.shard.shard(), cursor);
                p.written(cursor);
            } catch (LogException ex) {
                if ("ConsumerGroupNotExist".equalsIgnoreCase(ex.getErrorCode())) {
                    ensureGroup(client, project, p.shard.logstore(), group);
                }
                failures.add(p.shard + ": " + SlsErrors.describe(ex));
            } catch (RuntimeException ex) {
                failures.add(p.shard + ": " + ex);
            }
        }
        failing = !failures.isEmpty();
        if (!failures.isEmpty()) {
            log.warn("Could not mirror {} checkpoint(s) to consumer group {} (retried in {} ms): {}",
                failures.size(), group, INTERVAL_MS, failures);
        }
    }

    /**
     * Stops the schedule after one last write of what moved, so a clean stop leaves SLS up to date; skipped while
     * SLS is failing, so a stop is not held up by requests that time out.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (scheduler.awaitTermination(5, TimeUnit.SECONDS) && !failing) flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One shard's acknowledged position. */
    private static final class Progress {
        final ShardRef shard;
        /** The sequence number of the next record whose acknowledgement moves the position. */
        private long next;
        /** Acknowledged ahead of {@link #next}: sequence to cursor. Empty when acknowledgements come in order. */
        private final Map<Long, String> early = new HashMap<>();
        private String acknowledged;
        private String written;

        Progress(ShardRef shard) { this.shard = shard; }

        synchronized void acknowledged(long sequence, String cursor) {
            if (sequence != next) {
                if (sequence > next) early.put(sequence, cursor);
                return;
            }
            String c = cursor;
            next++;
            while (!early.isEmpty()) {
                String more = early.remove(next);
                if (more == null) break;
                c = more;
                next++;
            }
            acknowledged = c;
        }

        synchronized void reachedEnd(String endCursor) {
            if (next == 0) acknowledged = endCursor;
        }

        /** The cursor to write, or null if it has not moved since the last write. */
        synchronized String toWrite() {
            return acknowledged == null || acknowledged.equals(written) ? null : acknowledged;
        }

        synchronized void written(String cursor) { written = cursor; }
    }
}
