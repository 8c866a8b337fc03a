package org.slsconnect.source.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the SLS source connector: definitions, defaults, validators and docs in one place.
 * The configuration reference in {@code docs/configuration.md} is generated from {@link #CONFIG_DEF}.
 */
public final class SlsSourceConfig extends AbstractConfig {

    private static final String GROUP_CONNECTION = "Connection";
    private static final String GROUP_SOURCE = "What to read";
    private static final String GROUP_DESTINATION = "Where it goes";
    private static final String GROUP_START = "Where to start and stop";
    private static final String GROUP_READING = "Reading";
    private static final String GROUP_CHECKPOINT = "Consumer-group checkpoints";

    // Connection
    public static final String ENDPOINT = "sls.endpoint";
    public static final String ACCESS_KEY_ID = "sls.access.key.id";
    public static final String ACCESS_KEY_SECRET = "sls.access.key.secret";
    public static final String SECURITY_TOKEN = "sls.security.token";
    public static final String PROXY_HOST = "sls.proxy.host";
    public static final String PROXY_PORT = "sls.proxy.port";
    public static final String CONNECT_TIMEOUT_MS = "sls.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "sls.request.timeout.ms";
    public static final String SIGNATURE_VERSION = "sls.signature.version";
    public static final String REGION = "sls.region";
    public static final String SSL_TRUSTSTORE_LOCATION = "sls.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "sls.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "sls.ssl.truststore.type";

    // Source
    public static final String PROJECT = "sls.project";
    public static final String LOGSTORES = "sls.logstores";
    public static final String SHARDS = "sls.shards";

    // Destination
    public static final String TOPIC_PATTERN = "topic.pattern";
    public static final String RECORD_KEY = "record.key";

    // Start / stop
    public static final String START_POSITION = "start.position";
    public static final String START_FALLBACK = "start.position.fallback";
    public static final String STOP_TIME = "stop.time";

    // Reading
    public static final String FETCH_LOG_GROUPS = "fetch.log.groups";
    public static final String FETCH_IDLE_BACKOFF_MS = "fetch.idle.backoff.ms";
    public static final String FETCH_THREADS = "fetch.threads";
    public static final String MAX_BUFFERED_BYTES = "max.buffered.bytes";
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    public static final String COMPRESSION = "compression";
    public static final String QUERY = "sls.query";
    public static final String EXPIRED_CURSOR_POLICY = "expired.cursor.policy";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String SHARD_DISCOVERY_INTERVAL_MS = "shard.discovery.interval.ms";

    // Checkpoints
    public static final String CONSUMER_GROUP = "sls.consumer.group";
    public static final String CHECKPOINT_MIRROR = "checkpoint.mirror.enabled";

    /** Connect passes the connector's name in its config; the default consumer group is derived from it. */
    public static final String CONNECTOR_NAME = "name";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public static final ConfigDef CONFIG_DEF = RecordFormatConfig.addDefinitions(new ConfigDef()
        // ----- Connection
        .define(ENDPOINT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.ENDPOINT, Importance.HIGH,
            "SLS endpoint of the project's region, e.g. `cn-hangzhou.log.aliyuncs.com` (an `https://` or `http://` "
                + "prefix selects the protocol; https is recommended). No port and no IP address: the SDK adds the "
                + "project as a sub-domain. To go through a local emulator or a corporate proxy set `" + PROXY_HOST + "`.",
            GROUP_CONNECTION, 1, Width.LONG, "Endpoint")
        .define(ACCESS_KEY_ID, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Validators.NON_EMPTY_PASSWORD, Importance.HIGH,
            "AccessKey ID of a RAM user (or STS) allowed to read the logstores. Use a config provider reference, "
                + "e.g. `${file:/etc/kafka-connect/secrets/sls.properties:access.key.id}`.",
            GROUP_CONNECTION, 2, Width.MEDIUM, "AccessKey ID")
        .define(ACCESS_KEY_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Validators.NON_EMPTY_PASSWORD, Importance.HIGH,
            "AccessKey secret. Never logged; shown hidden by the Connect REST API. Use a config provider reference.",
            GROUP_CONNECTION, 3, Width.MEDIUM, "AccessKey secret")
        .define(SECURITY_TOKEN, Type.PASSWORD, null, Importance.LOW,
            "STS security token, when the key pair is temporary STS credentials.",
            GROUP_CONNECTION, 4, Width.LONG, "STS security token")
        .define(PROXY_HOST, Type.STRING, "", Importance.MEDIUM,
            "HTTP proxy host that every SLS request goes through (on-premises networks often need one; the local "
                + "SLS emulator is reached this way too). Empty: connect directly.",
            GROUP_CONNECTION, 5, Width.MEDIUM, "HTTP proxy host")
        .define(PROXY_PORT, Type.INT, -1, Range.between(-1, 65535), Importance.MEDIUM,
            "HTTP proxy port; used when `" + PROXY_HOST + "` is set.",
            GROUP_CONNECTION, 6, Width.SHORT, "HTTP proxy port")
        .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, Range.atLeast(100), Importance.LOW,
            "TCP connect timeout for SLS requests, ms.", GROUP_CONNECTION, 7, Width.SHORT, "Connect timeout")
        .define(REQUEST_TIMEOUT_MS, Type.INT, 30_000, Range.atLeast(100), Importance.LOW,
            "Socket read timeout for SLS requests, ms. A pull of 1000 log groups can be 10+ MB.",
            GROUP_CONNECTION, 8, Width.SHORT, "Request timeout")
        .define(SIGNATURE_VERSION, Type.STRING, "v1", Validators.oneOf(SignatureVersion.class), Importance.LOW,
            "Request signature version: `v1` (HMAC-SHA1) or `v4` (HMAC-SHA256, needs `" + REGION + "`).",
            GROUP_CONNECTION, 9, Width.SHORT, "Signature version")
        .define(REGION, Type.STRING, "", Importance.LOW,
            "Region id for v4 signatures, e.g. `cn-hangzhou`.", GROUP_CONNECTION, 10, Width.SHORT, "Region")
        .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
            "Trust store (file on every worker) with the CA certificates an `https://` endpoint's certificate must "
                + "chain to, e.g. a private CA in front of SLS. Empty: the JVM's default trust store (public CAs, as "
                + "SLS uses). Over https the certificate and the host name (`<project>.<endpoint>`) are always "
                + "validated; the SLS SDK alone would accept any certificate.",
            GROUP_CONNECTION, 11, Width.LONG, "TLS trust store")
        .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
            "Password of `" + SSL_TRUSTSTORE_LOCATION + "`, if it has one. Use a config provider reference.",
            GROUP_CONNECTION, 12, Width.MEDIUM, "TLS trust store password")
        .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Validators.oneOf(TrustStoreType.class), Importance.LOW,
            "Format of `" + SSL_TRUSTSTORE_LOCATION + "`: `JKS` or `PKCS12` (any case).",
            GROUP_CONNECTION, 13, Width.SHORT, "TLS trust store type")

        // ----- Source
        .define(PROJECT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.PROJECT_NAME, Importance.HIGH,
            "SLS project that holds the logstores.", GROUP_SOURCE, 1, Width.MEDIUM, "Project")
        .define(LOGSTORES, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Validators.LOGSTORE_LIST, Importance.HIGH,
            "Comma-separated logstores of the project to read. Each becomes its own topic unless `" + TOPIC_PATTERN
                + "` is a fixed name.",
            GROUP_SOURCE, 2, Width.LONG, "Logstores")
        .define(SHARDS, Type.LIST, "", Validators.SHARD_LIST, Importance.LOW,
            "Optional shard filter: read only these shard ids (in every listed logstore). Empty: all shards, "
                + "including those created later by splits and merges.",
            GROUP_SOURCE, 3, Width.MEDIUM, "Shard filter")

        // ----- Destination
        .define(TOPIC_PATTERN, Type.STRING, "sls.${project}.${logstore}", Validators.TOPIC_PATTERN, Importance.HIGH,
            "Kafka topic of each record. `${project}` and `${logstore}` are replaced; a name without placeholders "
                + "sends every logstore to that one topic.",
            GROUP_DESTINATION, 1, Width.LONG, "Topic pattern")
        .define(RECORD_KEY, Type.STRING, "shard", Validators.oneOf(RecordKey.class), Importance.MEDIUM,
            "Record key. `shard`: the string `project/logstore/shard`, so each shard's logs stay in order in one "
                + "partition. `none`: null keys, the producer spreads records over partitions (no order).",
            GROUP_DESTINATION, 2, Width.SHORT, "Record key")

        // ----- Start / stop
        .define(START_POSITION, Type.STRING, "begin", Validators.START_POSITION, Importance.HIGH,
            "Where a shard with no Connect offset starts: `begin` (oldest retained data), `end` (only new data), "
                + "a point in time (ISO-8601 with zone such as `2026-01-31T08:00:00+08:00`, or epoch seconds/ms) "
                + "matched against the SLS receive time, or `consumer_group` to resume from the checkpoint of `"
                + CONSUMER_GROUP + "` (migration from the Python/Java consumer-group programs). Ignored for shards "
                + "that have an offset.",
            GROUP_START, 1, Width.MEDIUM, "Start position")
        .define(START_FALLBACK, Type.STRING, "begin", Validators.START_FALLBACK, Importance.MEDIUM,
            "With `" + START_POSITION + "=consumer_group`: where a shard starts that has no checkpoint in the group "
                + "(`begin`, `end` or a point in time).",
            GROUP_START, 2, Width.MEDIUM, "Start fallback")
        .define(STOP_TIME, Type.STRING, "", Validators.OPTIONAL_TIME, Importance.LOW,
            "Optional stop time (ISO-8601 with zone, or epoch seconds/ms, by SLS receive time) for a bounded replay: "
                + "each shard is read up to the data received before it, then finishes.",
            GROUP_START, 3, Width.MEDIUM, "Stop time")

        // ----- Reading
        .define(FETCH_LOG_GROUPS, Type.INT, 1000, Range.between(1, 1000), Importance.MEDIUM,
            "Log groups asked for per PullLogs request (SLS `count`, 1 to 1000).",
            GROUP_READING, 1, Width.SHORT, "Log groups per pull")
        .define(FETCH_IDLE_BACKOFF_MS, Type.LONG, 500L, Range.between(0, 60_000), Importance.LOW,
            "Pause before pulling a shard again after it returned no new data, ms.",
            GROUP_READING, 2, Width.SHORT, "Idle backoff")
        .define(FETCH_THREADS, Type.INT, 4, Range.between(1, 64), Importance.LOW,
            "Threads per task pulling its shards concurrently (at most one pull in flight per shard, so each "
                + "shard's order is kept).",
            GROUP_READING, 3, Width.SHORT, "Fetch threads")
        .define(MAX_BUFFERED_BYTES, Type.LONG, 16L * 1024 * 1024, Range.atLeast(1024 * 1024), Importance.MEDIUM,
            "Memory bound of a task: log bytes being pulled or pulled but not yet acknowledged by Kafka. Each pull "
                + "asks for as many log groups as fit in what is left (estimated from the shard's recent group size); "
                + "the heap the buffered records take is about 4-7x this (see docs/operations.md, Memory).",
            GROUP_READING, 4, Width.SHORT, "Max buffered bytes")
        .define(MAX_POLL_RECORDS, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
            "Records handed to Connect per poll() call at most.", GROUP_READING, 5, Width.SHORT, "Max poll records")
        .define(POLL_TIMEOUT_MS, Type.LONG, 500L, Range.between(1, 10_000), Importance.LOW,
            "Longest a poll() call waits for data before returning empty, ms (keeps stop and rebalance prompt).",
            GROUP_READING, 6, Width.SHORT, "Poll timeout")
        .define(COMPRESSION, Type.STRING, "lz4", Validators.oneOf(Compression.class), Importance.LOW,
            "Compression SLS uses for pull responses: `lz4` or `zstd` (smaller on the wire, more CPU).",
            GROUP_READING, 7, Width.SHORT, "Compression")
        .define(QUERY, Type.STRING, "", Importance.LOW,
            "Optional SLS SPL statement applied server-side to each pull (e.g. `* | where cast(status as bigint) >= 500`; "
                + "fields are varchar, so numeric comparisons need a cast). Only matching logs reach Kafka; offsets "
                + "still advance over filtered ones. With a query, event ids are not stable across re-reads.",
            GROUP_READING, 8, Width.LONG, "SPL query")
        .define(EXPIRED_CURSOR_POLICY, Type.STRING, "earliest", Validators.oneOf(ExpiredCursorPolicy.class),
            Importance.MEDIUM,
            "What to do when a stored cursor points at data SLS has already deleted (past the logstore TTL): "
                + "`earliest` continues at the oldest retained data, `latest` at the end, `fail` stops the task. "
                + "Either way it is logged with the shard and counted in the `sls-expired-cursor-total` metric (see metrics.md).",
            GROUP_READING, 9, Width.SHORT, "Expired cursor policy")
        .define(RETRY_BACKOFF_MS, Type.LONG, 200L, Range.between(1, 60_000), Importance.LOW,
            "First backoff after a retryable SLS error (5xx, ServerBusy, read quota 403, network), ms; doubles "
                + "with jitter up to `" + RETRY_BACKOFF_MAX_MS + "`. Retryable errors are retried indefinitely.",
            GROUP_READING, 10, Width.SHORT, "Retry backoff")
        .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.between(1, 600_000), Importance.LOW,
            "Longest backoff between retries, ms.", GROUP_READING, 11, Width.SHORT, "Max retry backoff")
        .define(SHARD_DISCOVERY_INTERVAL_MS, Type.LONG, 60_000L, Range.between(1_000, 3_600_000), Importance.LOW,
            "How often the connector lists shards to notice splits, merges and new shards, ms.",
            GROUP_READING, 12, Width.SHORT, "Shard discovery interval")

        // ----- Checkpoints
        .define(CONSUMER_GROUP, Type.STRING, "", Validators.OPTIONAL_NAME, Importance.MEDIUM,
            "SLS consumer group that committed offsets are mirrored to (and read from with `" + START_POSITION
                + "=consumer_group`). Empty: `kafka-connect-<connector name>`.",
            GROUP_CHECKPOINT, 1, Width.MEDIUM, "Consumer group")
        .define(CHECKPOINT_MIRROR, Type.BOOLEAN, true, Importance.MEDIUM,
            "Mirror committed Connect offsets to the consumer group's checkpoints, so the SLS console shows "
                + "progress and lag. Connect offsets remain the source of truth.",
            GROUP_CHECKPOINT, 2, Width.SHORT, "Mirror checkpoints"));

    public SlsSourceConfig(Map<String, String> props) {
        this(props, true);
    }

    private SlsSourceConfig(Map<String, String> props, boolean checkConflicts) {
        super(CONFIG_DEF, props);
        if (checkConflicts) {
            Map<String, String> conflicts = conflicts();
            if (!conflicts.isEmpty()) throw new ConfigException(conflicts.values().iterator().next());
        }
    }

    /**
     * Cross-field rules that single-field validators cannot see, as field -> message (empty: none). For
     * {@code Connector.validate}, which must report every problem on its field; the props must pass the
     * single-field validators.
     */
    public static Map<String, String> conflicts(Map<String, String> props) {
        return new SlsSourceConfig(props, false).conflicts();
    }

    private Map<String, String> conflicts() {
        Map<String, String> out = new LinkedHashMap<>();
        if (signatureVersion().equals("v4") && getString(REGION).isBlank()) {
            conflict(out, REGION, "", "is required when " + SIGNATURE_VERSION + "=v4 (e.g. cn-hangzhou)");
        }
        if (!getString(PROXY_HOST).isBlank() && getInt(PROXY_PORT) <= 0) {
            conflict(out, PROXY_PORT, getInt(PROXY_PORT), "must be set (1-65535) when " + PROXY_HOST + " is set");
        }
        if (!getString(SSL_TRUSTSTORE_LOCATION).isBlank()) {
            try {
                sslTrustStore();
            } catch (ConfigException e) {
                out.putIfAbsent(SSL_TRUSTSTORE_LOCATION, e.getMessage());
            }
        }
        // The SDK puts the project in front of the endpoint itself; a copied "project.region" host doubles it.
        String host = endpoint().replaceFirst("^(?i)https?://", "").toLowerCase(Locale.ROOT);
        if (host.startsWith(project().toLowerCase(Locale.ROOT) + ".")) {
            conflict(out, ENDPOINT, getString(ENDPOINT), "must be the region endpoint without the project, e.g. "
                + host.substring(project().length() + 1) + " (the SDK adds the project " + project() + " itself)");
        }
        if (getLong(RETRY_BACKOFF_MS) > getLong(RETRY_BACKOFF_MAX_MS)) {
            conflict(out, RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS), "must be at least " + RETRY_BACKOFF_MS
                + " (" + getLong(RETRY_BACKOFF_MS) + ")");
        }
        Optional<Instant> stop = stopTime();
        StartPosition start = startPosition();
        if (stop.isPresent() && start.kind() == StartPosition.Kind.TIME && !stop.get().isAfter(start.time())) {
            conflict(out, STOP_TIME, getString(STOP_TIME), "must be after " + START_POSITION + " (" + start
                + "): nothing would be read");
        }
        for (String logstore : logstores()) {
            if (topicFor(logstore).length() > 249) {
                conflict(out, TOPIC_PATTERN, getString(TOPIC_PATTERN), "gives the topic name '" + topicFor(logstore)
                    + "' for logstore " + logstore + ", longer than Kafka's limit of 249 characters");
                break;
            }
        }
        return out;
    }

    private static void conflict(Map<String, String> out, String field, Object value, String message) {
        out.putIfAbsent(field, new ConfigException(field, value, message).getMessage());
    }

    public String endpoint() { return getString(ENDPOINT).trim(); }
    public String accessKeyId() { return getPassword(ACCESS_KEY_ID).value(); }
    public String accessKeySecret() { return getPassword(ACCESS_KEY_SECRET).value(); }
    public Optional<String> securityToken() {
        Password token = getPassword(SECURITY_TOKEN);
        return token == null || token.value().isBlank() ? Optional.empty() : Optional.of(token.value());
    }
    public Optional<String> proxyHost() {
        String host = getString(PROXY_HOST).trim();
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }
    public int proxyPort() { return getInt(PROXY_PORT); }

    /**
     * The trust store of {@code sls.ssl.truststore.location}, loaded; empty when none is set (the JVM's default
     * trust store applies). A missing or unreadable file, a wrong password or type: a ConfigException naming the
     * field and the fix, never the password.
     */
    public Optional<java.security.KeyStore> sslTrustStore() {
        String location = getString(SSL_TRUSTSTORE_LOCATION).trim();
        if (location.isEmpty()) return Optional.empty();
        Password p = getPassword(SSL_TRUSTSTORE_PASSWORD);
        char[] password = p == null || p.value().isEmpty() ? null : p.value().toCharArray();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(location))) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance(trustStoreType().name());
            ks.load(in, password);
            return Optional.of(ks);
        } catch (java.io.IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(SSL_TRUSTSTORE_LOCATION, location, "cannot be read as a "
                + trustStoreType() + " trust store (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "): give a readable file on every worker, its " + SSL_TRUSTSTORE_TYPE + " and "
                + SSL_TRUSTSTORE_PASSWORD);
        }
    }
    private TrustStoreType trustStoreType() { return Validators.parse(TrustStoreType.class, getString(SSL_TRUSTSTORE_TYPE)); }
    public int connectTimeoutMs() { return getInt(CONNECT_TIMEOUT_MS); }
    public int requestTimeoutMs() { return getInt(REQUEST_TIMEOUT_MS); }
    /** {@code v1} or {@code v4}, lower case whatever the case configured. */
    public String signatureVersion() {
        return Validators.parse(SignatureVersion.class, getString(SIGNATURE_VERSION)).name().toLowerCase(Locale.ROOT);
    }
    public String region() { return getString(REGION).trim(); }

    public String project() { return getString(PROJECT).trim(); }
    public List<String> logstores() {
        List<String> out = new ArrayList<>();
        for (String s : getList(LOGSTORES)) if (!s.isBlank() && !out.contains(s.trim())) out.add(s.trim());
        return out;
    }
    public List<Integer> shardFilter() {
        List<Integer> out = new ArrayList<>();
        for (String s : getList(SHARDS)) if (!s.isBlank()) out.add(Integer.parseInt(s.trim()));
        return out;
    }

    public String topicFor(String logstore) {
        return getString(TOPIC_PATTERN).replace("${project}", project()).replace("${logstore}", logstore);
    }
    public boolean keyByShard() { return Validators.parse(RecordKey.class, getString(RECORD_KEY)) == RecordKey.SHARD; }

    public StartPosition startPosition() { return StartPosition.parse(getString(START_POSITION)); }
    public StartPosition startFallback() { return StartPosition.parse(getString(START_FALLBACK)); }
    public Optional<Instant> stopTime() {
        String s = getString(STOP_TIME).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(TimeParser.parse(s));
    }

    public int fetchLogGroups() { return getInt(FETCH_LOG_GROUPS); }
    public long fetchIdleBackoffMs() { return getLong(FETCH_IDLE_BACKOFF_MS); }
    public int fetchThreads() { return getInt(FETCH_THREADS); }
    public long maxBufferedBytes() { return getLong(MAX_BUFFERED_BYTES); }
    public int maxPollRecords() { return getInt(MAX_POLL_RECORDS); }
    public long pollTimeoutMs() { return getLong(POLL_TIMEOUT_MS); }
    public Compression compression() { return Validators.parse(Compression.class, getString(COMPRESSION)); }
    public Optional<String> query() {
        String q = getString(QUERY).trim();
        return q.isEmpty() ? Optional.empty() : Optional.of(q);
    }
    public ExpiredCursorPolicy expiredCursorPolicy() {
        return Validators.parse(ExpiredCursorPolicy.class, getString(EXPIRED_CURSOR_POLICY));
    }
    public long retryBackoffMs() { return getLong(RETRY_BACKOFF_MS); }
    public long retryBackoffMaxMs() { return getLong(RETRY_BACKOFF_MAX_MS); }
    public long shardDiscoveryIntervalMs() { return getLong(SHARD_DISCOVERY_INTERVAL_MS); }

    public String consumerGroup() {
        String group = getString(CONSUMER_GROUP).trim();
        if (!group.isEmpty()) return group;
        String name = originalsStrings().getOrDefault(CONNECTOR_NAME, "sls-source");
        return "kafka-connect-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
    public boolean checkpointMirror() { return getBoolean(CHECKPOINT_MIRROR); }

    public static boolean isValidName(String s) { return s != null && NAME.matcher(s).matches(); }

    /** What to do when SLS says a stored cursor's data has expired. */
    public enum ExpiredCursorPolicy { EARLIEST, LATEST, FAIL }
    public enum SignatureVersion { V1, V4 }
    public enum RecordKey { SHARD, NONE }
    public enum Compression { LZ4, ZSTD }
    public enum TrustStoreType { JKS, PKCS12 }
}
