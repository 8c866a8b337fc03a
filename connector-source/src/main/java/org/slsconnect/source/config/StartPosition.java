package org.slsconnect.source.config;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** Where a shard starts when Connect has no offset for it. */
public final class StartPosition {

    public enum Kind { BEGIN, END, TIME, CONSUMER_GROUP }

    private final Kind kind;
    private final Instant time;

    private StartPosition(Kind kind, Instant time) {
        this.kind = kind;
        this.time = time;
    }

    public static final StartPosition BEGIN = new StartPosition(Kind.BEGIN, null);
    public static final StartPosition END = new StartPosition(Kind.END, null);
    public static final StartPosition CONSUMER_GROUP = new StartPosition(Kind.CONSUMER_GROUP, null);

    public static StartPosition at(Instant time) { return new StartPosition(Kind.TIME, Objects.requireNonNull(time)); }

    /** Parses {@code begin}, {@code end}, {@code consumer_group} or a time; throws IllegalArgumentException. */
    public static StartPosition parse(String value) {
        String v = value == null ? "" : value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "begin": return BEGIN;
            case "end": return END;
            case "consumer_group": return CONSUMER_GROUP;
            default: return at(TimeParser.parse(v));
        }
    }

    public Kind kind() { return kind; }

    /** The point in time, for {@link Kind#TIME}. */
    public Instant time() { return time; }

    @Override
    public String toString() { return kind == Kind.TIME ? time.toString() : kind.name().toLowerCase(Locale.ROOT); }
}
