package org.slsconnect.source.read;

import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with full jitter, so many tasks hitting one busy shard do not retry in step. */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private int attempts;

    public Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = Math.max(initialMs, maxMs);
    }

    /** Delay before the next retry; grows with each call until {@link #reset()}. */
    public long nextDelayMs() {
        long ceiling = Math.min(maxMs, initialMs << Math.min(attempts, 30));
        attempts++;
        // Half fixed, half random: never (almost) zero, never above the cap.
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    public int attempts() { return attempts; }

    public void reset() { attempts = 0; }
}
