package org.slsconnect.source.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.config.SlsSourceConfig.ExpiredCursorPolicy;

import com.aliyun.openservices.log.exception.LogException;

/**
 * Pulls a task's shards on a few background threads into a bounded buffer that {@code poll()} drains.
 *
 * <p>Each shard has at most one pull in flight (its next step is scheduled only when the previous one is
 * buffered), so a shard's records stay in order. Memory is bounded by {@code max.buffered.bytes}: log bytes count
 * from the moment they are buffered until Kafka acknowledges them ({@link #release}); no pull starts above the
 * bound. Errors never skip data: retryable ones are retried with backoff, the rest fail the task.
 */
public final class Prefetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Prefetcher.class);
    private static final long FULL_BUFFER_RECHECK_MS = 20;
    /** A response that cannot be decoded is retried this many times before the task fails. */
    private static final int MAX_DECODE_FAILURES = 5;

    private final SlsSourceConfig config;
    private final ScheduledExecutorService pool;
    /** Pulled records in the order they are handed to Connect; a batch with a failure ends its shard. */
    private final LinkedBlockingDeque<ShardReader.Batch> ready = new LinkedBlockingDeque<>();
    private final PullBudget budget;
    /** Average log bytes per group of each shard's last non-empty pull: sizes its next pull. */
    private final Map<ShardReader, Long> groupBytes = new ConcurrentHashMap<>();
    private final AtomicInteger activeShards = new AtomicInteger();
    private final Consumer<ShardReader> onFinished;
    private volatile ConnectException failure;
    private volatile boolean closed;

    public Prefetcher(SlsSourceConfig config, String threadNamePrefix, Consumer<ShardReader> onFinished) {
        this.config = config;
        this.onFinished = onFinished;
        this.budget = new PullBudget(config.maxBufferedBytes(), config.fetchLogGroups());
        AtomicInteger threadId = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(config.fetchThreads(), r -> {
            Thread t = new Thread(r, threadNamePrefix + "-" + threadId.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    public void start(List<ShardReader> readers) {
        activeShards.set(readers.size());
        for (ShardReader reader : readers) schedule(reader, 0);
    }

    /**
     * Up to {@code maxRecords} buffered records, waiting at most {@code timeoutMs} for the first; null if none.
     * A shard's failure is thrown once the records before it have been handed over, so Connect fails the task
     * with its message.
     */
    public List<SourceRecord> drain(int maxRecords, long timeoutMs) throws InterruptedException {
        throwIfFailed();
        ShardReader.Batch batch = ready.pollFirst(timeoutMs, TimeUnit.MILLISECONDS);
        if (batch == null) {
            throwIfFailed();
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, Math.max(batch.records().size(), 16)));
        while (true) {
            int room = maxRecords - out.size();
            if (batch.records().size() > room) {
                out.addAll(batch.records().subList(0, room));
                ready.addFirst(batch.from(room));
                return out;
            }
            out.addAll(batch.records());
            if (batch.failure() != null) {
                if (!out.isEmpty()) {
                    ready.addFirst(batch.from(batch.records().size()));
                    return out;
                }
                failure = batch.failure();
                throw batch.failure();
            }
            ShardReader.Batch more = ready.peekFirst();
            if (more == null || out.size() + more.records().size() > maxRecords) return out;
            batch = ready.pollFirst();
        }
    }

    /** Kafka acknowledged a record: its bytes leave the memory budget. */
    public void release(long bytes) {
        budget.release(bytes);
    }

    public long bufferedBytes() { return budget.bufferedBytes(); }

    public int activeShards() { return activeShards.get(); }

    private void schedule(ShardReader reader, long delayMs) {
        if (closed) return;
        try {
            pool.schedule(() -> step(reader), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (!closed) throw e;
        }
    }

    private void step(ShardReader reader) {
        if (closed || failure != null) return;
        PullBudget.Reservation pull = budget.reserve(reader, groupBytes.get(reader));
        if (pull == null) {
            schedule(reader, FULL_BUFFER_RECHECK_MS);
            return;
        }
        ShardReader.Batch batch = null;
        Throwable error = null;
        try {
            reader.ensureInitialized();
            if (!reader.finished()) batch = reader.fetch(pull.groups());
        } catch (Throwable t) {
            error = t;
        } finally {
            budget.settle(pull, batch == null ? 0 : batch.bytes());
        }
        if (error != null) {
            onError(reader, error);
            return;
        }
        if (batch != null) {
            reader.backoff.reset();
            reader.decodeFailures = 0;
            if (batch.groups() > 0) groupBytes.put(reader, Math.max(1, batch.bytes() / batch.groups()));
            if (!batch.records().isEmpty() || batch.failure() != null) ready.addLast(batch);
            if (batch.failure() != null) {
                // The shard cannot go on; the task fails when poll() reaches the failure.
                budget.forget(reader);
                return;
            }
        }
        if (reader.finished()) finish(reader);
        else schedule(reader, batch.caughtUp() ? config.fetchIdleBackoffMs() : 0);
    }

    /** Acts on a failed step as {@link SlsErrors#classify} says. */
    private void onError(ShardReader reader, Throwable t) {
        if (closed) return;
        switch (SlsErrors.classify(t)) {
            case EXPIRED:
                expired(reader, (LogException) t);
                break;
            case GONE:
                log.warn("Shard {} no longer exists in SLS ({}); it is done", reader.ref(), SlsErrors.describe((LogException) t));
                reader.markGone();
                finish(reader);
                break;
            case DECODE:
                decodeFailure(reader, SlsErrors.describe((LogException) t));
                break;
            case RETRY:
                retry(reader, (LogException) t);
                break;
            case FATAL:
                fail(t instanceof ConnectException ? (ConnectException) t
                    : new ConnectException("Shard " + reader.ref() + ": " + SlsErrors.describe((LogException) t)));
                break;
            default:
                log.error("Shard {} at cursor {}: unexpected error, a bug in the connector", reader.ref(), reader.cursor(), t);
                fail(new ConnectException("Shard " + reader.ref() + " at cursor " + reader.cursor() + ": unexpected "
                    + "error " + t + " (a bug in the connector, please report it with the task's log). Nothing was "
                    + "skipped; restarting the task resumes at the last committed offset", t));
        }
    }

    private void retry(ShardReader reader, LogException e) {
        reader.metrics().recordRetry(SlsErrors.isThrottle(e));
        long delay = reader.backoff.nextDelayMs();
        int attempt = reader.backoff.attempts();
        // Log the 1st, 2nd, 4th, 8th... retry of a streak: visible, but no log storm while SLS is down.
        if (Integer.bitCount(attempt) == 1) {
            log.warn("Shard {} at cursor {}: {}; retry #{} in {} ms", reader.ref(), reader.cursor(),
                SlsErrors.describe(e), attempt, delay);
        }
        schedule(reader, delay);
    }

    private void expired(ShardReader reader, LogException e) {
        ExpiredCursorPolicy policy = config.expiredCursorPolicy();
        String cursor = reader.cursor();
        if (policy == ExpiredCursorPolicy.FAIL) {
            reader.metrics().recordExpiredCursor(0);
            fail(new ConnectException("Shard " + reader.ref() + ": cursor " + cursor + " is no longer valid in SLS ("
                + SlsErrors.describe(e) + "); its data has probably expired past the logstore TTL. Set "
                + SlsSourceConfig.EXPIRED_CURSOR_POLICY + "=earliest or latest to continue (data before the new "
                + "position is lost), or reset the shard's offset through the Connect REST API"));
            return;
        }
        try {
            long skipped = reader.skipExpired(policy);
            reader.metrics().recordExpiredCursor(skipped);
            log.warn("Shard {}: cursor {} is no longer valid in SLS ({}); by {}={} continuing at cursor {}, "
                    + "skipping {} log group(s) (expired ones, and with 'latest' also the retained backlog)",
                reader.ref(), cursor, SlsErrors.describe(e),
                SlsSourceConfig.EXPIRED_CURSOR_POLICY, policy.name().toLowerCase(), reader.cursor(),
                skipped < 0 ? "an unknown number of" : Long.toString(skipped));
            schedule(reader, 0);
        } catch (LogException again) {
            onError(reader, again);
        }
    }

    private void decodeFailure(ShardReader reader, String what) {
        int failures = ++reader.decodeFailures;
        if (failures >= MAX_DECODE_FAILURES) {
            fail(new ConnectException("Shard " + reader.ref() + " at cursor " + reader.cursor() + ": SLS sent a "
                + "response that cannot be decoded, " + failures + " times in a row (" + what + "). Nothing was "
                + "skipped; the task stops here so that no data is lost"));
            return;
        }
        reader.metrics().recordRetry(false);
        long delay = reader.backoff.nextDelayMs();
        log.warn("Shard {} at cursor {}: undecodable response ({}); retry #{} in {} ms", reader.ref(), reader.cursor(),
            what, failures, delay);
        schedule(reader, delay);
    }

    private void finish(ShardReader reader) {
        budget.forget(reader);
        activeShards.decrementAndGet();
        onFinished.accept(reader);
    }

    private void fail(ConnectException e) {
        if (failure == null) {
            failure = e;
            log.error(e.getMessage());
        }
    }

    private void throwIfFailed() {
        ConnectException f = failure;
        if (f != null) throw f;
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) log.warn("SLS fetch threads did not stop within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.clear();
    }
}
