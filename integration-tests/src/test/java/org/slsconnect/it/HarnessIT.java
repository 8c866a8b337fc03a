package org.slsconnect.it;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.SlsEmulator;

/**
 * The set-up and tear-down most integration tests share: one {@link ConnectHarness} (SLS emulator, Kafka broker,
 * Connect worker) for the whole class. A test class extends it and overrides {@link #workerProps()} or
 * {@link #brokerProps()} when it needs other settings; its own {@code @BeforeAll} runs after the harness is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HarnessIT {

    protected ConnectHarness h;
    protected SlsEmulator sls;

    /** Worker settings on top of the harness defaults. */
    protected Map<String, String> workerProps() { return Map.of(); }

    /** Broker settings. */
    protected Map<String, String> brokerProps() { return Map.of(); }

    @BeforeAll
    final void startHarness() {
        h = new ConnectHarness(workerProps(), brokerProps(), 1);
        sls = h.sls;
    }

    @AfterAll
    final void stopHarness() {
        if (h != null) h.close();
    }
}
