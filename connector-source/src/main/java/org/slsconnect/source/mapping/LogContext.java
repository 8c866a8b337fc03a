package org.slsconnect.source.mapping;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;

/**
 * The log being mapped plus the reusable per-thread tools (key cache, key plan, output buffer). One per mapper
 * and thread: fetch threads map concurrently, and nothing here is shared between them.
 */
final class LogContext {

    final KeyCache keys = new KeyCache();
    final KeyPlan plan = new KeyPlan();
    final Json.Buffer out = new Json.Buffer();
    /** Names written to {@code __invalid_utf8__} and {@code __unfold_error__} for the current log. */
    final List<String> invalidUtf8 = new ArrayList<>();
    final List<String> unfoldErrors = new ArrayList<>();
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
        invalidUtf8.clear();
        unfoldErrors.clear();
    }
}
