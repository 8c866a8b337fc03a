package org.slsconnect.emulator.sls.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.api.Dispatcher;
import org.slsconnect.emulator.sls.api.SlsRequest;
import org.slsconnect.emulator.sls.api.SlsResponse;
import org.slsconnect.emulator.sls.faults.Faults;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Netty glue: parse, dispatch, write. Work runs on the event loop (it is all in-memory);
 * injected latency is scheduled on the loop, never slept.
 */
@ChannelHandler.Sharable
final class SlsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(SlsHttpHandler.class);
    private static final int CUT_MIN_DECLARED_LENGTH = 64;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final RequestParser parser;
    private final Dispatcher dispatcher;
    private final Faults faults;

    SlsHttpHandler(RequestParser parser, Dispatcher dispatcher, Faults faults) {
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.faults = faults;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpVersion version = req.protocolVersion();
        if (!req.decoderResult().isSuccess()) {
            SlsResponse bad = SlsResponse.error(new SlsException(400, "InvalidRequest", "malformed HTTP request: " + req.decoderResult().cause()));
            write(ctx, new Dispatcher.Outcome(null, bad, false, 0), version, false);
            return;
        }
        SlsRequest request;
        try {
            request = parser.parse(req, remoteIp(ctx.channel().remoteAddress()));
        } catch (IllegalArgumentException e) { // e.g. a broken %-escape in the URI
            SlsResponse bad = SlsResponse.error(SlsException.parameterInvalid("malformed request URI: " + e.getMessage()));
            write(ctx, new Dispatcher.Outcome(null, bad, false, 0), version, keepAlive);
            return;
        }
        if (!request.isAdmin() && faults.isUnreachable()) {
            ctx.close(); // "unreachable": the client sees the connection drop with no response
            return;
        }
        Dispatcher.Outcome outcome = dispatcher.dispatch(request);
        if (outcome.delayMillis() > 0) {
            // Stop reading so a pipelined request cannot overtake the delayed response.
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> {
                write(ctx, outcome, version, keepAlive);
                ctx.channel().config().setAutoRead(true);
            }, outcome.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            write(ctx, outcome, version, keepAlive);
        }
    }

    private void write(ChannelHandlerContext ctx, Dispatcher.Outcome outcome, HttpVersion version, boolean keepAlive) {
        SlsResponse resp = outcome.response();
        byte[] body = resp.body();
        HttpResponseStatus status = HttpResponseStatus.valueOf(resp.status());
        if (outcome.cut()) {
            HttpResponse head = new DefaultHttpResponse(version, status);
            fillHeaders(head.headers(), resp, Math.max(body.length, CUT_MIN_DECLARED_LENGTH), true);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, body.length / 2)))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
        fillHeaders(full.headers(), resp, body.length, keepAlive);
        if (!keepAlive) {
            full.headers().set("Connection", "close");
        } else if (version == HttpVersion.HTTP_1_0) {
            full.headers().set("Connection", "keep-alive");
        }
        var future = ctx.writeAndFlush(full);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Header names are written exactly as given here: lowercase x-log-*, as the real service sends. */
    private static void fillHeaders(HttpHeaders h, SlsResponse resp, long contentLength, boolean keepAlive) {
        h.set("Server", "sls-emulator");
        h.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        for (Map.Entry<String, String> e : resp.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        h.set("Content-Length", Long.toString(contentLength));
        h.set("x-log-requestid", RequestIds.next());
    }

    private static String remoteIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
