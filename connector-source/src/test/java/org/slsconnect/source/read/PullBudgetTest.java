package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PullBudgetTest {

    private static final long MB = 1 << 20;

    @Test
    void aShardOfUnknownGroupSizeIsAssumedToBringAFullResponse() {
        PullBudget budget = new PullBudget(64 * MB, 1000);
        PullBudget.Reservation first = budget.reserve("s", null);
        assertEquals(1000, first.groups());
        assertEquals(PullBudget.PULL_BYTES_CAP, first.bytes());
        assertEquals(PullBudget.PULL_BYTES_CAP, budget.reservedBytes());
    }

    @Test
    void thePullIsCutToWhatIsLeft() {
        PullBudget budget = new PullBudget(16 * MB, 1000);
        budget.settle(budget.reserve("s", null), 15 * MB);      // 1 MiB left
        PullBudget.Reservation pull = budget.reserve("s", 10_000L);   // 10 kB groups
        assertEquals(104, pull.groups());                    // 1 MiB / 10 kB
        assertTrue(budget.bufferedBytes() + budget.reservedBytes() <= 16 * MB);
    }

    @Test
    void nothingStartsWhenTheBudgetIsFullAndItStartsAgainAfterAcks() {
        PullBudget budget = new PullBudget(4 * MB, 1000);
        budget.settle(budget.reserve("s", null), 4 * MB);
        assertNull(budget.reserve("s", 1000L));
        budget.release(2 * MB);
        assertNotNull(budget.reserve("s", 1000L));
    }

    @Test
    void anEmptyBudgetAlwaysLetsOnePullStartEvenIfItIsLargerThanTheBound() {
        PullBudget budget = new PullBudget(MB, 1000);
        PullBudget.Reservation pull = budget.reserve("s", 5 * MB);  // one group is larger than the whole budget
        assertEquals(1, pull.groups());
        assertNull(budget.reserve("s", 5 * MB), "but only one");
        budget.settle(pull, 0);                                  // the pull failed: its reservation is gone
        assertEquals(0, budget.reservedBytes());
        assertEquals(0, budget.bufferedBytes());
    }

    @Test
    void aShardNeedingALargePullIsNotStarvedByShardsTakingSmallGaps() {
        PullBudget budget = new PullBudget(16 * MB, 1000);
        PullBudget.Reservation small = budget.reserve("small", 1000L);   // 1000 groups of 1 kB: 1 MB
        budget.settle(small, small.bytes());
        budget.settle(budget.reserve("big", null), 12 * MB);            // the first pull of a new shard is big
        assertNull(budget.reserve("new", null), "10 MiB assumed, 3 MB left");
        // Acks free 2 MB: enough for the small shard, not for the waiting one; the small one must wait its turn.
        budget.release(2 * MB);
        assertNull(budget.reserve("small", 1000L));
        budget.release(8 * MB);
        assertNotNull(budget.reserve("new", null), "the shard that waited longest goes first");
        budget.release(3 * MB);
        assertNotNull(budget.reserve("small", 1000L), "then the others");
    }

    @Test
    void manyConcurrentPullsOfKnownSizeNeverExceedTheBound() {
        long max = 32 * MB;
        PullBudget budget = new PullBudget(max, 1000);
        Random random = new Random(7);
        Deque<PullBudget.Reservation> inFlight = new ArrayDeque<>();
        Deque<Long> unacked = new ArrayDeque<>();
        long peak = 0;
        for (int step = 0; step < 100_000; step++) {
            switch (random.nextInt(3)) {
                case 0: {
                    PullBudget.Reservation pull = budget.reserve("s", 8_000L);
                    if (pull != null) inFlight.add(pull);
                    break;
                }
                case 1: {
                    PullBudget.Reservation pull = inFlight.poll();
                    if (pull != null) {
                        long bytes = pull.groups() * 8_000L;     // the estimate was right
                        budget.settle(pull, bytes);
                        unacked.add(bytes);
                    }
                    break;
                }
                default: {
                    Long acked = unacked.poll();
                    if (acked != null) budget.release(acked);
                }
            }
            peak = Math.max(peak, budget.bufferedBytes() + budget.reservedBytes());
        }
        assertTrue(peak <= max, "peak " + peak + " > " + max);
        assertTrue(peak > max / 2, "the budget was used: " + peak);
    }

    /**
     * Issue 15, bug 7: the bound with wrong estimates. Each of 4 shards (one pull in flight each, as the Prefetcher
     * runs them) sizes its pull from its last group size, but the next response brings anything from nothing to
     * SLS's cap. No pull may start while the budget is used up, and what is held never exceeds the bound plus one
     * capped response per pull in flight, as documented.
     */
    @Test
    void wrongEstimatesOvershootByAtMostOneCappedResponsePerPullInFlight() {
        long max = MB;                       // the smallest allowed budget
        int shards = 4;
        PullBudget budget = new PullBudget(max, 1000);
        Random random = new Random(15);
        PullBudget.Reservation[] inFlight = new PullBudget.Reservation[shards];
        Long[] groupBytes = new Long[shards];
        Deque<Long> unacked = new ArrayDeque<>();
        long peak = 0;
        int overshoots = 0;
        for (int step = 0; step < 200_000; step++) {
            int s = random.nextInt(shards);
            switch (random.nextInt(3)) {
                case 0:
                    if (inFlight[s] == null) {
                        long usedBefore = budget.bufferedBytes() + budget.reservedBytes();
                        inFlight[s] = budget.reserve(s, groupBytes[s]);
                        if (inFlight[s] != null) {
                            assertTrue(usedBefore == 0 || usedBefore < max,
                                "a pull started with " + usedBefore + " bytes of " + max + " used");
                        }
                    }
                    break;
                case 1:
                    if (inFlight[s] != null) {
                        // Anything from 0 to the cap, whatever was expected (groups grew or shrank meanwhile).
                        long bytes = random.nextInt(4) == 0 ? PullBudget.PULL_BYTES_CAP : (long) (random.nextDouble() * 64 * 1024);
                        budget.settle(inFlight[s], bytes);
                        if (bytes > inFlight[s].bytes()) overshoots++;
                        int groups = Math.max(1, inFlight[s].groups());
                        groupBytes[s] = Math.max(1, bytes / groups);
                        inFlight[s] = null;
                        unacked.add(bytes);
                    }
                    break;
                default:
                    Long acked = unacked.poll();
                    if (acked != null) budget.release(acked);
            }
            peak = Math.max(peak, budget.bufferedBytes() + budget.reservedBytes());
        }
        assertTrue(overshoots > 1000, "estimates were wrong often: " + overshoots);
        assertTrue(peak > max, "wrong estimates do overshoot the bound: " + peak);
        assertTrue(peak <= max + shards * PullBudget.PULL_BYTES_CAP, "peak " + peak + " > documented bound");
    }
}
