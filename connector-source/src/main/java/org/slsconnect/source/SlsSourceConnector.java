package org.slsconnect.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.assign.ShardAssignment;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.checkpoint.CheckpointMirror;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.config.StartPosition;
import org.slsconnect.source.offset.SourceOffsets;
import org.slsconnect.source.read.ShardReader;
import org.slsconnect.source.read.SlsClients;
import org.slsconnect.source.read.SlsErrors;
import org.slsconnect.source.read.StartCursors;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.common.Shard;
import com.aliyun.openservices.log.exception.LogException;

/**
 * Reads one or more logstores of an SLS project. Lists their shards, spreads them over {@code tasks.max} tasks,
 * and watches for shard changes (split, merge) on its own thread, asking Connect to reassign when they change.
 * Read-only shards that have been read to their end are left out of the assignment.
 */
public class SlsSourceConnector extends SourceConnector {

    private static final Logger log = LoggerFactory.getLogger(SlsSourceConnector.class);

    private Map<String, String> props;
    private SlsSourceConfig config;
    private Client client;
    private ScheduledExecutorService discovery;
    private final Set<ShardRef> finished = new HashSet<>();
    private volatile List<ShardRef> activeShards = List.of();
    /** Failed listings in a row; only the discovery thread touches it (after start). */
    private int discoveryFailures;
    /** False until a shard listing has worked: until then the connector runs no task. */
    private volatile boolean shardsListed;

    /** Longest pause between shard listings while they keep failing. */
    static final long MAX_DISCOVERY_BACKOFF_MS = 5 * 60_000L;

    @Override
    public String version() { return Version.get(); }

    @Override
    public Class<? extends Task> taskClass() { return SlsSourceTask.class; }

    @Override
    public ConfigDef config() { return SlsSourceConfig.CONFIG_DEF; }

    @Override
    public void start(Map<String, String> props) {
        this.props = new HashMap<>(props);
        this.config = new SlsSourceConfig(props);
        this.client = SlsClients.create(config, 2);
        long firstDiscoveryMs = config.shardDiscoveryIntervalMs();
        try {
            activeShards = listActiveShards();
            shardsListed = true;
            log.info("SLS source connector reads {} shard(s) of {}/{}", activeShards.size(), config.project(), config.logstores());
        } catch (LogException e) {
            // Connect does not restart a failed connector: fail only when a user must change something; anything
            // SLS may get over by itself (busy, throttled, unreachable) is retried by the discovery loop, with no
            // tasks until the first listing works.
            if (SlsErrors.classify(e) != SlsErrors.Verdict.RETRY) {
                throw new ConnectException("Cannot list the shards of " + config.logstores() + " in project "
                    + config.project() + ": " + SlsErrors.describe(e, "log:ListShards"));
            }
            discoveryFailures = 1;
            firstDiscoveryMs = discoveryDelayMs(config.retryBackoffMs(), 0);
            log.warn("Cannot list the shards of {}/{} yet, retrying in the background: {}", config.project(),
                config.logstores(), SlsErrors.describe(e, "log:ListShards"));
        }
        discovery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sls-shard-discovery-" + props.getOrDefault(SlsSourceConfig.CONNECTOR_NAME, "sls"));
            t.setDaemon(true);
            return t;
        });
        scheduleDiscovery(firstDiscoveryMs);
    }

    private void scheduleDiscovery(long delayMs) {
        try {
            discovery.schedule(this::discover, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the executor down
        }
    }

    private void discover() {
        long interval = config.shardDiscoveryIntervalMs();
        long next = interval;
        try {
            List<ShardRef> now = listActiveShards();
            if (discoveryFailures > 0) log.info("Shard discovery works again after {} failure(s)", discoveryFailures);
            discoveryFailures = 0;
            if (!shardsListed || !now.equals(activeShards)) {
                log.info("SLS shards changed from {} to {}; reassigning tasks", shardsListed ? activeShards : "unknown", now);
                activeShards = now;
                shardsListed = true;
                context.requestTaskReconfiguration();
            }
        } catch (LogException e) {
            next = discoveryDelayMs(shardsListed ? interval : config.retryBackoffMs(), ++discoveryFailures);
            // 1st, 2nd, 4th, 8th... failure of a streak: visible without a log storm.
            if (Integer.bitCount(discoveryFailures) == 1) {
                log.warn("Shard discovery failed ({} time(s) in a row), next try in {} ms: {}", discoveryFailures, next,
                    SlsErrors.describe(e, "log:ListShards"));
            }
        } catch (RuntimeException e) {
            next = discoveryDelayMs(shardsListed ? interval : config.retryBackoffMs(), ++discoveryFailures);
            if (Integer.bitCount(discoveryFailures) == 1) {
                log.warn("Shard discovery failed ({} time(s) in a row), next try in {} ms", discoveryFailures, next, e);
            }
        } finally {
            scheduleDiscovery(next);
        }
    }

    /**
     * Delay before the next listing after {@code failures} failures in a row: doubles from the interval up to
     * {@link #MAX_DISCOVERY_BACKOFF_MS} (or the interval, if longer), so wrong or revoked credentials and a
     * deleted logstore do not keep hitting SLS at the discovery rate while the tasks wait to be fixed.
     */
    static long discoveryDelayMs(long intervalMs, int failures) {
        long cap = Math.max(intervalMs, MAX_DISCOVERY_BACKOFF_MS);
        if (failures <= 0) return intervalMs;
        return Math.min(cap, intervalMs << Math.min(failures, 20));
    }

    /** Every shard to read, sorted: all listed shards minus filtered and finished read-only ones. */
    private synchronized List<ShardRef> listActiveShards() throws LogException {
        List<Integer> filter = config.shardFilter();
        List<ShardRef> all = new ArrayList<>();
        for (String logstore : config.logstores()) {
            for (Shard shard : client.ListShard(config.project(), logstore).GetShards()) {
                if (!filter.isEmpty() && !filter.contains(shard.getShardId())) continue;
                all.add(new ShardRef(logstore, shard.getShardId(), "readonly".equalsIgnoreCase(shard.getStatus())));
            }
        }
        all.sort(ShardRef.ORDER);
        List<ShardRef> active = new ArrayList<>();
        for (ShardRef s : all) if (!isFinished(s)) active.add(s);
        return active;
    }

    /** A read-only shard is finished when its committed offset says so or sits at the shard's final end. */
    private boolean isFinished(ShardRef shard) throws LogException {
        if (!shard.readOnly()) return false;
        if (finished.contains(shard)) return true;
        Map<String, Object> partition = SourceOffsets.partition(config.project(), shard.logstore(), shard.shard());
        Map<String, Object> offset = context().offsetStorageReader().offset(partition);
        if (offset == null) return false;
        SourceOffsets.Position position = SourceOffsets.parse(offset);
        boolean done = position.finished()
            || ShardReader.readOnlyShardAtEnd(client, config.project(), shard, position.cursor(), position.skip());
        if (done) finished.add(shard);
        return done;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        List<ShardRef> shards = activeShards;
        if (!shardsListed) {
            log.info("No task until the shards of {}/{} can be listed", config.project(), config.logstores());
            return configs;
        }
        if (shards.isEmpty()) {
            log.info("No shard left to read in {}/{}", config.project(), config.logstores());
            return configs;
        }
        for (List<ShardRef> group : ShardAssignment.assign(shards, maxTasks)) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(SlsSourceTask.TASK_SHARDS, ShardRef.encodeAll(group));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (discovery != null) discovery.shutdownNow();
        if (client != null) client.shutdown();
    }

    /** Every record has an exact offset and a task resumes at any of them, as KIP-618 requires. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Field-level checks beyond the single-field validators: cross-field rules, then (when the fields are valid) a
     * few read-only requests per logstore to SLS with the given credentials, so a wrong endpoint, key, secret,
     * permission, project, logstore or shard filter is reported on the field to fix. Connect runs this for
     * {@code PUT /connector-plugins/<class>/config/validate} and before creating or updating the connector.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue v : result.configValues()) values.put(v.name(), v);
        boolean fieldErrors = result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (fieldErrors) return result;
        Map<String, String> conflicts = SlsSourceConfig.conflicts(connectorConfigs);
        if (!conflicts.isEmpty()) {
            conflicts.forEach((field, message) -> addError(values, field, message));
            return result;
        }
        probe(new SlsSourceConfig(connectorConfigs), values);
        return result;
    }

    /**
     * Per logstore: ListShards (endpoint, credentials, project, logstore), the shard filter against the shards,
     * GetCursor (read permission) and, for {@code start.position=consumer_group}, GetCheckPoint. All read-only.
     * Stops at the first error that would repeat for every logstore (anything but a missing logstore).
     */
    private static void probe(SlsSourceConfig cfg, Map<String, ConfigValue> values) {
        Client probe = SlsClients.create(cfg, 2);
        try {
            for (String logstore : cfg.logstores()) {
                String action = "log:ListShards";
                try {
                    List<Shard> shards = probe.ListShard(cfg.project(), logstore).GetShards();
                    List<Integer> ids = new ArrayList<>();
                    for (Shard s : shards) ids.add(s.getShardId());
                    List<Integer> filter = cfg.shardFilter();
                    if (!filter.isEmpty() && filter.stream().noneMatch(ids::contains)) {
                        addError(values, SlsSourceConfig.SHARDS, new ConfigException(SlsSourceConfig.SHARDS,
                            cfg.originalsStrings().get(SlsSourceConfig.SHARDS), "matches no shard of logstore " + logstore
                                + " (its shards: " + ids + "); nothing would be read").getMessage());
                    }
                    if (ids.isEmpty()) continue;
                    action = "log:GetCursorOrData";
                    probe.GetCursor(cfg.project(), logstore, ids.get(0), Consts.CursorMode.END);
                    if (cfg.startPosition().kind() == StartPosition.Kind.CONSUMER_GROUP) {
                        action = "log:GetConsumerGroupCheckPoint";
                        try {
                            probe.GetCheckPoint(cfg.project(), logstore, cfg.consumerGroup(), ids.get(0));
                        } catch (LogException e) {
                            if (!"ConsumerGroupNotExist".equalsIgnoreCase(e.getErrorCode())) throw e;
                        }
                    }
                } catch (LogException e) {
                    if (SlsErrors.classify(e) == SlsErrors.Verdict.RETRY && !SlsErrors.isNetwork(e)) {
                        // Busy or throttled right now: not a config problem, and the tasks retry it.
                        log.warn("Validation could not check logstore {}: {}", logstore, SlsErrors.describe(e));
                        continue;
                    }
                    addError(values, fieldFor(e), SlsErrors.describe(e, action) + " (checked with " + action
                        + " on " + cfg.project() + "/" + logstore + ")");
                    if (!"LogStoreNotExist".equalsIgnoreCase(e.getErrorCode())) break;
                }
            }
        } finally {
            probe.shutdown();
        }
    }

    private static String fieldFor(LogException e) {
        if (SlsErrors.isNetwork(e)) return SlsSourceConfig.ENDPOINT;
        switch (e.getErrorCode() == null ? "" : e.getErrorCode()) {
            case "LogStoreNotExist": return SlsSourceConfig.LOGSTORES;
            case "ProjectNotExist": return SlsSourceConfig.PROJECT;
            case "SignatureNotMatch": return SlsSourceConfig.ACCESS_KEY_SECRET;
            case "SecurityTokenExpired":
            case "InvalidSecurityToken": return SlsSourceConfig.SECURITY_TOKEN;
            case "Unauthorized":
            case "InvalidAccessKeyId": return SlsSourceConfig.ACCESS_KEY_ID;
            default: return SlsSourceConfig.ENDPOINT;
        }
    }

    private static void addError(Map<String, ConfigValue> values, String field, String message) {
        ConfigValue v = values.get(field);
        if (v != null) v.addErrorMessage(message);
    }

    /**
     * Called for {@code PATCH/DELETE /connectors/<name>/offsets} (KIP-875), possibly before {@link #start}.
     * A reset (null offset) is always accepted, whatever the partition names, as Kafka's own connectors do: it
     * must work for a logstore that left the config too. A new offset is checked: it must name the connector's
     * project, one of its logstores and a valid position. Then, when mirroring is on, the consumer-group
     * checkpoints follow, best effort: a shard SLS cannot update (deleted, expired, unreachable) is logged and
     * skipped, since Connect's offsets are what the tasks read from. No @Override: the plugin compiles against
     * the Connect 3.3 API, which lacks this method (3.6+).
     */
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        SlsSourceConfig cfg = new SlsSourceConfig(connectorConfig);
        List<Map.Entry<ShardRef, SourceOffsets.Position>> changes = new ArrayList<>();
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            Map<String, ?> partition = e.getKey();
            boolean ours = cfg.project().equals(partition.get(SourceOffsets.PROJECT))
                && cfg.logstores().contains(partition.get(SourceOffsets.LOGSTORE));
            if (e.getValue() == null) {
                // A reset: nothing to check; mirrored only for a shard of a configured logstore.
                if (ours && partition.get(SourceOffsets.SHARD) instanceof Number) {
                    changes.add(Map.entry(new ShardRef((String) partition.get(SourceOffsets.LOGSTORE),
                        SourceOffsets.shardOf(partition), false), RESET));
                }
                continue;
            }
            if (!cfg.project().equals(partition.get(SourceOffsets.PROJECT))) {
                throw new ConnectException("Partition " + partition + ": '" + SourceOffsets.PROJECT + "' must be "
                    + cfg.project() + " (the connector's " + SlsSourceConfig.PROJECT + ")");
            }
            if (!ours) {
                throw new ConnectException("Partition " + partition + ": '" + SourceOffsets.LOGSTORE + "' must be one of "
                    + cfg.logstores());
            }
            int shard = SourceOffsets.shardOf(partition);
            changes.add(Map.entry(new ShardRef((String) partition.get(SourceOffsets.LOGSTORE), shard, false),
                SourceOffsets.parse(e.getValue())));
        }
        if (cfg.checkpointMirror() && !changes.isEmpty()) mirrorAlteredOffsets(cfg, changes);
        return true;
    }

    /** Stands for a reset offset in {@link #mirrorAlteredOffsets}. */
    private static final SourceOffsets.Position RESET = new SourceOffsets.Position("", 0, false);

    private static void mirrorAlteredOffsets(SlsSourceConfig cfg, Collection<Map.Entry<ShardRef, SourceOffsets.Position>> changes) {
        Client c = SlsClients.create(cfg, 2);
        try {
            Set<String> groupsEnsured = new HashSet<>();
            for (Map.Entry<ShardRef, SourceOffsets.Position> change : changes) {
                ShardRef shard = change.getKey();
                try {
                    String cursor = change.getValue().cursor();
                    if (cursor.isEmpty()) {
                        StartPosition start = cfg.startPosition();
                        if (start.kind() == StartPosition.Kind.CONSUMER_GROUP) continue;
                        cursor = StartCursors.resolve(c, cfg.project(), shard.logstore(), shard.shard(), start);
                    }
                    if (groupsEnsured.add(shard.logstore())) {
                        CheckpointMirror.ensureGroup(c, cfg.project(), shard.logstore(), cfg.consumerGroup());
                    }
                    c.UpdateCheckPoint(cfg.project(), shard.logstore(), cfg.consumerGroup(), shard.shard(), cursor);
                    log.info("Consumer group {} checkpoint of {} set to {} after an offsets change", cfg.consumerGroup(), shard, cursor);
                } catch (LogException e) {
                    log.warn("Connect offsets of {} changed, but the SLS consumer group {} checkpoint could not follow: "
                        + "{}. The connector's own position is the Connect offset; the checkpoint catches up when the "
                        + "shard is read again", shard, cfg.consumerGroup(), SlsErrors.describe(e));
                }
            }
        } finally {
            c.shutdown();
        }
    }
}
