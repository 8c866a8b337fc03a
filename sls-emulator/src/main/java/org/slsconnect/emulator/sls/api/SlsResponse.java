package org.slsconnect.emulator.sls.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slsconnect.emulator.sls.SlsException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to write. Header names are kept exactly as given (lowercase {@code x-log-*}):
 * the Python SDK reads them case-sensitively.
 */
public final class SlsResponse {
    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/x-protobuf";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    public SlsResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    /** 200 with an empty body: what SLS answers to writes. */
    public static SlsResponse ok() {
        return new SlsResponse(200, JSON, new byte[0]);
    }

    public static SlsResponse json(Object value) {
        try {
            return new SlsResponse(200, JSON, Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SLS error envelope {@code {"errorCode":..,"errorMessage":..}}. */
    public static SlsResponse error(SlsException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorCode", e.errorCode());
        body.put("errorMessage", e.errorMessage() == null ? "" : e.errorMessage());
        try {
            return new SlsResponse(e.status(), JSON, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public SlsResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public SlsResponse header(String name, long value) {
        return header(name, Long.toString(value));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
