package org.slsconnect.emulator.sls.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slsconnect.emulator.sls.api.SlsRequest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Netty request to {@link SlsRequest}. Accepts both request forms:
 * origin-form ({@code GET /logstores/ls/shards}, project from {@code Host}) and the
 * absolute-form an HTTP client sends to a proxy ({@code GET http://proj.sls.test/logstores/ls/shards}).
 */
final class RequestParser {
    private final String endpoint;
    private final String defaultProject;

    /**
     * @param endpoint       the fake endpoint domain, e.g. {@code sls.test}
     * @param defaultProject project for requests whose host names none (bare endpoint, IP, localhost, CNAME mode); may be null
     */
    RequestParser(String endpoint, String defaultProject) {
        this.endpoint = endpoint.toLowerCase(Locale.ROOT);
        this.defaultProject = defaultProject;
    }

    SlsRequest parse(FullHttpRequest req, String remoteIp) {
        String uri = req.uri();
        String host = null;
        String target = uri;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && scheme < 6 && !uri.startsWith("/")) {
            int authorityStart = scheme + 3;
            int authorityEnd = uri.length();
            for (int i = authorityStart; i < uri.length(); i++) {
                char c = uri.charAt(i);
                if (c == '/' || c == '?') {
                    authorityEnd = i;
                    break;
                }
            }
            host = uri.substring(authorityStart, authorityEnd);
            target = uri.substring(authorityEnd);
            if (target.isEmpty() || target.charAt(0) == '?') {
                target = "/" + target;
            }
        }
        if (host == null || host.isEmpty()) {
            host = req.headers().get(HttpHeaderNames.HOST, "");
        }
        host = stripPort(stripUserInfo(host));

        // semicolonIsNormalChar: SPL queries may contain ';'.
        QueryStringDecoder qs = new QueryStringDecoder(target, StandardCharsets.UTF_8, true, 1024, true);
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : qs.parameters().entrySet()) {
            params.put(p.getKey(), p.getValue().isEmpty() ? "" : p.getValue().get(0));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue());
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        String path = qs.path().isEmpty() ? "/" : qs.path();
        String rawPath = qs.rawPath().isEmpty() ? "/" : qs.rawPath();
        return new SlsRequest(req.method().name(), host, projectOf(host), path, rawPath, params, headers, body, remoteIp);
    }

    /** The first DNS label of the host, unless the host is the bare endpoint, an IP address or localhost. */
    String projectOf(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.equals(endpoint) || h.equals("localhost") || isIpAddress(h) || h.indexOf('.') < 0) {
            return defaultProject;
        }
        return host.substring(0, host.indexOf('.'));
    }

    private static String stripUserInfo(String authority) {
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
