package org.slsconnect.source.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.offset.SourceOffsets;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.response.ConsumerGroupUpdateCheckPointResponse;

/**
 * Issue 15, bug 6: the mirror works from what Kafka acknowledged, in memory, and writes on its own schedule; the
 * offsets topic is never read. The fake client only records the checkpoint writes (pure logic under test).
 */
class CheckpointMirrorTest {

    private static final ShardRef SHARD = new ShardRef("ls", 0, false);
    private static final Map<String, Object> PARTITION = SourceOffsets.partition("p", "ls", 0);

    /** Records UpdateCheckPoint calls; makes no request. */
    private static final class RecordingClient extends Client {
        final List<String> writes = new ArrayList<>();

        RecordingClient() { super("cn-hangzhou.log.aliyuncs.com", "id", "secret"); }

        @Override
        public ConsumerGroupUpdateCheckPointResponse UpdateCheckPoint(String project, String logstore, String group,
                                                                      int shard, String checkpoint) throws LogException {
            writes.add(logstore + "/" + shard + "=" + checkpoint);
            return null;
        }
    }

    @Test
    void writesOnlyWhatWasAcknowledgedInOrderAndOnlyWhenItMoved() {
        RecordingClient client = new RecordingClient();
        CheckpointMirror mirror = new CheckpointMirror(client, "p", "g", List.of(SHARD), "test-mirror");
        mirror.flush();
        assertEquals(List.of(), client.writes, "nothing acknowledged yet");

        mirror.acknowledged(PARTITION, 0, "c1");
        mirror.acknowledged(PARTITION, 1, "c2");
        mirror.flush();
        mirror.flush();
        assertEquals(List.of("ls/0=c2"), client.writes, "written once, at the last acknowledged record");

        // Acknowledged out of order (records of one shard over several partitions): the checkpoint waits for the gap.
        mirror.acknowledged(PARTITION, 3, "c4");
        mirror.acknowledged(PARTITION, 4, "c5");
        mirror.flush();
        assertEquals(List.of("ls/0=c2"), client.writes, "record #2 is not acknowledged: no log after it may be checkpointed");
        mirror.acknowledged(PARTITION, 2, "c3");
        mirror.flush();
        assertEquals(List.of("ls/0=c2", "ls/0=c5"), client.writes);

        // Records of shards the mirror does not own are ignored.
        mirror.acknowledged(SourceOffsets.partition("p", "other", 0), 0, "x");
        mirror.flush();
        assertEquals(2, client.writes.size());
    }

    @Test
    void aReadOnlyShardFinishedWithoutRecordsIsCheckpointedAtItsEnd() {
        RecordingClient client = new RecordingClient();
        CheckpointMirror mirror = new CheckpointMirror(client, "p", "g", List.of(SHARD), "test-mirror");
        mirror.finishedWithoutRecords(SHARD, "end");
        mirror.close();                 // a clean stop writes what moved
        assertEquals(List.of("ls/0=end"), client.writes);
    }
}
