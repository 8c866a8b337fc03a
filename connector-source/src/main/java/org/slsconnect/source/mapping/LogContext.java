package org.slsconnect.source.mapping;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The log being mapped plus the reusable per-thread tools (key cache, key plan, output buffer). One per mapper
 * and thread: fetch threads map concurrently, and nothing here is shared between them.
 */
final class LogContext {

    final KeyCache keys = new KeyCache();
    final KeyPlan plan = new KeyPlan();
    final Json.Buffer out = new Json.Buffer();
    /**
     * One JSON generator over {@link #out} for every log of this thread: a generator per log (with its context and
     * buffers) was a tenth of the fetch threads' allocation. Each value is a new root value, flushed to {@code out}.
     */
    private JsonGenerator generator;
    /** Names written to {@code __invalid_utf8__} and {@code __unfold_error__} for the current log. */
    final List<String> invalidUtf8 = new ArrayList<>();
    final List<String> unfoldErrors = new ArrayList<>();
    /** Content fields cut by {@code record.oversize.policy=truncate} in the current rendering. */
    final List<String> truncated = new ArrayList<>();
    /** Longest content value written, in bytes; lowered only while truncating an oversize log. */
    int valueCap = Integer.MAX_VALUE;
    /** Size of the last value rendered: exact UTF-8 bytes for the JSON formats, an estimate for structured. */
    long valueBytes;
    final char[] number = new char[32];
    /** The second whose digits {@code number} starts with, and how many there are (HEC time). */
    long numberSecond = -1;
    int numberDigits;

    // The log being mapped.
    ShardContext shard;
    GroupView group;
    FastLog log;
    String groupCursor;
    String eventId;
    long timestampMs;

    // Logs arrive group by group, so the last group's view is almost always the one needed. A weak reference:
    // the group holds the whole decompressed response, which must not stay alive because a thread went idle.
    private WeakReference<FastLogGroup> lastGroup = new WeakReference<>(null);
    private ShardContext lastShard;

    void start(ShardContext shard, FastLogGroup group, FastLog log, String groupCursor, String eventId,
               long timestampMs, MappingOptions options) {
        if (lastGroup.get() != group || lastShard != shard) {
            this.group = new GroupView(shard, group, options);
            lastGroup = new WeakReference<>(group);
            lastShard = shard;
        }
        this.shard = shard;
        this.log = log;
        this.groupCursor = groupCursor;
        this.eventId = eventId;
        this.timestampMs = timestampMs;
        plan.plan(log, this.group, keys, options);
        startRendering(Integer.MAX_VALUE);
    }

    JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = Json.generator(out);
            generator.setRootValueSeparator(null);   // root values follow each other with nothing between them
        }
        return generator;
    }

    /** After a value was cut short by an exception: the next value starts with a new generator. */
    void dropGenerator() {
        generator = null;
    }

    /** Resets what one rendering of the log collects, before the first or a truncating re-rendering. */
    void startRendering(int cap) {
        valueCap = cap;
        invalidUtf8.clear();
        unfoldErrors.clear();
        truncated.clear();
        valueBytes = 0;
    }

    /**
     * Length of a content value as written under {@link #valueCap}: unchanged if it fits, else cut to the cap at
     * a UTF-8 character boundary and the field recorded in {@link #truncated}.
     */
    int cappedLength(String field, byte[] b, int off, int len) {
        if (len <= valueCap) return len;
        int cut = valueCap;
        while (cut > 0 && (b[off + cut] & 0xC0) == 0x80) cut--;   // never split a character
        truncated.add(field);
        return cut;
    }
}
