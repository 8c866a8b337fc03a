package org.slsconnect.it;

import java.util.ArrayList;
import java.util.List;

import org.slsconnect.emulator.sls.LogGroupBuilder;
import org.slsconnect.emulator.sls.SlsEmulator;

/** Writes logs with unique ids into the emulator, the way an SLS producer would, and remembers the ids. */
final class TestLogs {

    /**
     * Log times start an hour ago. Not a fixed date: the record timestamp is the log time, and the broker's
     * time-based retention (7 days by default) deletes segments whose records look older than that.
     */
    static final long BASE_TIME = System.currentTimeMillis() / 1000 - 3600;

    private TestLogs() {}

    /**
     * Appends {@code groups} log groups of {@code perGroup} logs to a shard. Each log has fields {@code id},
     * {@code seq} and {@code msg}; every other log has a nanosecond part. Returns the ids written.
     */
    static List<String> write(SlsEmulator emu, String project, String logstore, int shard, int groups, int perGroup,
                              String idPrefix) {
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            LogGroupBuilder b = new LogGroupBuilder().topic("it-topic").source("10.0.0." + shard).tag("host", "web-" + shard);
            for (int i = 0; i < perGroup; i++) {
                String id = idPrefix + "-" + shard + "-" + g + "-" + i;
                int seq = g * perGroup + i;
                b.log(BASE_TIME + seq, seq % 2 == 0 ? null : 1000 * seq, "id", id, "seq", Integer.toString(seq),
                    "msg", "héllo wörld 日志 " + id);
                ids.add(id);
            }
            emu.appendLogGroup(project, logstore, shard, b.build());
        }
        return ids;
    }
}
