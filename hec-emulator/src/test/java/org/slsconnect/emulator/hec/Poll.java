package org.slsconnect.emulator.hec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Bounded polling for the emulator's tests: a condition is checked every few milliseconds until it holds or time is up. */
final class Poll {

    /** A condition that may throw (HTTP calls do). */
    interface Condition {
        boolean holds() throws Exception;
    }

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Poll() {}

    /** True as soon as {@code condition} holds; false if it still does not after {@code timeout}. */
    static boolean until(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.holds()) return true;
            if (System.nanoTime() >= deadline) return false;
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
