package org.slsconnect.emulator.sls.faults;

import org.slsconnect.emulator.sls.ApiKind;
import org.slsconnect.emulator.sls.SlsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fault injection. Rules are matched against every SLS request (never the {@code /_emulator}
 * admin API) by {@link FaultScope}; count-based rules are used up in the order they were added.
 * All methods are thread-safe and return this for chaining.
 *
 * <pre>{@code
 * emu.faults().failNext("PullLogs", 3, 503, "ServerBusy");
 * emu.faults().latency("PullLogs", Duration.ofMillis(200));
 * emu.faults().cutNext("PullLogs", 1);
 * emu.faults().failureRate("PullLogs", 0.1, 500, "InternalServerError");
 * emu.faults().unreachable(true);
 * emu.faults().clear();
 * }</pre>
 */
public final class Faults {
    private enum Type { FAIL, CUT, CORRUPT }

    private static final class CountedRule {
        final FaultScope scope;
        final Type type;
        int remaining;
        final SlsException error;
        final Corruption corruption;

        CountedRule(FaultScope scope, Type type, int remaining, SlsException error, Corruption corruption) {
            this.scope = scope;
            this.type = type;
            this.remaining = remaining;
            this.error = error;
            this.corruption = corruption;
        }
    }

    private record RateRule(double rate, SlsException error) {
    }

    private record Throttle(double perSecond, double bytesPerSecond) {
    }

    private static final class Bucket {
        double requests;
        double bytes;
        long lastNanos;
    }

    private final List<CountedRule> counted = new ArrayList<>();
    private final Map<FaultScope, Long> latencies = new HashMap<>();
    private final Map<FaultScope, RateRule> rates = new HashMap<>();
    private final Map<FaultScope, Throttle> readThrottles = new HashMap<>();
    private final Map<FaultScope, Throttle> writeThrottles = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private Random random = new Random();
    private volatile long unreachableUntilNanos; // 0: reachable
    private volatile boolean unreachableForever;

    // ---------------- public API ----------------

    /** Fail the next count requests of a kind with this status and error code. */
    public Faults failNext(String kind, int count, int status, String errorCode) {
        return failNext(FaultScope.of(kind), count, status, errorCode, defaultMessage(errorCode));
    }

    public Faults failNext(String kind, int count, int status, String errorCode, String errorMessage) {
        return failNext(FaultScope.of(kind), count, status, errorCode, errorMessage);
    }

    public Faults failNext(FaultScope scope, int count, int status, String errorCode) {
        return failNext(scope, count, status, errorCode, defaultMessage(errorCode));
    }

    public synchronized Faults failNext(FaultScope scope, int count, int status, String errorCode, String errorMessage) {
        counted.add(new CountedRule(scope, Type.FAIL, positive(count), new SlsException(status, errorCode, errorMessage), null));
        return this;
    }

    /** Cut the next count responses: headers and part of the body are written, then the connection is closed. */
    public Faults cutNext(String kind, int count) {
        return cutNext(FaultScope.of(kind), count);
    }

    public synchronized Faults cutNext(FaultScope scope, int count) {
        counted.add(new CountedRule(scope, Type.CUT, positive(count), null, null));
        return this;
    }

    /** Damage the next count successful, non-empty PullLogs responses. */
    public Faults corruptNext(int count, Corruption corruption) {
        return corruptNext(FaultScope.of(ApiKind.PULL_LOGS), count, corruption);
    }

    public synchronized Faults corruptNext(FaultScope scope, int count, Corruption corruption) {
        counted.add(new CountedRule(scope, Type.CORRUPT, positive(count), null, corruption));
        return this;
    }

    /** Fail this fraction (0..1) of matching requests at random; rate 0 removes the rule. */
    public Faults failureRate(String kind, double rate, int status, String errorCode) {
        return failureRate(FaultScope.of(kind), rate, status, errorCode);
    }

    public synchronized Faults failureRate(FaultScope scope, double rate, int status, String errorCode) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1: " + rate);
        }
        if (rate == 0) {
            rates.remove(scope);
        } else {
            rates.put(scope, new RateRule(rate, new SlsException(status, errorCode, defaultMessage(errorCode))));
        }
        return this;
    }

    /** Delay every matching response (scheduled, never blocking the event loop); zero removes it. */
    public Faults latency(String kind, Duration delay) {
        return latency(FaultScope.of(kind), delay);
    }

    public synchronized Faults latency(FaultScope scope, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            latencies.remove(scope);
        } else {
            latencies.put(scope, delay.toMillis());
        }
        return this;
    }

    /**
     * Per-shard read quota: more than readsPerSecond pulls, or more than bytesPerSecond of raw
     * data, per shard per second gets 403 {@code ShardReadQuotaExceed}. A value &lt;= 0 means
     * unlimited; shard null applies to every shard (each has its own budget).
     */
    public synchronized Faults readThrottle(String logstore, Integer shard, double readsPerSecond, long bytesPerSecond) {
        readThrottles.put(new FaultScope(ApiKind.PULL_LOGS, null, logstore, shard), new Throttle(readsPerSecond, bytesPerSecond));
        return this;
    }

    /** Per-shard write quota for PutLogs: 403 {@code ShardWriteQuotaExceed}. */
    public synchronized Faults writeThrottle(String logstore, Integer shard, double writesPerSecond, long bytesPerSecond) {
        writeThrottles.put(new FaultScope(ApiKind.PUT_LOGS, null, logstore, shard), new Throttle(writesPerSecond, bytesPerSecond));
        return this;
    }

    /** While on, every SLS connection is closed as soon as a request arrives (the admin API still works). */
    public Faults unreachable(boolean on) {
        unreachableForever = on;
        unreachableUntilNanos = 0;
        return this;
    }

    public Faults unreachableFor(Duration duration) {
        unreachableForever = false;
        unreachableUntilNanos = System.nanoTime() + duration.toNanos();
        return this;
    }

    public boolean isUnreachable() {
        if (unreachableForever) {
            return true;
        }
        long until = unreachableUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    /** Seeds the random generator behind {@link #failureRate}, for reproducible runs. */
    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Removes every rule, throttle and the unreachable mode. */
    public synchronized Faults clear() {
        counted.clear();
        latencies.clear();
        rates.clear();
        readThrottles.clear();
        writeThrottles.clear();
        buckets.clear();
        unreachable(false);
        return this;
    }

    /** Human-readable active rules (admin API, debugging). */
    public synchronized List<String> describe() {
        List<String> out = new ArrayList<>();
        for (CountedRule r : counted) {
            out.add(switch (r.type) {
                case FAIL -> "failNext " + r.scope + " remaining=" + r.remaining + " -> " + r.error.status() + " " + r.error.errorCode();
                case CUT -> "cutNext " + r.scope + " remaining=" + r.remaining;
                case CORRUPT -> "corruptNext " + r.scope + " remaining=" + r.remaining + " " + r.corruption;
            });
        }
        latencies.forEach((s, ms) -> out.add("latency " + s + " " + ms + "ms"));
        rates.forEach((s, r) -> out.add("failureRate " + s + " " + r.rate + " -> " + r.error.status() + " " + r.error.errorCode()));
        readThrottles.forEach((s, t) -> out.add("readThrottle " + s + " " + t.perSecond + "/s " + (long) t.bytesPerSecond + "B/s"));
        writeThrottles.forEach((s, t) -> out.add("writeThrottle " + s + " " + t.perSecond + "/s " + (long) t.bytesPerSecond + "B/s"));
        if (isUnreachable()) {
            out.add("unreachable");
        }
        return out;
    }

    // ---------------- used by the server ----------------

    /** Decides failure / cut / delay for one request; consumes a count-based rule if one fires. */
    public synchronized Decision decide(ApiKind kind, String project, String logstore, Integer shard) {
        long delay = 0;
        for (Map.Entry<FaultScope, Long> e : latencies.entrySet()) {
            if (e.getKey().matches(kind, project, logstore, shard)) {
                delay = Math.max(delay, e.getValue());
            }
        }
        for (Iterator<CountedRule> it = counted.iterator(); it.hasNext(); ) {
            CountedRule r = it.next();
            if (r.type == Type.CORRUPT || !r.scope.matches(kind, project, logstore, shard)) {
                continue;
            }
            if (--r.remaining <= 0) {
                it.remove();
            }
            return new Decision(r.type == Type.FAIL ? copy(r.error) : null, r.type == Type.CUT, delay);
        }
        for (Map.Entry<FaultScope, RateRule> e : rates.entrySet()) {
            if (e.getKey().matches(kind, project, logstore, shard) && random.nextDouble() < e.getValue().rate) {
                return new Decision(copy(e.getValue().error), false, delay);
            }
        }
        return delay == 0 ? Decision.NONE : new Decision(null, false, delay);
    }

    /** The corruption to apply to this successful pull response, if a rule has one left. */
    public synchronized Corruption takeCorruption(ApiKind kind, String project, String logstore, Integer shard) {
        for (Iterator<CountedRule> it = counted.iterator(); it.hasNext(); ) {
            CountedRule r = it.next();
            if (r.type == Type.CORRUPT && r.scope.matches(kind, project, logstore, shard)) {
                if (--r.remaining <= 0) {
                    it.remove();
                }
                return r.corruption;
            }
        }
        return null;
    }

    /** Charges one request against the shard's quota, or throws 403 if the budget is spent. */
    public synchronized void checkThrottle(boolean write, String project, String logstore, int shard) {
        Throttle t = throttleFor(write, logstore, shard);
        if (t == null) {
            return;
        }
        Bucket b = refill(write, t, project, logstore, shard);
        boolean overRequests = t.perSecond > 0 && b.requests < 1;
        boolean overBytes = t.bytesPerSecond > 0 && b.bytes <= 0;
        if (overRequests || overBytes) {
            throw write
                    ? new SlsException(403, "ShardWriteQuotaExceed", "shard write quota exceed")
                    : new SlsException(403, "ShardReadQuotaExceed", "shard read quota exceed");
        }
        b.requests -= 1;
    }

    /** Charges served bytes against the shard's byte quota. */
    public synchronized void recordBytes(boolean write, String project, String logstore, int shard, long bytes) {
        Throttle t = throttleFor(write, logstore, shard);
        if (t != null && t.bytesPerSecond > 0) {
            refill(write, t, project, logstore, shard).bytes -= bytes;
        }
    }

    private Throttle throttleFor(boolean write, String logstore, int shard) {
        Map<FaultScope, Throttle> map = write ? writeThrottles : readThrottles;
        if (map.isEmpty()) {
            return null;
        }
        ApiKind kind = write ? ApiKind.PUT_LOGS : ApiKind.PULL_LOGS;
        Throttle specific = null;
        Throttle general = null;
        for (Map.Entry<FaultScope, Throttle> e : map.entrySet()) {
            if (e.getKey().matches(kind, null, logstore, shard)) {
                if (e.getKey().shard() != null) {
                    specific = e.getValue();
                } else {
                    general = e.getValue();
                }
            }
        }
        return specific != null ? specific : general;
    }

    private Bucket refill(boolean write, Throttle t, String project, String logstore, int shard) {
        String key = (write ? "w/" : "r/") + project + "/" + logstore + "/" + shard;
        long now = System.nanoTime();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.requests = t.perSecond;
            b.bytes = t.bytesPerSecond;
            b.lastNanos = now;
            buckets.put(key, b);
            return b;
        }
        double seconds = (now - b.lastNanos) / 1e9;
        b.lastNanos = now;
        // Token buckets holding at most one second of budget.
        b.requests = Math.min(t.perSecond, b.requests + seconds * t.perSecond);
        b.bytes = Math.min(t.bytesPerSecond, b.bytes + seconds * t.bytesPerSecond);
        return b;
    }

    private static SlsException copy(SlsException e) {
        return new SlsException(e.status(), e.errorCode(), e.errorMessage());
    }

    private static int positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        return count;
    }

    private static String defaultMessage(String errorCode) {
        return "injected fault: " + errorCode;
    }
}
