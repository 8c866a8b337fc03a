package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.auth.SignedRequest;

import java.util.Map;

/**
 * A parsed HTTP request, independent of the server framework.
 *
 * @param method   GET, POST, ...
 * @param host     host from the Host header or the absolute request URI, without port
 * @param project  project from the host's first DNS label (null when the host names no project)
 * @param path     URL-decoded path, e.g. {@code /logstores/ls/shards/0}
 * @param rawPath  the path as sent
 * @param params   URL-decoded query parameters (first value of each)
 * @param headers  headers keyed by lowercase name (first value of each)
 * @param body     the request body (never null)
 * @param remoteIp the client's IP address
 */
public record SlsRequest(String method, String host, String project, String path, String rawPath,
                         Map<String, String> params, Map<String, String> headers, byte[] body, String remoteIp)
        implements SignedRequest {

    public String param(String name) {
        return params.get(name);
    }

    public String header(String lowercaseName) {
        return headers.get(lowercaseName);
    }

    public boolean isAdmin() {
        return path.equals("/_emulator") || path.startsWith("/_emulator/");
    }
}
