package org.slsconnect.emulator.hec;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event as the emulator stored it. Metadata is resolved the way Splunk would index it
 * (index → token default, sourcetype → token default or {@code httpevent}); the raw envelope values are kept too.
 */
public final class ReceivedEvent {
    /** Sourcetype of the sink's {@code validate()} probe event ({@code SplunkSinkConnector.validate}). */
    public static final String CONFIG_CHECK_SOURCETYPE = "kafka-connect";
    /** Event text of the sink's {@code validate()} probe. */
    public static final String CONFIG_CHECK_EVENT = "Splunk HEC Configuration Check";

    long seq; // assigned by the store under its lock before publication
    private final long requestId;
    private final Long ackId;
    private final String token;
    private final String channel;
    private final Endpoint endpoint;
    private final String path;
    private final String index;
    private final String sourcetype;
    private final String source;
    private final String host;
    private final BigDecimal time;
    private final String timeText;
    private final JsonNode event;
    private final Map<String, Object> fields;
    private final Instant receivedAt;

    ReceivedEvent(long requestId, Long ackId, String token, String channel, Endpoint endpoint, String path,
                  String index, String sourcetype, String source, String host, BigDecimal time, String timeText,
                  JsonNode event, Map<String, Object> fields, Instant receivedAt) {
        this.requestId = requestId;
        this.ackId = ackId;
        this.token = token;
        this.channel = channel;
        this.endpoint = endpoint;
        this.path = path;
        this.index = index;
        this.sourcetype = sourcetype;
        this.source = source;
        this.host = host;
        this.time = time;
        this.timeText = timeText;
        this.event = event;
        this.fields = fields;
        this.receivedAt = receivedAt;
    }

    /** Global arrival order since start (or the last reset), from 1. */
    public long seq() {
        return seq;
    }

    /** Id of the HTTP request that carried the event (global, from 1). */
    public long requestId() {
        return requestId;
    }

    /** The ackId returned for the request, or null when the token has ack off. */
    public Long ackId() {
        return ackId;
    }

    public String token() {
        return token;
    }

    /** The channel GUID (header or {@code ?channel=}), or null. */
    public String channel() {
        return channel;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The request path, e.g. {@code /services/collector/event}. */
    public String path() {
        return path;
    }

    /** Resolved index (event / query param, else the token default). */
    public String index() {
        return index;
    }

    /** Resolved sourcetype (event / query param, else token default, else {@code httpevent}). */
    public String sourcetype() {
        return sourcetype;
    }

    /** Source as sent (or token default), may be null. */
    public String source() {
        return source;
    }

    /** Host as sent (or token default), may be null. */
    public String host() {
        return host;
    }

    /** The event's {@code time} in epoch seconds exactly as sent (decimals kept), or null when absent. */
    public BigDecimal time() {
        return time;
    }

    /** The {@code time} value as text exactly as sent (e.g. {@code "1700000000.123000"}), or null. */
    public String timeText() {
        return timeText;
    }

    /** {@link #time()} in epoch milliseconds, or null. */
    public Long timeMillis() {
        return time == null ? null : time.movePointRight(3).longValue();
    }

    /** The {@code event} JSON value (for raw: a text node holding the line). */
    public JsonNode event() {
        return event;
    }

    /** The event as text: a string event's value, otherwise its compact JSON. */
    public String eventText() {
        return event.isTextual() ? event.textValue() : event.toString();
    }

    /** Indexed {@code fields}: values are {@code String} or {@code List<String>}. Empty for raw. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** A field value as a string (the first for multi-value fields), or null. */
    public String field(String name) {
        Object v = fields.get(name);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        return (String) v;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** True for the probe event the sink's {@code validate()} posts to {@code /services/collector}. */
    public boolean isConfigCheck() {
        return CONFIG_CHECK_SOURCETYPE.equals(sourcetype) && event.isTextual()
                && CONFIG_CHECK_EVENT.equals(event.textValue());
    }

    @Override
    public String toString() {
        return "ReceivedEvent{seq=" + seq + ", index=" + index + ", sourcetype=" + sourcetype + ", source=" + source
                + ", host=" + host + ", time=" + timeText + ", ackId=" + ackId + ", channel=" + channel
                + ", event=" + eventText() + ", fields=" + fields + "}";
    }
}
