package org.slsconnect.emulator.sls.auth;

import java.util.Map;

/** What signature verification needs to see of a request. */
public interface SignedRequest {
    String method();

    /** The resource path as signed, e.g. {@code /logstores/ls/shards/0} (URL-decoded). */
    String path();

    /** The raw (still percent-encoded) path from the request line. */
    String rawPath();

    /** Query parameters, URL-decoded. Empty values are kept as "". */
    Map<String, String> params();

    /** Headers with lowercase names (first value of each). */
    Map<String, String> headers();

    byte[] body();
}
