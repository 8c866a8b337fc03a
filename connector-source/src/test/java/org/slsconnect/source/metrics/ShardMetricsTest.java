package org.slsconnect.source.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ShardMetricsTest {

    @Test
    void timeSinceLastPullKeepsGrowingWhilePullsFailAndResetsOnSuccess() {
        AtomicLong now = new AtomicLong(1_000_000);
        ShardMetrics m = new ShardMetrics(now::get);
        now.addAndGet(500);
        assertEquals(500, m.msSinceLastPull(), "a shard never pulled ages from its start");
        m.recordPull(10, 100, 2_000);
        assertEquals(0, m.msSinceLastPull());
        // SLS unreachable: only retries, no successful pull. The lag gauge freezes, this one does not.
        for (int i = 1; i <= 3; i++) {
            m.recordRetry(false);
            now.addAndGet(60_000);
            assertEquals(i * 60_000L, m.msSinceLastPull());
            assertEquals(2_000, m.lagMs());
        }
        m.recordPull(0, 0, 0);
        assertEquals(0, m.msSinceLastPull());
    }
}
