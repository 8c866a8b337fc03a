package org.slsconnect.emulator.sls.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slsconnect.emulator.sls.api.Dispatcher;
import org.slsconnect.emulator.sls.faults.Faults;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The Netty NIO HTTP/1.1 server: keep-alive, TCP_NODELAY, many concurrent connections. */
public final class SlsHttpServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final String bindHost;
    private final int requestedPort;
    private final int workerThreads;
    private final SlsHttpHandler handler;
    private final javax.net.ssl.SSLContext tls;   // null: CONNECT is not served
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private int port;

    public SlsHttpServer(String bindHost, int port, int workerThreads, String endpoint, String defaultProject,
                         Dispatcher dispatcher, Faults faults, javax.net.ssl.SSLContext tls) {
        this.tls = tls;
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.workerThreads = workerThreads;
        this.handler = new SlsHttpHandler(new RequestParser(endpoint, defaultProject), dispatcher, faults);
    }

    public synchronized SlsHttpServer start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("codec", new HttpServerCodec(16 * 1024, 64 * 1024, 64 * 1024))
                                .addLast("aggregator", new HttpObjectAggregator(MAX_BODY_BYTES));
                        if (tls != null) {
                            ch.pipeline().addLast("connect", new ConnectTlsHandler(tls));
                        }
                        ch.pipeline().addLast("sls", handler);
                    }
                });
        try {
            serverChannel = b.bind(bindHost, requestedPort).sync().channel();
        } catch (InterruptedException e) {
            close();
            throw e;
        } catch (Exception e) { // BindException arrives unchecked through sync()
            close();
            throw new IllegalStateException("cannot listen on " + bindHost + ":" + requestedPort + ": " + e, e);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return this;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
            workers = null;
        }
    }
}
