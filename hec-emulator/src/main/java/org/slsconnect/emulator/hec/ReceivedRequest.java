package org.slsconnect.emulator.hec;

import java.time.Instant;
import java.util.Map;

/**
 * One HTTP request to an HEC endpoint ({@code /services/collector...}) and how it was answered.
 * Admin requests ({@code /_emulator/...}) are not recorded.
 *
 * @param id           global request id, from 1
 * @param method       HTTP method
 * @param uri          request URI including the query string
 * @param path         path without the query string
 * @param headers      request headers (lower-case names; the last value wins); {@code authorization} is included
 * @param token        the authenticated token, or null
 * @param channel      the channel, or null
 * @param bodyBytes    body size as received (compressed size for gzip)
 * @param status       HTTP status answered, or 0 when the connection was closed without an answer
 * @param code         HEC code answered, or -1
 * @param events       number of events stored from this request
 * @param ackId        ackId returned, or null
 * @param receivedAt   arrival time
 */
public record ReceivedRequest(long id, String method, String uri, String path, Map<String, String> headers,
                              String token, String channel, long bodyBytes, int status, int code, int events,
                              Long ackId, Instant receivedAt) {

    /** A header value by (case-insensitive) name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the request body was gzip-compressed. */
    public boolean gzip() {
        String ce = header("content-encoding");
        return ce != null && ce.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }
}
