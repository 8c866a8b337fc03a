package org.slsconnect.emulator.sls;

import org.slsconnect.emulator.sls.api.AdminApi;
import org.slsconnect.emulator.sls.api.ApiContext;
import org.slsconnect.emulator.sls.api.ApiSettings;
import org.slsconnect.emulator.sls.api.Dispatcher;
import org.slsconnect.emulator.sls.api.PullCache;
import org.slsconnect.emulator.sls.api.RequestCounters;
import org.slsconnect.emulator.sls.auth.Authenticator;
import org.slsconnect.emulator.sls.faults.Faults;
import org.slsconnect.emulator.sls.http.SlsHttpServer;
import org.slsconnect.emulator.sls.store.ConsumerGroup;
import org.slsconnect.emulator.sls.store.Logstore;
import org.slsconnect.emulator.sls.store.Shard;
import org.slsconnect.emulator.sls.store.StoredLogGroup;
import org.slsconnect.emulator.sls.store.Store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A local Alibaba Cloud Log Service (SLS/LogHub) server that the real, unmodified SDKs talk to.
 *
 * <pre>{@code
 * try (SlsEmulator emu = SlsEmulator.builder().port(0).accessKey("id", "secret").build().start()) {
 *     emu.createProject("proj");
 *     emu.createLogstore("proj", "ls", 4);
 *     ClientConfiguration cfg = new ClientConfiguration();
 *     cfg.setProxyHost("127.0.0.1");
 *     cfg.setProxyPort(emu.port());
 *     Client client = new Client(emu.endpoint(), "id", "secret", cfg);
 *     ...
 * }
 * }</pre>
 *
 * The SDK cannot be given {@code http://127.0.0.1:port} (it rejects IPs and ports), so it is
 * pointed at the fake endpoint {@code sls.test} and reaches the emulator as its HTTP proxy.
 * All methods are thread-safe. Methods naming unknown projects/logstores/shards throw
 * {@link SlsException} with the error code the HTTP API would return.
 */
public final class SlsEmulator implements AutoCloseable {
    private final Builder config;
    private final Authenticator authenticator = new Authenticator();
    private final Faults faults = new Faults();
    private final ApiSettings settings = new ApiSettings();
    private final RequestCounters counters = new RequestCounters();
    private final PullCache pullCache;
    private final Store store;
    private volatile Supplier<Long> clock;
    private SlsHttpServer server;

    private SlsEmulator(Builder b) {
        this.config = b;
        this.clock = b.clock;
        this.store = new Store(() -> clock.get());
        this.pullCache = new PullCache(b.pullCacheBytes);
        b.keys.forEach(authenticator::addKey);
        authenticator.verifySignatures(b.verifySignatures);
        settings.expiredCursorBehavior = b.expiredCursorBehavior;
        settings.maxPullBytes = b.maxPullBytes;
        settings.autoCreateProjects = b.autoCreateProjects;
        settings.rejectUnknownConsumerWithBody = b.rejectUnknownConsumerWithBody;
        provision();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving. Returns this for chaining. */
    public synchronized SlsEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        ApiContext ctx = new ApiContext(store, faults, settings, pullCache, System::nanoTime);
        Dispatcher dispatcher = new Dispatcher(ctx, authenticator, counters, new AdminApi(this));
        SlsHttpServer s = new SlsHttpServer(config.bindAddress, config.port, config.workerThreads,
                config.endpoint, config.defaultProject, dispatcher, faults, config.tls);
        try {
            s.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        server = s;
        return this;
    }

    /** Stops the server. Data is kept in memory until the object is dropped. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    // ---------------------------------------------------------------- where clients connect

    /** The port the server listens on (the actual one when built with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The address the server is bound to; use it as the SDK's proxy host. */
    public String host() {
        return config.bindAddress;
    }

    /** The fake endpoint domain SDK clients are created with (default {@code sls.test}). */
    public String endpoint() {
        return config.endpoint;
    }

    /** {@code http://host:port}, for plain HTTP clients and the admin API. */
    public String url() {
        return "http://" + config.bindAddress + ":" + port();
    }

    // ---------------------------------------------------------------- provisioning

    public void createProject(String project) {
        store.createProject(project, "");
    }

    public void createProjectIfAbsent(String project) {
        store.createProjectIfAbsent(project);
    }

    public void deleteProject(String project) {
        store.deleteProject(project);
    }

    /** Creates a logstore with shardCount shards splitting the hash space evenly, TTL 30 days. */
    public void createLogstore(String project, String logstore, int shardCount) {
        createLogstore(project, logstore, shardCount, 30);
    }

    public void createLogstore(String project, String logstore, int shardCount, int ttlDays) {
        Store.validateLogstoreName(logstore);
        com.fasterxml.jackson.databind.node.ObjectNode cfg = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        cfg.put("logstoreName", logstore).put("ttl", ttlDays).put("shardCount", shardCount);
        store.project(project).createLogstore(new Logstore(logstore, shardCount, ttlDays, cfg, store.nowSec()));
    }

    public void deleteLogstore(String project, String logstore) {
        if (store.project(project).logstores().remove(logstore) == null) {
            throw SlsException.logstoreNotExist(logstore);
        }
    }

    /** Creates a consumer group as CreateConsumerGroup would. */
    public void createConsumerGroup(String project, String logstore, String group, int timeoutSec, boolean inOrder) {
        Logstore ls = logstore(project, logstore);
        ConsumerGroup g = new ConsumerGroup(group, timeoutSec, inOrder, System::nanoTime);
        if (ls.consumerGroups().putIfAbsent(group, g) != null) {
            throw new SlsException(400, "ConsumerGroupAlreadyExist", "consumer group already exist");
        }
    }

    // ---------------------------------------------------------------- data

    /**
     * Stores a serialized LogGroup directly (no HTTP, no validation: hostile-input tests may
     * store garbage on purpose). Receive time is the emulator clock.
     *
     * @return the group's sequence number in the shard (0, 1, 2, ...)
     * @throws SlsException ShardNotExist, or ParameterInvalid for a readonly shard
     */
    public long appendLogGroup(String project, String logstore, int shardId, byte[] serializedLogGroup) {
        return appendLogGroup(project, logstore, shardId, serializedLogGroup, store.nowSec());
    }

    /** As {@link #appendLogGroup(String, String, int, byte[])} with an explicit receive time (kept non-decreasing per shard). */
    public long appendLogGroup(String project, String logstore, int shardId, byte[] serializedLogGroup, long receiveTimeSec) {
        Shard shard = writableShard(project, logstore, shardId);
        return shard.append(Objects.requireNonNull(serializedLogGroup), receiveTimeSec);
    }

    /** Appends many groups; returns the sequence number of the first. */
    public long appendLogGroups(String project, String logstore, int shardId, List<byte[]> serializedLogGroups) {
        Shard shard = writableShard(project, logstore, shardId);
        long now = store.nowSec();
        long first = -1;
        for (byte[] g : serializedLogGroups) {
            long seq = shard.append(g, now);
            if (first < 0) {
                first = seq;
            }
        }
        return first < 0 ? shard.endSeq() : first;
    }

    private Shard writableShard(String project, String logstore, int shardId) {
        Shard shard = logstore(project, logstore).shard(shardId);
        if (shard.readOnly()) {
            throw SlsException.parameterInvalid("shard " + shardId + " is readonly");
        }
        return shard;
    }

    /** Retained (not expired) log groups of the shard. */
    public long logGroupCount(String project, String logstore, int shardId) {
        return shard(project, logstore, shardId).retainedCount();
    }

    /** Sequence number of the first retained group (moves forward on expiry). */
    public long beginSequence(String project, String logstore, int shardId) {
        return shard(project, logstore, shardId).beginSeq();
    }

    /** Sequence number the next group will get. */
    public long endSequence(String project, String logstore, int shardId) {
        return shard(project, logstore, shardId).endSeq();
    }

    /** The canonical cursor of a sequence number (what GetCursor / PullLogs would return for it). */
    public String cursor(String project, String logstore, int shardId, long sequence) {
        return shard(project, logstore, shardId).cursorOf(sequence);
    }

    public String beginCursor(String project, String logstore, int shardId) {
        Shard s = shard(project, logstore, shardId);
        return s.cursorOf(s.beginSeq());
    }

    public String endCursor(String project, String logstore, int shardId) {
        Shard s = shard(project, logstore, shardId);
        return s.cursorOf(s.endSeq());
    }

    /** The sequence number a cursor of this shard points at. */
    public long sequenceOf(String project, String logstore, int shardId, String cursor) {
        return shard(project, logstore, shardId).seqOf(org.slsconnect.emulator.sls.store.Cursors.decode(cursor));
    }

    /** The stored bytes of one retained group. */
    public byte[] logGroup(String project, String logstore, int shardId, long sequence) {
        return shard(project, logstore, shardId).get(sequence).logGroupBytes();
    }

    /** All retained groups of a shard, oldest first (bytes as stored). */
    public List<byte[]> logGroups(String project, String logstore, int shardId) {
        Shard s = shard(project, logstore, shardId);
        List<byte[]> out = new ArrayList<>();
        synchronized (s) {
            for (StoredLogGroup g : s.read(s.beginSeq(), s.endSeq(), Integer.MAX_VALUE, Long.MAX_VALUE)) {
                out.add(g.logGroupBytes());
            }
        }
        return out;
    }

    /**
     * Drops the oldest countToDrop groups of a shard (begin moves forward, sequence numbers stay).
     * Cursors before the new begin then get 400 InvalidCursor, or are served from begin, per
     * {@link #expiredCursorBehavior(ExpiredCursorBehavior)}.
     *
     * @return how many groups were dropped
     */
    public long expireLogGroups(String project, String logstore, int shardId, long countToDrop) {
        return shard(project, logstore, shardId).expire(countToDrop);
    }

    // ---------------------------------------------------------------- shards

    public List<ShardInfo> shards(String project, String logstore) {
        return logstore(project, logstore).shards().stream().map(Shard::info).toList();
    }

    /** Splits a readwrite shard at the middle of its range; returns the two new child ids. */
    public List<Integer> splitShard(String project, String logstore, int shardId) {
        return logstore(project, logstore).splitEvenly(shardId, 2, store.nowSec())
                .stream().skip(1).map(Shard::id).toList();
    }

    /** Splits at an explicit 32-hex key; returns the two new child ids. */
    public List<Integer> splitShard(String project, String logstore, int shardId, String midHashKey) {
        return logstore(project, logstore)
                .split(shardId, List.of(org.slsconnect.emulator.sls.store.HashKeys.parse(midHashKey)), store.nowSec())
                .stream().skip(1).map(Shard::id).toList();
    }

    /** Merges a readwrite shard with its right neighbour; returns the merged shard's id. */
    public int mergeShards(String project, String logstore, int shardId) {
        return logstore(project, logstore).merge(shardId, store.nowSec()).get(0).id();
    }

    // ---------------------------------------------------------------- consumer groups

    /** The checkpoint cursor of a shard in a consumer group, or "" if none was committed. */
    public String checkpoint(String project, String logstore, String consumerGroup, int shardId) {
        return logstore(project, logstore).consumerGroup(consumerGroup).checkpoint(shardId).cursor();
    }

    /** Live consumers and their assigned shards. */
    public Map<String, List<Integer>> consumerAssignments(String project, String logstore, String consumerGroup) {
        return logstore(project, logstore).consumerGroup(consumerGroup).assignments();
    }

    public List<String> consumerGroups(String project, String logstore) {
        return logstore(project, logstore).consumerGroups().keySet().stream().sorted().toList();
    }

    // ---------------------------------------------------------------- faults, counters, behaviour

    public Faults faults() {
        return faults;
    }

    /** Requests received of one kind ("PullLogs", "GetCursor", "UpdateCheckPoint", ...), error answers included. */
    public long requestCount(String kind) {
        return counters.count(ApiKind.of(kind));
    }

    public long requestCount(ApiKind kind) {
        return counters.count(kind);
    }

    /** Non-zero request counts by API name. */
    public Map<String, Long> requestCounts() {
        return counters.snapshot();
    }

    public void resetRequestCounts() {
        counters.reset();
    }

    /** Replaces the clock behind receive times, create times and TTL (epoch milliseconds). */
    public void clock(Supplier<Long> epochMillis) {
        this.clock = Objects.requireNonNull(epochMillis);
    }

    public void clock(Clock clock) {
        Objects.requireNonNull(clock);
        this.clock = clock::millis;
    }

    /** The emulator clock now, unix seconds. */
    public long nowSeconds() {
        return store.nowSec();
    }

    public void expiredCursorBehavior(ExpiredCursorBehavior behavior) {
        settings.expiredCursorBehavior = Objects.requireNonNull(behavior);
    }

    public ExpiredCursorBehavior expiredCursorBehavior() {
        return settings.expiredCursorBehavior;
    }

    /** Raw byte cap of one pull response (at least one group is always returned). */
    public void maxPullBytes(long bytes) {
        settings.maxPullBytes = bytes;
    }

    public void addAccessKey(String accessKeyId, String accessKeySecret) {
        authenticator.addKey(accessKeyId, accessKeySecret);
    }

    /** Memory for cached compressed pull bodies; 0 disables the cache. */
    public void pullCacheBytes(long bytes) {
        pullCache.capacityBytes(bytes);
    }

    /** Pull-body cache hits and misses (for benchmarks). */
    public Map<String, Long> pullCacheStats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("hits", pullCache.hits());
        m.put("misses", pullCache.misses());
        return m;
    }

    /** Drops all data, faults and counters, then re-creates the builder's pre-provisioned projects and logstores. */
    public void reset() {
        store.clear();
        pullCache.clear();
        faults.clear();
        counters.reset();
        provision();
    }

    // ---------------------------------------------------------------- internals

    private void provision() {
        for (String p : config.projects) {
            store.createProjectIfAbsent(p);
        }
        for (Builder.LogstoreSpec ls : config.logstores) {
            store.createProjectIfAbsent(ls.project());
            if (!store.project(ls.project()).logstores().containsKey(ls.logstore())) {
                createLogstore(ls.project(), ls.logstore(), ls.shards(), ls.ttlDays());
            }
        }
    }

    private Logstore logstore(String project, String logstore) {
        return store.logstore(project, logstore);
    }

    private Shard shard(String project, String logstore, int shardId) {
        Logstore ls = logstore(project, logstore);
        ls.applyTtl(store.nowSec());
        return ls.shard(shardId);
    }

    /** Settings as built. */
    public static final class Builder {
        record LogstoreSpec(String project, String logstore, int shards, int ttlDays) {
        }

        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private String endpoint = "sls.test";
        private String defaultProject;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private final List<String> projects = new ArrayList<>();
        private final List<LogstoreSpec> logstores = new ArrayList<>();
        private ExpiredCursorBehavior expiredCursorBehavior = ExpiredCursorBehavior.INVALID_CURSOR;
        private long maxPullBytes = 10L * 1024 * 1024;
        private long pullCacheBytes = 64L * 1024 * 1024;
        private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private boolean verifySignatures = true;
        private boolean autoCreateProjects;
        private boolean rejectUnknownConsumerWithBody;
        private Supplier<Long> clock = System::currentTimeMillis;
        private javax.net.ssl.SSLContext tls;

        private Builder() {
        }

        /**
         * Also serve https through the proxy route: a client with this emulator as its HTTP proxy and an
         * {@code https://} endpoint sends {@code CONNECT <project>.<endpoint>:443}; the emulator answers 200 and
         * terminates TLS with this server context (its certificate must name {@code *.<endpoint>}). Plain http
         * requests keep working on the same port.
         */
        public Builder tls(javax.net.ssl.SSLContext serverContext) {
            this.tls = serverContext;
            return this;
        }

        /** TCP port; 0 (the default) picks a free one, see {@link SlsEmulator#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Address to bind, default 127.0.0.1. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /**
         * Registers an AccessKey. With none registered, any key is accepted and signatures are
         * not checked.
         */
        public Builder accessKey(String accessKeyId, String accessKeySecret) {
            keys.put(accessKeyId, accessKeySecret);
            return this;
        }

        /** The fake endpoint domain, default {@code sls.test}; the project is the label before it. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Project for requests whose Host names none (bare endpoint, IP, localhost; SDK CNAME mode). */
        public Builder defaultProject(String project) {
            this.defaultProject = project;
            return this;
        }

        /** Pre-creates a project (also re-created by {@link SlsEmulator#reset()}). */
        public Builder project(String project) {
            projects.add(project);
            return this;
        }

        /** Pre-creates a logstore (and its project). */
        public Builder logstore(String project, String logstore, int shards) {
            return logstore(project, logstore, shards, 30);
        }

        public Builder logstore(String project, String logstore, int shards, int ttlDays) {
            logstores.add(new LogstoreSpec(project, logstore, shards, ttlDays));
            return this;
        }

        /** Default {@link ExpiredCursorBehavior#INVALID_CURSOR}. */
        public Builder expiredCursorBehavior(ExpiredCursorBehavior behavior) {
            this.expiredCursorBehavior = behavior;
            return this;
        }

        /** Raw byte cap per pull response, default 10 MiB. */
        public Builder maxPullBytes(long bytes) {
            this.maxPullBytes = bytes;
            return this;
        }

        /** Memory for cached compressed pull bodies, default 64 MiB; 0 disables the cache. */
        public Builder pullCacheBytes(long bytes) {
            this.pullCacheBytes = bytes;
            return this;
        }

        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /** Default true. False still requires a registered AccessKeyId but skips signature checks. */
        public Builder verifySignatures(boolean verify) {
            this.verifySignatures = verify;
            return this;
        }

        /** Create projects on first use instead of answering ProjectNotExist. */
        public Builder autoCreateProjects(boolean on) {
            this.autoCreateProjects = on;
            return this;
        }

        /** Answer the documented NotExistConsumerWithBody error (off by default: lenient). */
        public Builder rejectUnknownConsumerWithBody(boolean on) {
            this.rejectUnknownConsumerWithBody = on;
            return this;
        }

        /** Clock for receive times, create times and TTL, epoch milliseconds. */
        public Builder clock(Supplier<Long> epochMillis) {
            this.clock = epochMillis;
            return this;
        }

        public SlsEmulator build() {
            return new SlsEmulator(this);
        }
    }
}
