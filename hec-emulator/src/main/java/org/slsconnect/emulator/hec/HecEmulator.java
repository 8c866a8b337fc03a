package org.slsconnect.emulator.hec;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A local Splunk HTTP Event Collector (HEC) that Splunk Connect for Kafka accepts, with an in-memory event store
 * and fault injection. Start one per test:
 *
 * <pre>{@code
 * try (HecEmulator hec = HecEmulator.builder().port(0).token("tok", true).build().start()) {
 *     // point splunk.hec.uri at hec.url(), splunk.hec.token at "tok"
 *     hec.awaitEvents(100, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * Thread-safe. Admin HTTP API under {@code /_emulator/} on the same port (and on {@link Builder#adminPort} if set).
 */
public final class HecEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HecEmulator.class);

    private final String host;
    private final int requestedPort;
    private final int requestedAdminPort;
    private final int ioThreads;
    private final int maxContentLength;
    private final boolean adminApiEnabled;
    private final HecService service;
    private final HecFaults faults;
    private final AdminApi admin;
    private final ScheduledExecutorService timer;
    private final javax.net.ssl.SSLContext tls;   // null: plain http

    private final Object lifecycle = new Object();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ServerBootstrap hecBootstrap;
    private ChannelGroup hecConnections;
    private volatile Channel hecChannel;
    private Channel adminChannel;
    private volatile int port = -1;
    private volatile int adminPort = -1;
    private volatile boolean started;
    private volatile boolean closed;

    private HecEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.requestedAdminPort = b.adminPort;
        this.ioThreads = b.ioThreads > 0 ? b.ioThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
        this.maxContentLength = b.maxContentLength;
        this.adminApiEnabled = b.adminApi;
        this.tls = b.tls;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hec-emulator-faults");
            t.setDaemon(true);
            return t;
        });
        this.faults = new HecFaults(new HecFaults.DownHandler() {
            @Override
            public void apply(DownMode newMode, DownMode oldMode) {
                applyDown(newMode, oldMode);
            }

            @Override
            public void dropPendingAcks() {
                service.acks.dropPending();
            }
        }, timer);
        HecService.Options o = new HecService.Options();
        o.knownIndexes = b.knownIndexes == null ? null : Set.copyOf(b.knownIndexes);
        o.atomicBatches = b.atomicBatches;
        o.rawRequiresChannel = b.rawRequiresChannel;
        o.storeConfigChecks = b.storeConfigChecks;
        o.maxStoredEvents = b.maxStoredEvents;
        o.maxStoredRequests = b.maxStoredRequests;
        o.rawTimePrefix = b.rawTimePrefix == null ? null : java.util.regex.Pattern.compile(b.rawTimePrefix);
        this.service = new HecService(o, faults);
        for (HecToken t : b.tokens) {
            service.tokens.put(t.value(), t);
        }
        this.admin = new AdminApi(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Binds the port(s) and starts serving. Returns {@code this}. */
    public HecEmulator start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            if (closed) {
                throw new IllegalStateException("closed");
            }
            bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            workerGroup = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
            hecConnections = new DefaultChannelGroup("hec-connections", GlobalEventExecutor.INSTANCE);
            try {
                hecBootstrap = bootstrap(false);
                hecChannel = bind(hecBootstrap, requestedPort);
                port = ((InetSocketAddress) hecChannel.localAddress()).getPort();
                if (requestedAdminPort >= 0) {
                    adminChannel = bind(bootstrap(true), requestedAdminPort);
                    adminPort = ((InetSocketAddress) adminChannel.localAddress()).getPort();
                }
            } catch (RuntimeException e) {
                shutdownGroups();
                throw e;
            }
            started = true;
            LOG.info("HEC emulator listening on {} (tokens: {})", url(), service.tokens.size());
            return this;
        }
    }

    private ServerBootstrap bootstrap(boolean adminOnly) {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!adminOnly) {
                            if (faults.downMode() == DownMode.REFUSE) {
                                ch.close();
                                return;
                            }
                            hecConnections.add(ch);
                        }
                        if (tls != null && !adminOnly) {
                            javax.net.ssl.SSLEngine engine = tls.createSSLEngine();
                            engine.setUseClientMode(false);
                            ch.pipeline().addLast("tls", new io.netty.handler.ssl.SslHandler(engine));
                        }
                        ch.pipeline()
                                .addLast("codec", new HttpServerCodec(8192, 64 * 1024, 64 * 1024))
                                .addLast("te", TransferEncodingRecorder.INSTANCE)
                                .addLast("aggregator", new HttpObjectAggregator(maxContentLength))
                                .addLast("hec", new HecChannelHandler(HecEmulator.this, adminOnly));
                    }
                });
    }

    static final io.netty.util.AttributeKey<String> TRANSFER_ENCODING =
            io.netty.util.AttributeKey.valueOf("hec.transferEncoding");

    /** Remembers the request's Transfer-Encoding, which HttpObjectAggregator removes. */
    @io.netty.channel.ChannelHandler.Sharable
    static final class TransferEncodingRecorder extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final TransferEncodingRecorder INSTANCE = new TransferEncodingRecorder();

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.handler.codec.http.HttpRequest req) {
                ctx.channel().attr(TRANSFER_ENCODING)
                        .set(req.headers().get(io.netty.handler.codec.http.HttpHeaderNames.TRANSFER_ENCODING));
            }
            ctx.fireChannelRead(msg);
        }
    }

    private Channel bind(ServerBootstrap b, int p) {
        InterruptedException interrupted = null;
        Throwable last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            var f = b.bind(host, p).awaitUninterruptibly();
            if (f.isSuccess()) {
                return f.channel();
            }
            last = f.cause();
            if (!(last instanceof BindException) || p == 0) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                interrupted = e;
                break;
            }
        } while (System.nanoTime() < deadline);
        if (interrupted != null) {
            Thread.currentThread().interrupt();
        }
        java.io.IOException io = last instanceof java.io.IOException ioe ? ioe
                : new java.io.IOException("cannot bind " + host + ":" + p, last);
        throw new UncheckedIOException("cannot bind " + host + ":" + p, io);
    }

    private boolean inEventLoop() {
        EventLoopGroup g = workerGroup;
        if (g == null) {
            return false;
        }
        for (EventExecutor e : g) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return bossGroup != null && bossGroup.next().inEventLoop();
    }

    /** The connection whose admin request is being handled on this thread (kept open until its reply is sent). */
    private static final ThreadLocal<Channel> CURRENT_ADMIN_CONNECTION = new ThreadLocal<>();

    /**
     * Called by HecFaults under its lock. From a normal thread it waits until the socket is closed / bound again;
     * on an event loop (admin HTTP request) it only starts the operations, it never blocks the loop.
     */
    private void applyDown(DownMode newMode, DownMode oldMode) {
        if (!started || closed) {
            return;
        }
        boolean async = inEventLoop();
        if (newMode == DownMode.REFUSE) {
            Channel c = hecChannel;
            hecChannel = null;
            Channel keep = CURRENT_ADMIN_CONNECTION.get();
            var closing = hecConnections.close(ch -> ch != keep);
            if (c != null) {
                var f = c.close();
                if (!async) {
                    f.awaitUninterruptibly();
                    closing.awaitUninterruptibly();
                    awaitRefusing();
                }
            }
            LOG.info("HEC emulator down (refusing connections on port {})", port);
            return;
        }
        if (hecChannel == null) {
            if (async) {
                hecBootstrap.bind(host, port).addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.warn("cannot re-bind port {}", port, f.cause());
                    } else if (closed) {
                        ((io.netty.channel.ChannelFuture) f).channel().close();
                    } else {
                        hecChannel = ((io.netty.channel.ChannelFuture) f).channel();
                    }
                });
            } else {
                synchronized (lifecycle) {
                    if (closed) {
                        return;
                    }
                    hecChannel = bind(hecBootstrap, port);
                }
            }
        }
        LOG.info(newMode == null ? "HEC emulator up on port {}" : "HEC emulator down (closing requests) on port {}",
                port);
    }

    /** Stops serving and releases the port(s). Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            timer.shutdownNow();
            if (!started) {
                return;
            }
            if (hecChannel != null) {
                hecChannel.close().awaitUninterruptibly();
            }
            if (adminChannel != null) {
                adminChannel.close().awaitUninterruptibly();
            }
            hecConnections.close().awaitUninterruptibly();
            shutdownGroups();
        }
    }

    /**
     * NIO defers the real close of a listening socket registered with a selector until the selector's next round,
     * so for a moment connects still succeed. Wait (bounded) until the port refuses connections.
     */
    private void awaitRefusing() {
        String probeHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress(probeHost, port), 200);
            } catch (java.io.IOException refused) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("port {} still accepts connections after close", port);
    }

    private void shutdownGroups() {
        var a = bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        var b = workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        a.awaitUninterruptibly(5, TimeUnit.SECONDS);
        b.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    Reply dispatch(Channel connection, FullHttpRequest req, boolean onAdminPort) {
        QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        HecService.Req r = new HecService.Req();
        r.method = req.method().name();
        r.uri = req.uri();
        r.path = qs.rawPath();
        r.query = qs.parameters();
        r.headers = req.headers();
        r.body = req.content();
        r.originalTransferEncoding = connection.attr(TRANSFER_ENCODING).getAndSet(null);
        boolean adminPath = r.path.equals(AdminApi.PREFIX) || r.path.startsWith(AdminApi.PREFIX + "/");
        if (adminPath && adminApiEnabled) {
            CURRENT_ADMIN_CONNECTION.set(connection);
            try {
                return admin.handle(r, !onAdminPort);
            } finally {
                CURRENT_ADMIN_CONNECTION.remove();
            }
        }
        if (onAdminPort) {
            return Reply.json(404, "{\"ok\":false,\"error\":\"the admin port serves only /_emulator/...\"}", -1);
        }
        return service.handle(r);
    }

    // ------------------------------------------------------------------------------------------------ info

    /** The bound HEC port (after {@link #start()}). */
    public int port() {
        checkStarted();
        return port;
    }

    /**
     * Base URL for {@code splunk.hec.uri}, e.g. {@code http://127.0.0.1:8088} (no trailing slash); {@code https://}
     * when serving TLS ({@link Builder#tls}).
     */
    public String url() {
        checkStarted();
        return (tls == null ? "http://" : "https://") + urlHost() + ":" + port;
    }

    /** The separate admin port, or -1 when none was configured. */
    public int adminPort() {
        return adminPort;
    }

    /** Base URL of the admin API, e.g. {@code http://127.0.0.1:8088/_emulator}. */
    public String adminUrl() {
        checkStarted();
        String scheme = tls != null && adminPort < 0 ? "https://" : "http://";
        return scheme + urlHost() + ":" + (adminPort >= 0 ? adminPort : port) + AdminApi.PREFIX;
    }

    private String urlHost() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private void checkStarted() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
    }

    // ------------------------------------------------------------------------------------------------ events

    /** A snapshot of the stored events in arrival order. */
    public List<ReceivedEvent> events() {
        return service.store.snapshot();
    }

    /** Stored events matching {@code filter}, in arrival order. */
    public List<ReceivedEvent> events(Predicate<? super ReceivedEvent> filter) {
        return service.store.filter(filter);
    }

    /** Stored events of one (resolved) index. */
    public List<ReceivedEvent> events(String index) {
        Objects.requireNonNull(index, "index");
        return service.store.filter(e -> index.equals(e.index()));
    }

    /** Stored events except the sink's {@code validate()} probes (sourcetype {@code kafka-connect}). */
    public List<ReceivedEvent> dataEvents() {
        return service.store.filter(e -> !e.isConfigCheck());
    }

    /**
     * Number of events accepted since start / the last reset (including events evicted from a bounded store).
     * Saturates at {@link Integer#MAX_VALUE}; see {@link #stats()} for the long value.
     */
    public int eventCount() {
        return (int) Math.min(Integer.MAX_VALUE, service.store.total());
    }

    /** Waits until at least {@code n} events were accepted. Returns false on timeout (or interrupt). */
    public boolean awaitEvents(int n, Duration timeout) {
        try {
            return service.store.awaitTotal(n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until at least {@code n} stored events match {@code filter}. Returns false on timeout (or interrupt). */
    public boolean awaitEvents(Predicate<? super ReceivedEvent> filter, int n, Duration timeout) {
        try {
            return service.store.awaitMatching(filter, n, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** HEC requests received (newest last, bounded by {@link Builder#maxStoredRequests}). */
    public List<ReceivedRequest> requests() {
        return service.requests();
    }

    public HecStats stats() {
        return service.stats();
    }

    public HecFaults faults() {
        return faults;
    }

    /** Forgets stored events and their counters (ack state and requests are kept). */
    public void clearEvents() {
        service.store.clear();
    }

    /** Forgets everything recorded (events, requests, stats, ack ids and channels) and clears all faults. */
    public void reset() {
        faults.clear();
        service.reset();
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /** Adds or replaces a token at runtime. */
    public HecEmulator addToken(HecToken token) {
        service.tokens.put(token.value(), token);
        return this;
    }

    public HecEmulator removeToken(String value) {
        service.tokens.remove(value);
        return this;
    }

    /** Enables/disables a token (disabled → 403 code 1). */
    public HecEmulator setTokenEnabled(String value, boolean enabled) {
        HecToken t = service.tokens.get(value);
        if (t == null) {
            throw new IllegalArgumentException("unknown token");
        }
        service.tokens.put(value, t.toBuilder().enabled(enabled).build());
        return this;
    }

    /** The token with this value, or null. */
    public HecToken token(String value) {
        return service.tokens.get(value);
    }

    public Collection<HecToken> tokens() {
        return List.copyOf(service.tokens.values());
    }

    // ------------------------------------------------------------------------------------------------ builder

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int adminPort = -1;
        private final List<HecToken> tokens = new ArrayList<>();
        private Set<String> knownIndexes;
        private int maxStoredEvents = Integer.MAX_VALUE;
        private int maxStoredRequests = 10_000;
        private int maxContentLength = 100 * 1024 * 1024;
        private int ioThreads;
        private boolean atomicBatches;
        private boolean rawRequiresChannel;
        private boolean storeConfigChecks = true;
        private boolean adminApi = true;
        private javax.net.ssl.SSLContext tls;
        private String rawTimePrefix;

        private Builder() {
        }

        /** Bind address (default {@code 127.0.0.1}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** HEC port; 0 (default) picks a free one, see {@link HecEmulator#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** An extra port serving only the admin API (survives {@link DownMode#REFUSE}); -1 (default) = none, 0 = any. */
        public Builder adminPort(int adminPort) {
            this.adminPort = adminPort;
            return this;
        }

        /** A token, ack off, any index. */
        public Builder token(String value) {
            return token(HecToken.of(value, false));
        }

        /** A token with indexer acknowledgement on or off, any index. */
        public Builder token(String value, boolean ack) {
            return token(HecToken.of(value, ack));
        }

        public Builder token(HecToken token) {
            tokens.removeIf(t -> t.value().equals(token.value()));
            tokens.add(token);
            return this;
        }

        /** Indexes that exist; events for others get code 7 on every token. Default: any index exists. */
        public Builder knownIndexes(String... indexes) {
            this.knownIndexes = new LinkedHashSet<>(Arrays.asList(indexes));
            return this;
        }

        /** Keep at most this many events in memory (oldest evicted; counts stay exact). Default unbounded. */
        public Builder maxStoredEvents(int n) {
            this.maxStoredEvents = n;
            return this;
        }

        /** Keep at most this many {@link ReceivedRequest}s (default 10,000; 0 = none). */
        public Builder maxStoredRequests(int n) {
            this.maxStoredRequests = n;
            return this;
        }

        /** Largest accepted request body (compressed size) in bytes; larger → 413. Default 100 MiB. */
        public Builder maxContentLength(int bytes) {
            this.maxContentLength = bytes;
            return this;
        }

        /** Netty I/O threads (default max(2, CPUs)). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /**
         * {@code true}: a batch with an invalid event stores nothing. {@code false} (default): events before the
         * invalid one are stored (Splunk may have indexed them), so a retry yields duplicates.
         */
        public Builder atomicBatches(boolean atomic) {
            this.atomicBatches = atomic;
            return this;
        }

        /** Require a channel on {@code /raw} even when the token has ack off (code 10). Default false. */
        public Builder rawRequiresChannel(boolean required) {
            this.rawRequiresChannel = required;
            return this;
        }

        /** {@code false}: answer the sink's validate() probe events but do not store them. Default true. */
        public Builder storeConfigChecks(boolean store) {
            this.storeConfigChecks = store;
            return this;
        }

        /**
         * Index /raw lines as Splunk does with this props.conf {@code TIME_PREFIX} regex and {@code TIME_FORMAT = %s.%6N}:
         * each line's time is the epoch number after the prefix (unless the request has a {@code time} parameter).
         * Default: none, lines without a {@code time} parameter have no time.
         */
        public Builder rawTimePrefix(String regex) {
            this.rawTimePrefix = regex;
            return this;
        }

        /** Serve {@code /_emulator/...} (default true). */
        public Builder adminApi(boolean enabled) {
            this.adminApi = enabled;
            return this;
        }

        /**
         * Serve HEC over TLS (https) with this server context; the admin API on {@link #adminPort} stays plain
         * http. {@link PrivateCa} makes one from a generated private CA.
         */
        public Builder tls(javax.net.ssl.SSLContext serverContext) {
            this.tls = Objects.requireNonNull(serverContext, "serverContext");
            return this;
        }

        /** Serve HEC over TLS with the key and certificate chain in this PKCS12/JKS key store. */
        public Builder tls(java.nio.file.Path keyStore, char[] password) {
            return tls(PrivateCa.serverContext(keyStore, password));
        }

        public HecEmulator build() {
            return new HecEmulator(this);
        }
    }
}
