package org.slsconnect.emulator.sls.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Request ids shaped like real ones: 24 uppercase hex digits. */
final class RequestIds {
    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);

    private RequestIds() {
    }

    static String next() {
        long seconds = System.currentTimeMillis() / 1000;
        return String.format("%08X%016X", seconds & 0xFFFFFFFFL, COUNTER.incrementAndGet());
    }
}
