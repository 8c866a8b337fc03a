package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.common.ConsumerGroup;
import com.aliyun.openservices.log.common.ConsumerGroupShardCheckPoint;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.LogGroupData;
import com.aliyun.openservices.log.common.LogItem;
import com.aliyun.openservices.log.common.LogStore;
import com.aliyun.openservices.log.common.Shard;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.request.PutLogsRequest;
import com.aliyun.openservices.log.request.SplitShardRequest;
import com.aliyun.openservices.log.response.BatchGetLogResponse;
import com.aliyun.openservices.log.response.GetLogStoreResponse;
import com.aliyun.openservices.log.response.ListShardResponse;
import com.aliyun.openservices.log.response.PullLogsResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.emulator.sls.Sdk.assertLogError;
import static org.slsconnect.emulator.sls.Sdk.assertSameGroup;

/** The real aliyun-log 0.6.151 SDK against the emulator, API by API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkApiTest {
    static final String AK = "test-ak";
    static final String SK = "test-secret";
    static final String P = "proj";

    SlsEmulator emu;
    Client client;

    @BeforeAll
    void start() {
        emu = SlsEmulator.builder().port(0).accessKey(AK, SK).build().start();
        emu.createProject(P);
        client = Sdk.client(emu, AK, SK);
    }

    @AfterAll
    void stop() {
        client.shutdown();
        emu.close();
    }

    static byte[] group(String topic, int n, String idPrefix) {
        LogGroupBuilder b = new LogGroupBuilder().topic(topic).source("10.0.0." + n).tag("host", "h" + n).tag("__path__", "/var/log/x");
        for (int i = 0; i < n; i++) {
            b.log(1_700_000_000L + i, i % 2 == 0 ? 123_456_789 + i : null, "id", idPrefix + "-" + i, "msg", "héllo wörld " + i, "empty", "");
        }
        return b.build();
    }

    @Test
    void projectAndLogstoreLifecycle() throws Exception {
        client.CreateProject("other", "desc");
        assertLogError("ProjectAlreadyExist", () -> client.CreateProject("other", "desc"));
        assertEquals("desc", client.GetProject("other").GetProjectDescription());
        assertTrue(client.ListProject().getProjects().stream().anyMatch(p -> p.getProjectName().equals("other")));

        client.CreateLogStore("other", new LogStore("ls1", 7, 3));
        assertLogError("LogStoreAlreadyExist", () -> client.CreateLogStore("other", new LogStore("ls1", 7, 3)));
        client.CreateLogStore("other", new LogStore("ls2", 1, 1));
        GetLogStoreResponse got = client.GetLogStore("other", "ls1");
        assertEquals("ls1", got.GetLogStore().GetLogStoreName());
        assertEquals(7, got.GetLogStore().GetTtl());
        assertEquals(3, got.GetLogStore().GetShardCount());
        assertEquals(List.of("ls1", "ls2"), client.ListLogStores("other", 0, 100).GetLogStores());
        assertEquals(List.of("ls2"), client.ListLogStores("other", 1, 100).GetLogStores());
        assertEquals(2, client.ListLogStores("other", 0, 1, "ls").GetTotal());

        LogStore updated = new LogStore("ls1", 9, 3);
        client.UpdateLogStore("other", updated);
        assertEquals(9, client.GetLogStore("other", "ls1").GetLogStore().GetTtl());

        client.DeleteLogStore("other", "ls1");
        assertLogError("LogStoreNotExist", () -> client.GetLogStore("other", "ls1"));
        client.DeleteProject("other");
        assertLogError("ProjectNotExist", () -> client.GetProject("other"));
    }

    @Test
    void listShardsSplitsTheHashSpaceEvenly() throws Exception {
        emu.createLogstore(P, "four", 4);
        ListShardResponse r = client.ListShard(P, "four");
        List<String> begins = r.GetShards().stream().map(Shard::getInclusiveBeginKey).toList();
        List<String> ends = r.GetShards().stream().map(Shard::getExclusiveEndKey).toList();
        assertEquals(List.of("00000000000000000000000000000000", "40000000000000000000000000000000",
                "80000000000000000000000000000000", "c0000000000000000000000000000000"), begins);
        assertEquals(List.of("40000000000000000000000000000000", "80000000000000000000000000000000",
                "c0000000000000000000000000000000", "ffffffffffffffffffffffffffffffff"), ends);
        assertTrue(r.GetShards().stream().allMatch(s -> s.getStatus().equals("readwrite")));
        assertEquals(List.of(0, 1, 2, 3), r.GetShards().stream().map(Shard::GetShardId).toList());
        assertEquals(emu.shards(P, "four").stream().map(ShardInfo::beginKey).toList(), begins);
    }

    @Test
    void putBytesInEveryCompressionAndPullBackByteForByte() throws Exception {
        emu.createLogstore(P, "rt", 2);
        List<byte[]> written = new ArrayList<>();
        String[] compressions = {"lz4", "zstd", "", "lz4"};
        for (int i = 0; i < compressions.length; i++) {
            byte[] g = group("topic-" + i, 3 + i, "g" + i);
            written.add(g);
            // Hash key 0... routes every group to shard 0.
            client.PutLogs(P, "rt", g, compressions[i], "00000000000000000000000000000001");
        }
        assertEquals(4, emu.logGroupCount(P, "rt", 0));
        assertEquals(0, emu.logGroupCount(P, "rt", 1));

        String begin = client.GetCursor(P, "rt", 0, Consts.CursorMode.BEGIN).GetCursor();
        PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "rt", 0, 1000, begin));
        assertEquals(4, r.getCount());
        List<LogGroupData> groups = r.getLogGroups();
        for (int i = 0; i < 4; i++) {
            assertSameGroup(written.get(i), groups.get(i).GetFastLogGroup());
        }
        assertEquals(client.GetCursor(P, "rt", 0, Consts.CursorMode.END).GetCursor(), r.getNextCursor());
        assertTrue(r.isEndOfCursor());
        // x-log-read-last-cursor is the DECIMAL position of the last group: Flink derives per-group cursors from it.
        long lastPosition = Long.parseLong(r.getReadLastCursor());
        assertEquals(3, emu.sequenceOf(P, "rt", 0, Base64.getEncoder().encodeToString(Long.toString(lastPosition).getBytes(StandardCharsets.US_ASCII))));
        assertArrayEquals(written.get(2), emu.logGroup(P, "rt", 0, 2));
    }

    @Test
    void putWithDeflateAndLoadBalancing() throws Exception {
        emu.createLogstore(P, "lb", 2);
        byte[] g = group("t", 2, "lb");
        PutLogsRequest req = new PutLogsRequest(P, "lb", null, null, g, null);
        req.setCompressType(Consts.CompressType.GZIP); // sent as x-log-compresstype: deflate
        client.PutLogs(req);
        client.PutLogs(P, "lb", g, "lz4", null); // no hash key: /shards/lb round-robin
        assertEquals(2, emu.logGroupCount(P, "lb", 0) + emu.logGroupCount(P, "lb", 1));
        assertEquals(1, emu.logGroupCount(P, "lb", 0));
        PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "lb", 0, 10, emu.beginCursor(P, "lb", 0)));
        assertSameGroup(g, r.getLogGroups().get(0).GetFastLogGroup());
    }

    @Test
    void putLogItemsThroughTheProtobufRuntime() throws Exception {
        emu.createLogstore(P, "items", 1);
        List<LogItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LogItem item = new LogItem(1_700_000_100 + i);
            item.SetTimeNsPart(1000 * i);
            item.PushBack("k", "v" + i);
            item.PushBack("unicode", "日本語 " + i);
            items.add(item);
        }
        client.PutLogs(P, "items", "my-topic", items, "1.2.3.4");
        PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "items", 0, 10, emu.beginCursor(P, "items", 0)));
        FastLogGroup g = r.getLogGroups().get(0).GetFastLogGroup();
        assertEquals("my-topic", g.getTopic());
        assertEquals("1.2.3.4", g.getSource());
        assertEquals(5, g.getLogsCount());
        for (int i = 0; i < 5; i++) {
            assertEquals(1_700_000_100 + i, g.getLogs(i).getTime());
            assertEquals(1000 * i, g.getLogs(i).getTimeNsPart());
            assertEquals("v" + i, g.getLogs(i).getContents(0).getValue());
            assertEquals("日本語 " + i, g.getLogs(i).getContents(1).getValue());
        }
        // The protobuf-2.5 parse path reads the same thing.
        assertEquals("my-topic", r.getLogGroups().get(0).GetLogGroup().getTopic());
    }

    @Test
    void invalidUtf8IsStoredAndServedUnchanged() throws Exception {
        emu.createLogstore(P, "bytes", 1);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        byte[] g = new LogGroupBuilder().log(1_700_000_000L, 5, "k".getBytes(StandardCharsets.UTF_8), bad).build();
        client.PutLogs(P, "bytes", g, "lz4", null);
        PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "bytes", 0, 10, emu.beginCursor(P, "bytes", 0)));
        assertArrayEquals(bad, r.getLogGroups().get(0).GetFastLogGroup().getLogs(0).getContents(0).getValueBytes());
    }

    @Test
    void cursorsByBeginEndAndReceiveTime() throws Exception {
        AtomicLong now = new AtomicLong(1_800_000_000_000L);
        emu.clock(now::get);
        try {
            emu.createLogstore(P, "times", 1);
            for (int i = 0; i < 3; i++) {
                now.set(1_800_000_000_000L + i * 10_000L); // receive times T, T+10, T+20
                emu.appendLogGroup(P, "times", 0, group("t", 1, "c" + i));
            }
            now.set(1_800_000_100_000L);
            String begin = client.GetCursor(P, "times", 0, Consts.CursorMode.BEGIN).GetCursor();
            String end = client.GetCursor(P, "times", 0, Consts.CursorMode.END).GetCursor();
            assertEquals(emu.cursor(P, "times", 0, 0), begin);
            assertEquals(emu.cursor(P, "times", 0, 3), end);
            assertEquals(emu.cursor(P, "times", 0, 1), client.GetCursor(P, "times", 0, 1_800_000_005L).GetCursor());
            assertEquals(emu.cursor(P, "times", 0, 1), client.GetCursor(P, "times", 0, 1_800_000_010L).GetCursor());
            assertEquals(begin, client.GetCursor(P, "times", 0, 1_000L).GetCursor());
            assertEquals(end, client.GetCursor(P, "times", 0, 1_900_000_000L).GetCursor());

            assertEquals(1_800_000_010, client.GetCursorTime(P, "times", 0, emu.cursor(P, "times", 0, 1)).GetCursorTime());
            assertEquals(1_800_000_100, client.GetCursorTime(P, "times", 0, end).GetCursorTime(), "end -> now");
            assertEquals(1_800_000_020, client.GetPrevCursorTime(P, "times", 0, end).GetCursorTime(), "last written group");
            assertLogError("InvalidCursor", () -> client.GetCursorTime(P, "times", 0, emu.cursor(P, "times", 0, 4)));

            PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "times", 0, 2, begin));
            assertEquals(1_800_000_010, r.getCursorTime(), "x-log-cursor-time = receive time of last returned group");
        } finally {
            emu.clock(System::currentTimeMillis);
        }
    }

    @Test
    void pagingEmptyPullsAndEndCursor() throws Exception {
        emu.createLogstore(P, "paging", 1);
        for (int i = 0; i < 25; i++) {
            emu.appendLogGroup(P, "paging", 0, group("t", 1, "p" + i));
        }
        String cursor = emu.beginCursor(P, "paging", 0);
        int total = 0;
        int pulls = 0;
        while (true) {
            PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "paging", 0, 10, cursor));
            pulls++;
            if (r.getCount() == 0) {
                assertEquals(cursor, r.getNextCursor(), "an empty pull hands back the same cursor");
                assertTrue(r.isEndOfCursor());
                break;
            }
            assertEquals(total + r.getCount() == 25, r.isEndOfCursor());
            total += r.getCount();
            assertNotEquals(cursor, r.getNextCursor());
            cursor = r.getNextCursor();
        }
        assertEquals(25, total);
        assertEquals(4, pulls);

        // A cursor that is not canonical (padding stripped) still works, and an empty pull echoes it verbatim.
        String unpadded = cursor.replace("=", "");
        assertEquals(unpadded, client.pullLogs(new PullLogsRequest(P, "paging", 0, 10, unpadded)).getNextCursor());

        String stop = emu.cursor(P, "paging", 0, 15);
        PullLogsResponse bounded = client.pullLogs(new PullLogsRequest(P, "paging", 0, 1000, emu.beginCursor(P, "paging", 0), stop));
        assertEquals(15, bounded.getCount());
        assertEquals(stop, bounded.getNextCursor());
        assertTrue(bounded.isEndOfCursor());
        PullLogsResponse atStop = client.pullLogs(new PullLogsRequest(P, "paging", 0, 1000, stop, stop));
        assertEquals(0, atStop.getCount());
        assertEquals(stop, atStop.getNextCursor());

        // query "*" is a pass-through; the SPL subset filters logs and keeps every group (query.SplTest has the
        // language); SPL outside the subset is refused.
        assertEquals(25, client.pullLogs(new PullLogsRequest(P, "paging", 0, 1000, emu.beginCursor(P, "paging", 0), null, "*")).getCount());
        assertEquals(25, client.pullLogs(new PullLogsRequest(P, "paging", 0, 1000, emu.beginCursor(P, "paging", 0), null,
                "* | where a = '1'")).getCount());
        assertLogError("ParameterInvalid", () -> client.pullLogs(
                new PullLogsRequest(P, "paging", 0, 1000, emu.beginCursor(P, "paging", 0), null, "* | stats count(*)")));
    }

    @Test
    void zstdPullAndBatchGetLog() throws Exception {
        emu.createLogstore(P, "codecs", 1);
        List<byte[]> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(group("z", 4, "z" + i));
            emu.appendLogGroup(P, "codecs", 0, written.get(i));
        }
        PullLogsRequest zreq = new PullLogsRequest(P, "codecs", 0, 100, emu.beginCursor(P, "codecs", 0));
        zreq.setCompressType(Consts.CompressType.ZSTD);
        PullLogsResponse z = client.pullLogs(zreq);
        assertEquals(5, z.getCount());
        for (int i = 0; i < 5; i++) {
            assertSameGroup(written.get(i), z.getLogGroups().get(i).GetFastLogGroup());
        }
        BatchGetLogResponse b = client.BatchGetLog(P, "codecs", 0, 100, emu.beginCursor(P, "codecs", 0));
        assertEquals(5, b.GetCount());
        assertEquals(z.getNextCursor(), b.GetNextCursor());
        for (int i = 0; i < 5; i++) {
            assertSameGroup(written.get(i), b.GetLogGroups().get(i).GetFastLogGroup());
        }
    }

    @Test
    void largeGroupsArePagedByTheByteCap() throws Exception {
        emu.createLogstore(P, "big", 1);
        String blob = "x".repeat(300 * 1024);
        for (int i = 0; i < 10; i++) {
            emu.appendLogGroup(P, "big", 0, new LogGroupBuilder().log(1_700_000_000L, null, "i", Integer.toString(i), "blob", blob).build());
        }
        emu.maxPullBytes(1024 * 1024);
        try {
            String cursor = emu.beginCursor(P, "big", 0);
            int total = 0;
            int pulls = 0;
            while (total < 10) {
                PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "big", 0, 1000, cursor));
                assertTrue(r.getCount() >= 1 && r.getCount() <= 3, "count " + r.getCount());
                assertEquals(Integer.toString(total), r.getLogGroups().get(0).GetFastLogGroup().getLogs(0).getContents(0).getValue());
                total += r.getCount();
                cursor = r.getNextCursor();
                pulls++;
            }
            assertEquals(10, total);
            assertTrue(pulls >= 4);
        } finally {
            emu.maxPullBytes(10L * 1024 * 1024);
        }
    }

    @Test
    void splitAndMergeLeaveReadonlyParentsWithTheirData() throws Exception {
        emu.createLogstore(P, "split", 2);
        for (int i = 0; i < 5; i++) {
            client.PutLogs(P, "split", group("s", 1, "before" + i), "lz4", "10000000000000000000000000000000");
        }
        ListShardResponse split = client.SplitShard(P, "split", 0, "40000000000000000000000000000000");
        assertEquals(List.of(0, 2, 3), split.GetShards().stream().map(Shard::GetShardId).toList());
        assertEquals("readonly", split.GetShards().get(0).getStatus());
        assertEquals("readwrite", split.GetShards().get(1).getStatus());
        assertEquals("40000000000000000000000000000000", split.GetShards().get(1).getExclusiveEndKey());

        List<Shard> shards = client.ListShard(P, "split").GetShards();
        assertEquals(List.of(0, 1, 2, 3), shards.stream().map(Shard::GetShardId).toList());
        assertEquals(List.of("readonly", "readwrite", "readwrite", "readwrite"), shards.stream().map(Shard::getStatus).toList());

        // The readonly parent keeps its data; at its end a pull returns 0 and the same cursor, forever.
        PullLogsResponse all = client.pullLogs(new PullLogsRequest(P, "split", 0, 1000, emu.beginCursor(P, "split", 0)));
        assertEquals(5, all.getCount());
        for (int i = 0; i < 2; i++) {
            PullLogsResponse atEnd = client.pullLogs(new PullLogsRequest(P, "split", 0, 1000, all.getNextCursor()));
            assertEquals(0, atEnd.getCount());
            assertEquals(all.getNextCursor(), atEnd.getNextCursor());
        }
        assertEquals(all.getNextCursor(), client.GetCursor(P, "split", 0, Consts.CursorMode.END).GetCursor());

        // Writes now route to the children.
        client.PutLogs(P, "split", group("s", 1, "after"), "lz4", "10000000000000000000000000000000");
        assertEquals(5, emu.logGroupCount(P, "split", 0));
        assertEquals(1, emu.logGroupCount(P, "split", 2));
        assertLogError("ParameterInvalid", () -> client.SplitShard(P, "split", 0, "20000000000000000000000000000000"));

        ListShardResponse merged = client.MergeShards(P, "split", 2);
        assertEquals(List.of(4, 2, 3), merged.GetShards().stream().map(Shard::GetShardId).toList());
        assertEquals("00000000000000000000000000000000", merged.GetShards().get(0).getInclusiveBeginKey());
        assertEquals("80000000000000000000000000000000", merged.GetShards().get(0).getExclusiveEndKey());
        assertEquals(List.of("readonly", "readwrite", "readonly", "readonly", "readwrite"),
                emu.shards(P, "split").stream().map(ShardInfo::status).toList());

        // Split by shard count, and the Java API.
        ListShardResponse three = client.SplitShard(new SplitShardRequest(P, "split", 1, 3));
        assertEquals(List.of(1, 5, 6, 7), three.GetShards().stream().map(Shard::GetShardId).toList());
        assertEquals(List.of(8, 9), emu.splitShard(P, "split", 4));
        assertEquals(10, emu.mergeShards(P, "split", 8));
    }

    @Test
    void expiredCursorsAreInvalidOrReadFromBegin() throws Exception {
        emu.createLogstore(P, "expiry", 1);
        for (int i = 0; i < 10; i++) {
            emu.appendLogGroup(P, "expiry", 0, group("e", 1, "e" + i));
        }
        String oldBegin = client.GetCursor(P, "expiry", 0, Consts.CursorMode.BEGIN).GetCursor();
        assertEquals(4, emu.expireLogGroups(P, "expiry", 0, 4));
        assertEquals(6, emu.logGroupCount(P, "expiry", 0));
        assertEquals(emu.cursor(P, "expiry", 0, 4), client.GetCursor(P, "expiry", 0, Consts.CursorMode.BEGIN).GetCursor());

        // Default: the real-world failure mode.
        assertEquals(ExpiredCursorBehavior.INVALID_CURSOR, emu.expiredCursorBehavior());
        assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, "expiry", 0, 100, oldBegin)));
        assertLogError("InvalidCursor", () -> client.GetCursorTime(P, "expiry", 0, oldBegin));

        emu.expiredCursorBehavior(ExpiredCursorBehavior.READ_FROM_BEGIN);
        try {
            PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "expiry", 0, 100, oldBegin));
            assertEquals(6, r.getCount());
            assertEquals("e4-0", r.getLogGroups().get(0).GetFastLogGroup().getLogs(0).getContents(0).getValue());
        } finally {
            emu.expiredCursorBehavior(ExpiredCursorBehavior.INVALID_CURSOR);
        }
    }

    @Test
    void ttlExpiresByReceiveTime() throws Exception {
        AtomicLong now = new AtomicLong(1_800_000_000_000L);
        emu.clock(now::get);
        try {
            emu.createLogstore(P, "ttl", 1, 1);
            emu.appendLogGroup(P, "ttl", 0, group("t", 1, "old"));
            now.addAndGet(86_400_000L / 2);
            emu.appendLogGroup(P, "ttl", 0, group("t", 1, "new"));
            String begin = client.GetCursor(P, "ttl", 0, Consts.CursorMode.BEGIN).GetCursor();
            now.addAndGet(86_400_000L / 2 + 1000); // the first group is now older than 1 day
            assertEquals(1, emu.logGroupCount(P, "ttl", 0));
            assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, "ttl", 0, 100, begin)));
            PullLogsResponse r = client.pullLogs(new PullLogsRequest(P, "ttl", 0, 100,
                    client.GetCursor(P, "ttl", 0, Consts.CursorMode.BEGIN).GetCursor()));
            assertEquals("new-0", r.getLogGroups().get(0).GetFastLogGroup().getLogs(0).getContents(0).getValue());
        } finally {
            emu.clock(System::currentTimeMillis);
        }
    }

    @Test
    void consumerGroupsAndCheckpoints() throws Exception {
        emu.createLogstore(P, "cg", 2);
        client.CreateConsumerGroup(P, "cg", new ConsumerGroup("g1", 60, false));
        assertLogError("ConsumerGroupAlreadyExist", () -> client.CreateConsumerGroup(P, "cg", new ConsumerGroup("g1", 60, false)));
        client.CreateConsumerGroup(P, "cg", new ConsumerGroup("g2", 30, true));
        List<ConsumerGroup> groups = client.ListConsumerGroup(P, "cg").GetConsumerGroups();
        assertEquals(List.of("g1", "g2"), groups.stream().map(ConsumerGroup::getConsumerGroupName).toList());
        assertTrue(groups.get(1).isInOrder());
        assertEquals(30, groups.get(1).getTimeout());
        client.UpdateConsumerGroup(P, "cg", "g2", false, 45);
        assertEquals(45, client.ListConsumerGroup(P, "cg").GetConsumerGroups().get(1).getTimeout());

        // Fresh group: one entry per shard with an empty checkpoint.
        List<ConsumerGroupShardCheckPoint> cps = client.GetCheckPoint(P, "cg", "g1").GetCheckPoints();
        assertEquals(2, cps.size());
        assertEquals("", cps.get(0).getCheckPoint());
        assertEquals("", client.GetCheckPoint(P, "cg", "g1", 1).GetCheckPoints().get(0).getCheckPoint());
        assertEquals(0, client.GetCheckPoint(P, "cg", "g1", 7).GetCheckPoints().size(), "no entry for a missing shard");

        // Flink style: no consumer, forceSuccess=true.
        String cursor = emu.endCursor(P, "cg", 1);
        client.UpdateCheckPoint(P, "cg", "g1", 1, cursor);
        ConsumerGroupShardCheckPoint cp = client.GetCheckPoint(P, "cg", "g1", 1).GetCheckPoints().get(0);
        assertEquals(cursor, cp.getCheckPoint());
        assertTrue(cp.getUpdateTime() > 0);
        assertEquals(cursor, client.getCheckpoint(P, "cg", "g1", 1).getCheckpoint().getCheckPoint());
        assertEquals(cursor, emu.checkpoint(P, "cg", "g1", 1));
        assertEquals("", emu.checkpoint(P, "cg", "g1", 0));

        // Heartbeats and owned checkpoints (forceSuccess=false).
        assertEquals(List.of(0, 1), client.HeartBeat(P, "cg", "g1", "c1", List.of()).getShards());
        client.UpdateCheckPoint(P, "cg", "g1", "c1", 0, emu.beginCursor(P, "cg", 0));
        assertLogError("ConsumerNotExist", () -> client.UpdateCheckPoint(P, "cg", "g1", "nobody", 0, cursor));
        assertLogError("ShardNotExist", () -> client.UpdateCheckPoint(P, "cg", "g1", "c1", 9, cursor));

        // A second consumer: c1 must first let go of a shard before c2 gets it.
        assertEquals(List.of(), client.HeartBeat(P, "cg", "g1", "c2", List.of()).getShards());
        assertEquals(List.of(0), client.HeartBeat(P, "cg", "g1", "c1", List.of(0, 1)).getShards());
        assertEquals(List.of(), client.HeartBeat(P, "cg", "g1", "c2", List.of()).getShards(), "c1 still holds shard 1");
        assertEquals(List.of(0), client.HeartBeat(P, "cg", "g1", "c1", List.of(0)).getShards());
        assertEquals(List.of(1), client.HeartBeat(P, "cg", "g1", "c2", List.of()).getShards());
        assertLogError("ConsumerNotMatch", () -> client.UpdateCheckPoint(P, "cg", "g1", "c1", 1, cursor));
        client.UpdateCheckPoint(P, "cg", "g1", "c2", 1, cursor);
        assertEquals("c2", client.GetCheckPoint(P, "cg", "g1", 1).GetCheckPoints().get(0).getConsumer());

        client.DeleteConsumerGroup(P, "cg", "g2");
        assertLogError("ConsumerGroupNotExist", () -> client.GetCheckPoint(P, "cg", "g2"));
        assertLogError("ConsumerGroupNotExist", () -> client.HeartBeat(P, "cg", "g2", "c1", List.of()));
    }

    @Test
    void requestsAreCountedPerKind() throws Exception {
        emu.createLogstore(P, "counted", 1);
        long pulls = emu.requestCount("PullLogs");
        long cursors = emu.requestCount("GetCursor");
        String begin = client.GetCursor(P, "counted", 0, Consts.CursorMode.BEGIN).GetCursor();
        client.pullLogs(new PullLogsRequest(P, "counted", 0, 10, begin));
        client.BatchGetLog(P, "counted", 0, 10, begin);
        assertEquals(pulls + 2, emu.requestCount("PullLogs"));
        assertEquals(pulls + 2, emu.requestCount("BatchGetLog"), "alias of the same API");
        assertEquals(cursors + 1, emu.requestCount("GetCursor"));
        assertTrue(emu.requestCounts().containsKey("PullLogs"));
    }
}
