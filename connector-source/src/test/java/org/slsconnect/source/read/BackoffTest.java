package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsToTheCapWithJitterAndResets() {
        Backoff b = new Backoff(100, 1000);
        for (int i = 0; i < 50; i++) {
            long d = b.nextDelayMs();
            long ceiling = Math.min(1000, 100L << Math.min(i, 30));
            assertTrue(d >= ceiling / 2 && d <= ceiling, "attempt " + i + " delay " + d);
        }
        b.reset();
        assertTrue(b.nextDelayMs() <= 100);
    }
}
