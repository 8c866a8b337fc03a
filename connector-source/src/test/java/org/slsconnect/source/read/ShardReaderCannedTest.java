package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.mapping.LogGroups;
import org.slsconnect.source.mapping.RecordFormats;
import org.slsconnect.source.mapping.SlsRecord;
import org.slsconnect.source.metrics.ShardMetrics;
import org.slsconnect.source.offset.Cursors;
import org.slsconnect.source.offset.SourceOffsets;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.response.PullLogsResponse;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * {@link ShardReader#fetch} on canned SDK responses (real LZ4 body, real {@code PullLogsResponse} and
 * {@code FastLogGroup} decoding; the client only hands back the canned response): oversize skip and fail, damaged
 * groups, and the numbering the checkpoint mirror relies on.
 */
class ShardReaderCannedTest {

    private static final long FIRST = 1_000;
    private final Deque<PullLogsResponse> responses = new ArrayDeque<>();

    private ShardReader reader(String... props) throws LogException {
        Map<String, String> p = new HashMap<>();
        p.put("name", "canned");
        p.put("sls.endpoint", "sls.test");
        p.put("sls.access.key.id", "id");
        p.put("sls.access.key.secret", "secret");
        p.put("sls.project", "p");
        p.put("sls.logstores", "ls");
        for (int i = 0; i < props.length; i += 2) p.put(props[i], props[i + 1]);
        SlsSourceConfig config = new SlsSourceConfig(p);
        Client client = new Client("sls.test", "id", "secret") {
            @Override
            public PullLogsResponse pullLogs(PullLogsRequest request) {
                return responses.poll();
            }
        };
        ShardReader r = new ShardReader(client, config, new ShardRef("ls", 0, false), RecordFormats.mapper(config),
            new ShardMetrics(), new SourceOffsets.Position(Cursors.encode(FIRST), 0, false));
        r.ensureInitialized();
        return r;
    }

    /** A response holding {@code groups} (serialized LogGroups) starting at group position {@code first}. */
    private static PullLogsResponse response(long first, byte[]... groups) throws LogException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] g : groups) {
            raw.write(0x0A);
            int len = g.length;
            while (len >= 0x80) {
                raw.write((len & 0x7F) | 0x80);
                len >>>= 7;
            }
            raw.write(len);
            raw.writeBytes(g);
        }
        byte[] body = raw.toByteArray();
        LZ4Compressor c = LZ4Factory.fastestInstance().fastCompressor();
        byte[] out = new byte[c.maxCompressedLength(body.length)];
        int n = c.compress(body, 0, body.length, out, 0, out.length);
        long last = first + groups.length - 1;
        Map<String, String> h = new HashMap<>();
        h.put("x-log-cursor", Cursors.encode(last + 1));
        h.put("x-log-count", Integer.toString(groups.length));
        h.put("x-log-bodyrawsize", Integer.toString(body.length));
        h.put("x-log-compresstype", "lz4");
        h.put("x-log-read-last-cursor", Long.toString(last));
        h.put("x-log-cursor-time", "1700000000");
        h.put("x-log-end-of-cursor", "0");
        return new PullLogsResponse(h, Arrays.copyOf(out, n));
    }

    private static byte[] group(String... messages) {
        LogGroups g = LogGroups.group();
        for (String m : messages) g.log(1_700_000_000L, -1, "msg", m);
        return g.encode();
    }

    private static String offset(SlsRecord r) {
        Map<String, ?> o = r.sourceOffset();
        return Cursors.decode((String) o.get(SourceOffsets.CURSOR)).getAsLong() + "+" + o.get(SourceOffsets.SKIP);
    }

    @Test
    void recordsAreNumberedInOrderAcrossPulls() throws LogException {
        ShardReader r = reader();
        responses.add(response(FIRST, group("a", "b"), group("c")));
        responses.add(response(FIRST + 2, group("d")));
        ShardReader.Batch one = r.fetch(1000);
        ShardReader.Batch two = r.fetch(1000);
        assertEquals(List.of("1000+1", "1001+0", "1002+0"), one.records().stream().map(ShardReaderCannedTest::offset).collect(java.util.stream.Collectors.toList()));
        assertEquals(List.of(0L, 1L, 2L), one.records().stream().map(SlsRecord::sequence).collect(java.util.stream.Collectors.toList()));
        assertEquals(3L, two.records().get(0).sequence());
        assertEquals("1003+0", offset(two.records().get(0)));
        assertNull(one.failure());
    }

    @Test
    void aSkippedOversizeLogPassesItsOffsetToTheRecordBeforeIt() throws LogException {
        ShardReader r = reader("record.max.bytes", "1024", "record.oversize.policy", "skip");
        responses.add(response(FIRST, group("small", "x".repeat(5000), "small too")));
        ShardReader.Batch b = r.fetch(1000);
        assertEquals(2, b.records().size());
        assertEquals("1000+2", offset(b.records().get(0)), "a commit after the first record moves past the skipped log");
        assertEquals("1001+0", offset(b.records().get(1)));
        assertEquals(List.of(0L, 1L), List.of(b.records().get(0).sequence(), b.records().get(1).sequence()));
    }

    @Test
    void anUndeliverableLogEndsTheShardAsATypedFailureAfterTheRecordsBeforeIt() throws LogException {
        ShardReader r = reader("record.max.bytes", "1024", "record.oversize.policy", "fail");
        responses.add(response(FIRST, group("small", "x".repeat(5000), "never")));
        ShardReader.Batch b = r.fetch(1000);
        assertEquals(1, b.records().size(), "the record before the oversize log goes out");
        assertEquals("1000+1", offset(b.records().get(0)));
        assertNotNull(b.failure());
        assertTrue(b.failure().getMessage().contains("record.max.bytes"), b.failure().getMessage());
        responses.add(response(FIRST, group("anything")));
        ShardReader.Batch after = r.fetch(1000);
        assertTrue(after.records().isEmpty(), "a halted shard pulls nothing more");
        assertEquals(1, responses.size(), "and does not even ask SLS");
    }

    @Test
    void aDamagedGroupIsAnUndecodableResponseNotAnEmptyOne() throws LogException {
        ShardReader r = reader();
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xFF);
        responses.add(response(FIRST, group("a"), garbage));
        LogException e = assertThrows(LogException.class, () -> r.fetch(1000));
        assertEquals(SlsErrors.Verdict.DECODE, SlsErrors.classify(e), e.getMessage());
        assertEquals(Cursors.encode(FIRST), r.cursor(), "the position did not move");
    }
}
