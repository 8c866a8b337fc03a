package org.slsconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlsSourceConnectorTest {

    @Test
    void shardDiscoveryBacksOffWhileItFails() {
        assertEquals(1_000, SlsSourceConnector.discoveryDelayMs(1_000, 0));
        assertEquals(2_000, SlsSourceConnector.discoveryDelayMs(1_000, 1));
        assertEquals(8_000, SlsSourceConnector.discoveryDelayMs(1_000, 3));
        assertEquals(SlsSourceConnector.MAX_DISCOVERY_BACKOFF_MS, SlsSourceConnector.discoveryDelayMs(1_000, 40));
        // An interval longer than the cap is never shortened.
        assertEquals(3_600_000, SlsSourceConnector.discoveryDelayMs(3_600_000, 5));
    }
}
