package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.ExpiredCursorBehavior;

/** Behaviour switches that can change at run time. */
public final class ApiSettings {
    /** What a pull at an expired cursor gets. */
    public volatile ExpiredCursorBehavior expiredCursorBehavior = ExpiredCursorBehavior.INVALID_CURSOR;
    /** Raw (uncompressed) byte cap of one pull response; at least one group is always returned. */
    public volatile long maxPullBytes = 10L * 1024 * 1024;
    /** Answer NotExistConsumerWithBody when an unknown consumer heartbeats with held shards. */
    public volatile boolean rejectUnknownConsumerWithBody = false;
    /** Create a project on first use instead of answering ProjectNotExist. */
    public volatile boolean autoCreateProjects = false;
    /** Largest PutLogs body after decompression (the SDK refuses more than 10 MiB itself). */
    public volatile int maxPutRawBytes = 10 * 1024 * 1024;
}
