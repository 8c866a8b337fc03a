package org.slsconnect.source.read;

import org.slsconnect.source.config.StartPosition;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.exception.LogException;

/** The SLS cursor of a begin, end or time start position; one place for the task and the offsets API. */
public final class StartCursors {

    private StartCursors() {}

    public static String resolve(Client client, String project, String logstore, int shard, StartPosition start)
            throws LogException {
        switch (start.kind()) {
            case BEGIN: return client.GetCursor(project, logstore, shard, Consts.CursorMode.BEGIN).GetCursor();
            case END: return client.GetCursor(project, logstore, shard, Consts.CursorMode.END).GetCursor();
            case TIME: return client.GetCursor(project, logstore, shard, start.time().getEpochSecond()).GetCursor();
            default: throw new IllegalArgumentException("no cursor for start position " + start);
        }
    }
}
