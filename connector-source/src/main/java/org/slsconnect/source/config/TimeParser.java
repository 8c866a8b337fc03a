package org.slsconnect.source.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Parses the points in time users write in the config. A zone is mandatory: the seed script read times in the
 * machine's local zone, which silently shifted replays by hours when the machine's zone changed.
 */
public final class TimeParser {

    /** Epoch values below this are seconds, above are milliseconds (10^11 s is the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private TimeParser() {}

    public static Instant parse(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) throw new IllegalArgumentException("empty time");
        if (v.chars().allMatch(Character::isDigit)) {
            long n = Long.parseLong(v);
            return n < MILLIS_THRESHOLD ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            try {
                return ZonedDateTime.parse(v).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException("'" + v + "' is not a time: use ISO-8601 with a zone, e.g. "
                    + "2026-01-31T08:00:00+08:00 or 2026-01-31T00:00:00Z, or epoch seconds/milliseconds");
            }
        }
    }
}
