package org.slsconnect.emulator.hec;

/**
 * Splunk HEC reply codes with the HTTP status and the exact {@code text} Splunk sends.
 * Source: the Splunk "Troubleshoot HTTP Event Collector" table (codes 0-20).
 */
public enum HecCode {
    SUCCESS(0, 200, "Success"),
    TOKEN_DISABLED(1, 403, "Token disabled"),
    TOKEN_REQUIRED(2, 401, "Token is required"),
    INVALID_AUTHORIZATION(3, 401, "Invalid authorization"),
    INVALID_TOKEN(4, 403, "Invalid token"),
    NO_DATA(5, 400, "No data"),
    INVALID_DATA_FORMAT(6, 400, "Invalid data format"),
    INCORRECT_INDEX(7, 400, "Incorrect index"),
    INTERNAL_ERROR(8, 500, "Internal server error"),
    SERVER_BUSY(9, 503, "Server is busy"),
    CHANNEL_MISSING(10, 400, "Data channel is missing"),
    INVALID_CHANNEL(11, 400, "Invalid data channel"),
    EVENT_FIELD_REQUIRED(12, 400, "Event field is required"),
    EVENT_FIELD_BLANK(13, 400, "Event field cannot be blank"),
    ACK_DISABLED(14, 400, "ACK is disabled"),
    INDEXED_FIELDS_ERROR(15, 400, "Error in handling indexed fields"),
    QUERY_STRING_AUTH_DISABLED(16, 400, "Query string authorization is not enabled"),
    HEALTHY(17, 200, "HEC is healthy"),
    UNHEALTHY_QUEUES_FULL(18, 503, "HEC is unhealthy, queues are full"),
    UNHEALTHY_ACK_UNAVAILABLE(19, 503, "HEC is unhealthy, ack service unavailable"),
    UNHEALTHY_QUEUES_FULL_ACK_UNAVAILABLE(20, 503, "HEC is unhealthy, queues are full, ack service unavailable");

    private final int code;
    private final int httpStatus;
    private final String text;

    HecCode(int code, int httpStatus, String text) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.text = text;
    }

    /** The numeric HEC code ({@code "code"} in the reply body). */
    public int code() {
        return code;
    }

    /** The HTTP status Splunk answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The exact {@code "text"} of the reply body. */
    public String text() {
        return text;
    }

    /** Looks a code up by number. */
    public static HecCode of(int code) {
        for (HecCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown HEC code " + code);
    }
}
