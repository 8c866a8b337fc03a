package org.slsconnect.emulator.sls;

/**
 * What a pull does with a cursor that points before the shard's begin, i.e. at data that
 * has expired (logstore TTL or {@link SlsEmulator#expireLogGroups}).
 */
public enum ExpiredCursorBehavior {
    /** 400 {@code InvalidCursor}: what real SLS does in many cases; clients must reset (the default). */
    INVALID_CURSOR,
    /** Serve from the current begin, as the PullLogs documentation describes. */
    READ_FROM_BEGIN
}
