package org.slsconnect.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slsconnect.emulator.sls.ShardInfo;
import org.slsconnect.emulator.sls.SlsException;
import org.slsconnect.emulator.sls.SlsEmulator;

/**
 * Writes logs with unique ids into every read-write shard of a logstore, round after round, on a background thread,
 * while a scenario disrupts the pipeline. Shards are listed each round, so splits and merges are followed.
 */
final class ContinuousWriter implements AutoCloseable {

    private final SlsEmulator sls;
    private final String project;
    private final String logstore;
    private final int groupsPerShard;
    private final int logsPerGroup;
    private final long pauseMs;
    private final List<String> written = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong rounds = new AtomicLong();
    private final Thread thread;
    private volatile Throwable error;

    /** Each round writes {@code groupsPerShard} groups of {@code logsPerGroup} logs to each shard, then pauses. */
    ContinuousWriter(SlsEmulator sls, String project, String logstore, int groupsPerShard, int logsPerGroup, long pauseMs) {
        this.sls = sls;
        this.project = project;
        this.logstore = logstore;
        this.groupsPerShard = groupsPerShard;
        this.logsPerGroup = logsPerGroup;
        this.pauseMs = pauseMs;
        this.thread = new Thread(this::run, "it-writer-" + logstore);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                long round = rounds.get();
                for (ShardInfo shard : sls.shards(project, logstore)) {
                    if (!shard.readWrite()) continue;
                    List<String> ids;
                    try {
                        ids = TestLogs.write(sls, project, logstore, shard.id(), groupsPerShard, logsPerGroup,
                            logstore + "-w" + round);
                    } catch (SlsException e) {
                        continue;   // the shard turned read-only (split/merge) since it was listed: nothing was written
                    }
                    synchronized (written) { written.addAll(ids); }
                }
                rounds.incrementAndGet();
                if (pauseMs > 0) Thread.sleep(pauseMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            error = t;
        }
    }

    long rounds() { return rounds.get(); }

    int count() {
        synchronized (written) { return written.size(); }
    }

    /** Stops writing and returns every id written. Fails if the writer itself failed (the test would be void). */
    List<String> stop() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        if (error != null) throw new AssertionError("the test's log writer failed", error);
        synchronized (written) { return new ArrayList<>(written); }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }
}
