package org.slsconnect.source.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.config.RecordFormatConfig;
import org.slsconnect.source.config.RecordFormatConfig.OversizePolicy;
import org.slsconnect.source.config.SlsSourceConfig.ExpiredCursorPolicy;
import org.slsconnect.source.config.StartPosition;
import org.slsconnect.source.mapping.OversizeRecordException;
import org.slsconnect.source.mapping.RecordMapper;
import org.slsconnect.source.mapping.ShardContext;
import org.slsconnect.source.mapping.SlsRecord;
import org.slsconnect.source.metrics.ShardMetrics;
import org.slsconnect.source.offset.Cursors;
import org.slsconnect.source.offset.PullPositions;
import org.slsconnect.source.offset.SourceOffsets;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.common.ConsumerGroupShardCheckPoint;
import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.LogGroupData;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.response.PullLogsResponse;

/**
 * Reads one shard. Holds its position ({@code cursor} + {@code skip}, see {@link SourceOffsets}), resolves the
 * start position, and cuts each PullLogs response into records whose offsets name the next log exactly.
 * Not thread-safe: the {@link Prefetcher} runs at most one step of a reader at a time.
 */
public final class ShardReader {

    private static final Logger log = LoggerFactory.getLogger(ShardReader.class);

    private final Client client;
    private final SlsSourceConfig config;
    private final ShardRef ref;
    private final ShardContext context;
    private final RecordMapper mapper;
    private final ShardMetrics metrics;
    private final SourceOffsets.Position stored;
    final Backoff backoff;
    /** Consecutive responses that could not be decoded; owned by the Prefetcher. */
    int decodeFailures;

    private boolean initialized;
    private String cursor;
    private long skip;
    private boolean finished;
    private boolean emitted;
    private String stopCursor;
    /** Set when a log cannot be delivered (record.oversize.policy=fail): the shard reads nothing more. */
    private boolean halted;
    /** The shard's event ids were once found unstable (and it was logged). */
    private boolean warnedUnstableIds;

    /** Records numbered so far: the sequence number of the next one (see {@link SlsRecord#sequence()}). */
    private long sequence;

    /**
     * The records of one pull, the log groups it held, whether the shard had nothing more right now, and, when
     * the shard cannot go on, the failure that follows the records.
     */
    public static final class Batch {
        private final List<SlsRecord> records;
        private final long bytes;
        private final int groups;
        private final boolean caughtUp;
        private final ConnectException failure;

        Batch(List<SlsRecord> records, long bytes, int groups, boolean caughtUp, ConnectException failure) {
            this.records = records;
            this.bytes = bytes;
            this.groups = groups;
            this.caughtUp = caughtUp;
            this.failure = failure;
        }

        public List<SlsRecord> records() { return records; }
        public long bytes() { return bytes; }
        public int groups() { return groups; }
        public boolean caughtUp() { return caughtUp; }
        /** Non-null when the shard cannot go on after these records: the task fails with it. */
        public ConnectException failure() { return failure; }

        /** What is left of this batch for the queue after its first {@code n} records were handed over. */
        Batch from(int n) {
            return new Batch(new ArrayList<>(records.subList(n, records.size())), 0, 0, caughtUp, failure);
        }
    }

    public ShardReader(Client client, SlsSourceConfig config, ShardRef ref, RecordMapper mapper,
                       ShardMetrics metrics, SourceOffsets.Position stored) {
        this.client = client;
        this.config = config;
        this.ref = ref;
        this.context = new ShardContext(config.project(), ref.logstore(), ref.shard(), config.topicFor(ref.logstore()),
            config.keyByShard());
        this.mapper = mapper;
        this.metrics = metrics;
        this.stored = stored;
        this.backoff = new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs());
    }

    public ShardRef ref() { return ref; }
    public boolean finished() { return finished; }
    public String cursor() { return cursor; }
    /** True if this reader delivered records; a finished shard that did not has no Connect offset to mirror. */
    public boolean emitted() { return emitted; }
    public ShardMetrics metrics() { return metrics; }

    /** Resolves the position to read from: the Connect offset if there is one, else the configured start. */
    void ensureInitialized() throws LogException {
        if (initialized) return;
        if (stored != null) {
            cursor = stored.cursor();
            skip = stored.skip();
            finished = stored.finished();
            log.info("Shard {} resumes at cursor {} skipping {} log(s){}", ref, cursor, skip, finished ? " (finished)" : "");
        } else {
            cursor = startCursor();
            skip = 0;
            log.info("Shard {} has no offset; starts at {} (cursor {})", ref, config.startPosition(), cursor);
        }
        Optional<Instant> stop = config.stopTime();
        if (stop.isPresent()) {
            stopCursor = client.GetCursor(config.project(), ref.logstore(), ref.shard(), stop.get().getEpochSecond()).GetCursor();
            if (PullPositions.isAtOrAfter(cursor, stopCursor) && skip == 0) finished = true;
        }
        if (!finished) finished = readOnlyShardAtEnd(client, config.project(), ref, cursor, skip);
        initialized = true;
    }

    /**
     * The one rule for a read-only (split or merged) shard at rest: it is finished when the position is at its final
     * end with nothing to skip. Used here when a reader starts and by the connector, which leaves such shards out of
     * the assignment.
     */
    public static boolean readOnlyShardAtEnd(Client client, String project, ShardRef ref, String cursor, long skip)
            throws LogException {
        if (!ref.readOnly() || skip != 0) return false;
        return cursor.equals(client.GetCursor(project, ref.logstore(), ref.shard(), Consts.CursorMode.END).GetCursor());
    }

    private String startCursor() throws LogException {
        StartPosition start = config.startPosition();
        if (start.kind() == StartPosition.Kind.CONSUMER_GROUP) {
            String checkpoint = groupCheckpoint();
            if (checkpoint != null) return checkpoint;
            log.info("Shard {} has no checkpoint in consumer group {}; falling back to {}", ref, config.consumerGroup(),
                config.startFallback());
            start = config.startFallback();
        }
        return cursorAt(start);
    }

    private String cursorAt(StartPosition start) throws LogException {
        return StartCursors.resolve(client, config.project(), ref.logstore(), ref.shard(), start);
    }

    private String groupCheckpoint() throws LogException {
        try {
            for (ConsumerGroupShardCheckPoint cp : client.GetCheckPoint(config.project(), ref.logstore(),
                    config.consumerGroup(), ref.shard()).getCheckPoints()) {
                if (cp.getShard() == ref.shard() && cp.getCheckPoint() != null && !cp.getCheckPoint().isEmpty()) {
                    return cp.getCheckPoint();
                }
            }
            return null;
        } catch (LogException e) {
            if ("ConsumerGroupNotExist".equalsIgnoreCase(e.getErrorCode())) return null;
            throw e;
        }
    }

    /** Pulls up to {@code maxGroups} log groups from the current position and returns the records that follow it. */
    Batch fetch(int maxGroups) throws LogException {
        // The failure is on its way to the task, which fails when it meets it; pulling on would only buffer data
        // that cannot be delivered.
        if (halted) return new Batch(List.of(), 0, 0, true, null);
        String requestCursor = cursor;
        PullLogsRequest request = new PullLogsRequest(config.project(), ref.logstore(), ref.shard(), maxGroups,
            requestCursor);
        if (stopCursor != null) request.setEndCursor(stopCursor);
        config.query().ifPresent(request::setQuery);
        request.setCompressType(config.compression() == SlsSourceConfig.Compression.ZSTD ? Consts.CompressType.ZSTD : Consts.CompressType.LZ4);

        PullLogsResponse response = client.pullLogs(request);
        List<LogGroupData> groups;
        FastLogGroup[] parsed;
        try {
            groups = response.getLogGroups();     // decompresses and splits the body
            parsed = new FastLogGroup[groups.size()];
            for (int k = 0; k < parsed.length; k++) {
                parsed[k] = groups.get(k).GetFastLogGroup();
                if (parsed[k].getLogsCount() == 0 && !isEmptyGroup(parsed[k])) throw badResponse(requestCursor, "log group #" + k + " of the response is not a valid LogGroup protobuf");
            }
        } catch (RuntimeException e) {
            // The SDK throws runtime exceptions for bodies it cannot split or parse: an undecodable response,
            // unlike a runtime exception anywhere else, which is a bug (see SlsErrors.classify).
            throw badResponse(requestCursor, e.toString());
        }
        String next = response.getNextCursor();
        int n = parsed.length;
        int[] logCounts = new int[n];
        for (int k = 0; k < n; k++) logCounts[k] = parsed[k].getLogsCount();
        // With an SPL query, group cursors are not derived from x-log-read-last-cursor: that needs every group
        // read to be in the answer, which is not documented for groups the query empties. Offsets then count logs
        // from the request cursor, exact as long as the query is the same on re-reads.
        boolean filtered = config.query().isPresent();
        PullPositions positions = PullPositions.of(requestCursor, skip, stopCursor, ref.readOnly(), next,
            filtered ? null : response.getReadLastCursor(), response.isEndOfCursor(), logCounts);
        if (!positions.stableIds() && !warnedUnstableIds) {
            warnedUnstableIds = true;
            log.warn("Shard {}: {}, so its event ids name the pull's first cursor and are not stable across re-reads "
                + "(offsets stay exact)", ref, filtered ? SlsSourceConfig.QUERY + " is set"
                : "SLS answered without a usable x-log-read-last-cursor (cursor " + next + ")");
        }

        List<SlsRecord> records = new ArrayList<>();
        long bytes = 0;
        long ordinal = 0;          // logs from the request cursor
        for (int k = 0; k < n; k++) {
            FastLogGroup group = parsed[k];
            String groupCursor = positions.idCursor(k);
            for (int i = 0; i < logCounts[k]; i++, ordinal++) {
                if (ordinal < positions.skip()) continue;
                Map<String, Object> offset = positions.offsetAfter(k, i, ordinal);
                FastLog fastLog = group.getLogs(i);
                int index = positions.idIndex(i, ordinal);
                SlsRecord record;
                try {
                    record = mapper.map(context, group, fastLog, groupCursor, index, offset);
                } catch (OversizeRecordException e) {
                    if (e.policy() != OversizePolicy.SKIP) {
                        return halt(records, bytes, oversizeFailure(e, groupCursor, index, fastLog));
                    }
                    skipOversize(e, records, groupCursor, index, fastLog, offset);
                    continue;
                }
                if (record.truncated()) metrics.recordOversize(false);
                bytes += record.logBytes();
                records.add(record);
            }
        }

        cursor = next;
        skip = 0;
        if (positions.finishes()) {
            finished = true;
            log.info("Shard {} finished at cursor {} ({})", ref, next,
                positions.stopReached() ? "stop.time reached" : "read-only shard read to its end");
        }
        number(records);
        boolean caughtUp = n == 0 || response.isEndOfCursor();
        metrics.recordPull(records.size(), bytes, caughtUp ? 0 : lagMs(response.getCursorTime()));
        return new Batch(records, bytes, n, caughtUp, null);
    }

    /**
     * {@code record.oversize.policy=skip}: the log is dropped, loudly. Its offset passes to the record before it
     * in this batch, so a commit moves past it; with none, the next record's offset does (until then a restart
     * reads and skips it again).
     */
    private void skipOversize(OversizeRecordException e, List<SlsRecord> records, String groupCursor, int index,
                              FastLog fastLog, Map<String, Object> offset) {
        metrics.recordOversize(true);
        log.warn("Shard {} at cursor {}, log #{} (log time {}): {}; skipped by {}=skip", ref, groupCursor, index,
            Instant.ofEpochSecond(fastLog.getTime() & 0xFFFFFFFFL), e.getMessage(), RecordFormatConfig.OVERSIZE_POLICY);
        if (!records.isEmpty()) records.set(records.size() - 1, records.get(records.size() - 1).withOffset(offset));
    }

    private ConnectException oversizeFailure(OversizeRecordException e, String groupCursor, int index, FastLog fastLog) {
        return new ConnectException("Shard " + ref + " at cursor " + groupCursor + ", log #" + index + " of its log group "
            + "(event id " + context.eventId(groupCursor, index) + ", log time "
            + Instant.ofEpochSecond(fastLog.getTime() & 0xFFFFFFFFL) + "): " + e.getMessage() + ". Nothing was skipped "
            + "and no offset is committed past this log; the task stops here so that no data is lost. To deliver it, raise "
            + RecordFormatConfig.RECORD_MAX_BYTES + " and with it the producer's max.request.size "
            + "(producer.override.max.request.size in the connector config), the topic's max.message.bytes and "
            + "Splunk HEC's max content length, then restart the task; or set " + RecordFormatConfig.OVERSIZE_POLICY
            + "=truncate or skip");
    }

    /**
     * Stops the shard at a log it cannot deliver: the records before it go out, then the failure makes the task
     * fail. The position is not advanced, so nothing after the log is ever read by this task.
     */
    private Batch halt(List<SlsRecord> records, long bytes, ConnectException failure) {
        halted = true;
        log.error(failure.getMessage());
        number(records);
        metrics.recordPull(records.size(), bytes, 0);
        return new Batch(records, bytes, 0, true, failure);
    }

    /** Numbers the records handed over, in order, for the checkpoint mirror. */
    private void number(List<SlsRecord> records) {
        for (SlsRecord r : records) r.sequence(sequence++);
        if (!records.isEmpty()) emitted = true;
    }

    private static LogException badResponse(String cursor, String what) {
        // "BadResponse" is what the Prefetcher retries with backoff and, if it persists, fails the task on.
        return new LogException("BadResponse", "undecodable PullLogs response at cursor " + cursor + ": " + what, "");
    }

    /**
     * The SDK's FastLogGroup clears everything when its parse fails, so a damaged group looks like a group without
     * logs; skipping it would silently lose its logs. A group with no logs is accepted only if its bytes are
     * well-formed protobuf (a real one holds at most topic, source, tags and the like).
     */
    static boolean isEmptyGroup(FastLogGroup g) {
        if (g.hasTopic() || g.hasSource() || g.getLogTagsCount() > 0) return true;   // parsed, so not damaged
        return isWellFormedProtobuf(g.getRawBytes(), g.getBeginOffset(), g.getEndOffset());
    }

    /** True if {@code [from, to)} is a sequence of protobuf fields with known wire types that ends exactly at {@code to}. */
    static boolean isWellFormedProtobuf(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            long key = 0;
            int shift = 0;
            while (true) {
                if (i >= to || shift > 63) return false;
                byte x = b[i++];
                key |= (long) (x & 0x7F) << shift;
                if (x >= 0) break;
                shift += 7;
            }
            if ((key >>> 3) == 0) return false;
            switch ((int) (key & 7)) {
                case 0:
                    do { if (i >= to) return false; } while (b[i++] < 0);
                    break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2: {
                    long len = 0;
                    shift = 0;
                    while (true) {
                        if (i >= to || shift > 35) return false;
                        byte x = b[i++];
                        len |= (long) (x & 0x7F) << shift;
                        if (x >= 0) break;
                        shift += 7;
                    }
                    if (len > to - i) return false;
                    i += (int) len;
                    break;
                }
                default: return false;
            }
        }
        return i == to;
    }

    /** Moves past data that SLS no longer has, as the expired-cursor policy says; returns log groups skipped, or -1 if unknown. */
    long skipExpired(ExpiredCursorPolicy policy) throws LogException {
        String from = cursor;
        cursor = cursorAt(policy == ExpiredCursorPolicy.LATEST ? StartPosition.END : StartPosition.BEGIN);
        skip = 0;
        OptionalLong a = Cursors.decode(from);
        OptionalLong b = Cursors.decode(cursor);
        return a.isPresent() && b.isPresent() ? Math.max(0, b.getAsLong() - a.getAsLong()) : -1;
    }

    /** The shard no longer exists (deleted or expired after a split): nothing more will come from it. */
    void markGone() { finished = true; }

    private static long lagMs(long cursorTimeSec) {
        return cursorTimeSec <= 0 ? 0 : Math.max(0, System.currentTimeMillis() - cursorTimeSec * 1000L);
    }
}
