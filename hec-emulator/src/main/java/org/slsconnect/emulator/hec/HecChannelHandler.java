package org.slsconnect.emulator.hec;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Turns aggregated HTTP requests into {@link Reply}s and writes them (optionally delayed, never blocking). */
final class HecChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HecChannelHandler.class);

    private final HecEmulator emu;
    private final boolean adminPort;

    HecChannelHandler(HecEmulator emu, boolean adminPort) {
        this.emu = emu;
        this.adminPort = adminPort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        Reply reply;
        if (req.decoderResult().isFailure()) {
            reply = Reply.hec(HecCode.INVALID_DATA_FORMAT);
            keepAlive = false;
        } else {
            reply = emu.dispatch(ctx.channel(), req, adminPort);
            if (!adminPort && emu.faults().downMode() == DownMode.REFUSE) {
                keepAlive = false; // the admin request that took the port down: close after the reply
            }
        }
        if (reply.closeWithoutReply) {
            ctx.close();
            return;
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status), Unpooled.wrappedBuffer(reply.body));
        resp.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, reply.body.length)
                .set(HttpHeaderNames.SERVER, "Splunkd")
                .set(HttpHeaderNames.VARY, "Authorization")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, keepAlive ? "Keep-Alive" : HttpHeaderValues.CLOSE);
        boolean ka = keepAlive;
        Runnable write = () -> {
            ChannelFuture f = ctx.writeAndFlush(resp);
            if (!ka) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        };
        if (reply.delayNanos > 0) {
            ctx.executor().schedule(write, reply.delayNanos, TimeUnit.NANOSECONDS);
        } else {
            write.run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection after error", cause);
        ctx.close();
    }
}
