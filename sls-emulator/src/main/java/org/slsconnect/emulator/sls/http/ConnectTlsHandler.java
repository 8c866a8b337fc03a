package org.slsconnect.emulator.sls.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The https route through the proxy: the SDK puts the project in the host name and always uses port 443, so with an
 * {@code https://} endpoint and this emulator as its proxy it sends {@code CONNECT <project>.<endpoint>:443}. Instead
 * of tunnelling anywhere, the emulator answers 200 and becomes the other end of the tunnel: it terminates TLS on this
 * connection and then serves the origin-form requests inside it (project from {@code Host}) like any other.
 * Requests other than CONNECT pass through unchanged.
 */
final class ConnectTlsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final SSLContext tls;

    ConnectTlsHandler(SSLContext tls) {
        super(false);   // other requests are passed on, not released here
        this.tls = tls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!HttpMethod.CONNECT.equals(req.method())) {
            ctx.fireChannelRead(req);
            return;
        }
        req.release();
        DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection established"), Unpooled.EMPTY_BUFFER);
        ok.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(ok).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            // The client sends its TLS ClientHello only after reading the 200, so nothing is read in between.
            ChannelPipeline p = ctx.pipeline();
            p.remove("codec");
            p.remove("aggregator");
            p.remove(this);
            SSLEngine engine = tls.createSSLEngine();
            engine.setUseClientMode(false);
            p.addFirst("tls", new SslHandler(engine));
            p.addAfter("tls", "codec", new HttpServerCodec(16 * 1024, 64 * 1024, 64 * 1024));
            p.addAfter("codec", "aggregator", new HttpObjectAggregator(MAX_BODY_BYTES));
        });
    }
}
