package org.slsconnect.emulator.hec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for an {@link HecEmulator}. All setters take effect immediately for new requests, are thread-safe
 * and return {@code this} for chaining. {@link #clear()} removes every fault.
 *
 * <p>Busy/reject faults apply to the ingestion endpoints ({@code /services/collector}, {@code /event}, {@code /raw})
 * only; delay applies to every HEC endpoint (event, raw, ack, health); down applies to every HEC endpoint.
 * Admin requests ({@code /_emulator/...}) are never affected.
 */
public final class HecFaults {

    /** Callback into the emulator to open/close the listening socket. */
    interface DownHandler {
        void apply(DownMode newMode, DownMode oldMode);

        void dropPendingAcks();
    }

    private final DownHandler handler;
    private final ScheduledExecutorService timer;

    // down
    private volatile DownMode downMode;
    private ScheduledFuture<?> upTimer;
    // busy / reject
    private volatile boolean busy;
    private volatile long busyUntilNanos;
    private volatile boolean busyTimed;
    private final AtomicInteger rejectRemaining = new AtomicInteger();
    private volatile HecCode rejectCode = HecCode.SERVER_BUSY;
    // latency
    private volatile long delayNanos;
    // acks
    private volatile boolean withholdAcks;
    private volatile boolean dropAcks;
    private volatile long ackLatencyNanos;
    // health
    private volatile HecCode healthCode = HecCode.HEALTHY;

    HecFaults(DownHandler handler, ScheduledExecutorService timer) {
        this.handler = handler;
        this.timer = timer;
    }

    // ------------------------------------------------------------------------------------------------ down / up

    /**
     * {@code true}: go down in {@link DownMode#REFUSE} mode (listening socket closed, open connections closed,
     * new connections refused) until {@code down(false)} or {@link #clear()}. {@code false}: come back up
     * (re-binds the same port; returns once the socket accepts again).
     */
    public HecFaults down(boolean down) {
        return down ? down(DownMode.REFUSE) : up();
    }

    /** Goes down in the given mode until {@link #up()} / {@code down(false)} / {@link #clear()}. */
    public synchronized HecFaults down(DownMode mode) {
        Objects.requireNonNull(mode, "mode");
        cancelUpTimer();
        setDown(mode);
        return this;
    }

    /** Goes down ({@link DownMode#REFUSE}) and comes back up by itself after {@code duration}. */
    public HecFaults downFor(Duration duration) {
        return downFor(duration, DownMode.REFUSE);
    }

    /** Goes down in the given mode and comes back up by itself after {@code duration}. */
    public synchronized HecFaults downFor(Duration duration, DownMode mode) {
        Objects.requireNonNull(mode, "mode");
        cancelUpTimer();
        setDown(mode);
        upTimer = timer.schedule(this::upFromTimer, Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS);
        return this;
    }

    /** Comes back up (no-op when up). */
    public synchronized HecFaults up() {
        cancelUpTimer();
        setDown(null);
        return this;
    }

    private synchronized void upFromTimer() {
        upTimer = null;
        setDown(null);
    }

    private void setDown(DownMode mode) {
        DownMode old = downMode;
        if (old == mode) {
            return;
        }
        downMode = mode; // first, so connections accepted while (un)binding see the new state
        try {
            handler.apply(mode, old);
        } catch (RuntimeException e) {
            downMode = old;
            throw e;
        }
    }

    private void cancelUpTimer() {
        if (upTimer != null) {
            upTimer.cancel(false);
            upTimer = null;
        }
    }

    public boolean isDown() {
        return downMode != null;
    }

    /** The current down mode, or null when up. */
    public DownMode downMode() {
        return downMode;
    }

    // ------------------------------------------------------------------------------------------------ busy

    /** {@code true}: answer every ingestion request with 503 code 9 until {@code busy(false)} / {@link #clear()}. */
    public HecFaults busy(boolean busy) {
        this.busy = busy;
        if (!busy) {
            busyTimed = false;
            if (rejectCode == HecCode.SERVER_BUSY) {
                rejectRemaining.set(0);
            }
        }
        return this;
    }

    /** Answer the next {@code n} ingestion requests with 503 {@code {"text":"Server is busy","code":9}}. */
    public HecFaults busyNext(int n) {
        return rejectNext(n, HecCode.SERVER_BUSY);
    }

    /** Answer ingestion requests with 503 code 9 for {@code duration}. */
    public HecFaults busyFor(Duration duration) {
        busyUntilNanos = System.nanoTime() + duration.toNanos();
        busyTimed = true;
        return this;
    }

    /**
     * Answer the next {@code n} ingestion requests with {@code code} (its HTTP status and text), e.g.
     * {@link HecCode#INTERNAL_ERROR}. Replaces any pending count.
     */
    public HecFaults rejectNext(int n, HecCode code) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0");
        }
        rejectCode = Objects.requireNonNull(code, "code");
        rejectRemaining.set(n);
        return this;
    }

    /** Remaining count of {@link #rejectNext}/{@link #busyNext}. */
    public int rejectRemaining() {
        return rejectRemaining.get();
    }

    public boolean isBusy() {
        return busy || (busyTimed && System.nanoTime() - busyUntilNanos < 0);
    }

    /** Called once per ingestion request: the rejection to answer with, or null. */
    HecCode takeRejection() {
        if (isBusy()) {
            return HecCode.SERVER_BUSY;
        }
        while (true) {
            int r = rejectRemaining.get();
            if (r <= 0) {
                return null;
            }
            if (rejectRemaining.compareAndSet(r, r - 1)) {
                return rejectCode;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ delay

    /** Delay every HEC response by {@code delay} (scheduled on the Netty event loop; nothing blocks). ZERO = off. */
    public HecFaults delay(Duration delay) {
        this.delayNanos = Math.max(0, delay == null ? 0 : delay.toNanos());
        return this;
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    long delayNanos() {
        return delayNanos;
    }

    // ------------------------------------------------------------------------------------------------ acks

    /**
     * {@code true}: every ack is reported {@code false} until {@code withholdAcks(false)} / {@link #clear()};
     * then they are reported {@code true} (once) as usual.
     */
    public HecFaults withholdAcks(boolean withhold) {
        this.withholdAcks = withhold;
        return this;
    }

    /**
     * {@code true}: every ack that is pending now or issued while this is on is lost: it is reported {@code false}
     * forever (like an indexer that crashed), even after {@code dropAcks(false)}.
     */
    public HecFaults dropAcks(boolean drop) {
        this.dropAcks = drop;
        if (drop) {
            handler.dropPendingAcks();
        }
        return this;
    }

    /** Acks become {@code true} only {@code latency} after the request was answered (indexing latency). */
    public HecFaults ackLatency(Duration latency) {
        this.ackLatencyNanos = Math.max(0, latency == null ? 0 : latency.toNanos());
        return this;
    }

    public boolean isWithholdingAcks() {
        return withholdAcks;
    }

    public boolean isDroppingAcks() {
        return dropAcks;
    }

    public Duration ackLatency() {
        return Duration.ofNanos(ackLatencyNanos);
    }

    long ackLatencyNanos() {
        return ackLatencyNanos;
    }

    // ------------------------------------------------------------------------------------------------ health

    /** {@code true}: {@code /services/collector/health} answers 503 code 18; {@code false}: 200 code 17. */
    public HecFaults unhealthy(boolean unhealthy) {
        return health(unhealthy ? HecCode.UNHEALTHY_QUEUES_FULL : HecCode.HEALTHY);
    }

    /** The health reply: {@link HecCode#HEALTHY} (17) or one of 18/19/20 (or any code). */
    public HecFaults health(HecCode code) {
        this.healthCode = Objects.requireNonNull(code, "code");
        return this;
    }

    public HecCode health() {
        return healthCode;
    }

    // ------------------------------------------------------------------------------------------------ clear

    /**
     * Removes every fault: up again, not busy, no pending rejections, no delay, acks released (withheld acks become
     * {@code true}; dropped acks stay lost), no ack latency, healthy.
     */
    public synchronized HecFaults clear() {
        up();
        busy = false;
        busyTimed = false;
        rejectRemaining.set(0);
        rejectCode = HecCode.SERVER_BUSY;
        delayNanos = 0;
        withholdAcks = false;
        dropAcks = false;
        ackLatencyNanos = 0;
        healthCode = HecCode.HEALTHY;
        return this;
    }

    /** The current fault state as a map (what {@code GET /_emulator/faults} returns). */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        DownMode d = downMode;
        m.put("down", d != null);
        m.put("downMode", d == null ? null : d.name().toLowerCase(java.util.Locale.ROOT));
        m.put("busy", isBusy());
        m.put("rejectRemaining", rejectRemaining.get());
        m.put("rejectCode", rejectCode.code());
        m.put("delayMs", delayNanos / 1_000_000);
        m.put("withholdAcks", withholdAcks);
        m.put("dropAcks", dropAcks);
        m.put("ackLatencyMs", ackLatencyNanos / 1_000_000);
        m.put("healthCode", healthCode.code());
        return m;
    }

    @Override
    public String toString() {
        return "HecFaults" + snapshot();
    }
}
