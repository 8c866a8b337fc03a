package org.slsconnect.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.checkpoint.CheckpointMirror;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.mapping.RecordMapper;
import org.slsconnect.source.mapping.RecordFormats;
import org.slsconnect.source.mapping.SlsRecord;
import org.slsconnect.source.metrics.ShardMetrics;
import org.slsconnect.source.metrics.TaskMetrics;
import org.slsconnect.source.offset.SourceOffsets;
import org.slsconnect.source.read.Prefetcher;
import org.slsconnect.source.read.ShardReader;
import org.slsconnect.source.read.SlsClients;

import com.aliyun.openservices.log.Client;

/**
 * Moves the logs of its assigned shards into Kafka. Background fetch threads pull into a bounded buffer;
 * {@link #poll()} hands buffered records to Connect; {@link #commitRecord} (Kafka acknowledged a record) releases
 * its memory and tells the checkpoint mirror, which writes the SLS consumer group's checkpoints on its own thread.
 */
public class SlsSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(SlsSourceTask.class);

    /** Task config key holding the task's shards, as {@link ShardRef#encodeAll}. */
    public static final String TASK_SHARDS = "task.shards";

    private SlsSourceConfig config;
    private Client client;
    private Prefetcher prefetcher;
    private CheckpointMirror mirror;
    private TaskMetrics metrics;
    private volatile boolean stopping;

    @Override
    public String version() { return Version.get(); }

    @Override
    public void start(Map<String, String> props) {
        config = new SlsSourceConfig(props);
        List<ShardRef> shards = ShardRef.decodeAll(props.get(TASK_SHARDS));
        client = SlsClients.create(config, config.fetchThreads() + 2);
        String connectorName = props.getOrDefault(SlsSourceConfig.CONNECTOR_NAME, "sls");
        // Connect names the task thread task-thread-<connector>-<task id>; no API before 4.x tells a task its id.
        String taskId = Thread.currentThread().getName().replaceAll(".*-", "");
        metrics = TaskMetrics.create(context, connectorName, taskId);
        RecordMapper mapper = RecordFormats.mapper(config);

        Map<ShardRef, Map<String, Object>> partitions = new HashMap<>();
        for (ShardRef s : shards) partitions.put(s, SourceOffsets.partition(config.project(), s.logstore(), s.shard()));
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions.values());

        String threadSuffix = connectorName + "-" + taskId;
        if (config.checkpointMirror()) {
            mirror = new CheckpointMirror(client, config.project(), config.consumerGroup(), shards, "sls-checkpoints-" + threadSuffix);
            mirror.start();
        }
        List<ShardReader> readers = new ArrayList<>();
        for (ShardRef s : shards) {
            Map<String, Object> offset = stored.get(partitions.get(s));
            SourceOffsets.Position position;
            try {
                position = offset == null ? null : SourceOffsets.parse(offset);
            } catch (ConnectException e) {
                throw new ConnectException("Shard " + s + " has an unusable Connect offset (" + e.getMessage()
                    + "); fix or reset it through the Connect REST API (PATCH/DELETE /connectors/<name>/offsets)");
            }
            ShardMetrics shardMetrics = new ShardMetrics();
            metrics.registerShard(s.logstore(), s.shard(), shardMetrics);
            readers.add(new ShardReader(client, config, s, mapper, shardMetrics, position));
        }
        prefetcher = new Prefetcher(config, "sls-fetch-" + threadSuffix, this::shardFinished);
        metrics.registerTaskGauge("sls-buffered-bytes", "Log bytes pulled and not yet acknowledged by Kafka", prefetcher::bufferedBytes);
        metrics.registerTaskGauge("sls-active-shards", "Assigned shards not yet finished", () -> (long) prefetcher.activeShards());
        prefetcher.start(readers);
        log.info("SLS source task started for {} shard(s) of project {}: {}", shards.size(), config.project(), shards);
    }

    private void shardFinished(ShardReader reader) {
        if (mirror != null && !reader.emitted() && reader.ref().readOnly()) {
            mirror.finishedWithoutRecords(reader.ref(), reader.cursor());
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) return null;
        return prefetcher.drain(config.maxPollRecords(), config.pollTimeoutMs());
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // Called on the producer's I/O thread (or after the transaction commits, with exactly-once): keep it O(1).
        SlsRecord r = (SlsRecord) record;
        prefetcher.release(r.logBytes());
        if (mirror != null) {
            mirror.acknowledged(r.sourcePartition(), r.sequence(), (String) r.sourceOffset().get(SourceOffsets.CURSOR));
        }
    }

    @Override
    public void stop() {
        stopping = true;
        if (prefetcher != null) prefetcher.close();
        if (mirror != null) mirror.close();
        if (metrics != null) metrics.close();
        if (client != null) client.shutdown();
    }
}
