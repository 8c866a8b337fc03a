package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.Logs;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.codec.Compression;
import org.slsconnect.emulator.sls.codec.Wire;
import org.slsconnect.emulator.sls.store.Cursors;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written protobuf encoder/decoder, the codecs and cursor encoding. */
class LogGroupCodecTest {

    @Test
    void builderOutputIsWhatTheSdkParsers() throws Exception {
        Map<String, String> contents = new LinkedHashMap<>();
        contents.put("a", "1");
        contents.put("b", "2");
        byte[] g = new LogGroupBuilder().topic("t").source("1.2.3.4").machineUuid("uuid").tag("k", "v")
                .log(1_700_000_000L, 123_456_789, "k1", "v1", "k2", "v2")
                .log(1_700_000_001L, null, "only", "one")
                .log(1_700_000_002L, 0)
                .log(4_294_967_295L, null, contents)
                .build();
        // protobuf-java 2.5 (the SDK's generated classes) reads it...
        Logs.LogGroup parsed = Logs.LogGroup.parseFrom(g);
        assertEquals("t", parsed.getTopic());
        assertEquals("1.2.3.4", parsed.getSource());
        assertEquals("uuid", parsed.getMachineUUID());
        assertEquals("v", parsed.getLogTags(0).getValue());
        assertEquals(4, parsed.getLogsCount());
        assertEquals(123_456_789, parsed.getLogs(0).getTimeNs());
        assertEquals(false, parsed.getLogs(1).hasTimeNs());
        assertEquals("v2", parsed.getLogs(0).getContents(1).getValue());
        assertEquals(-1, parsed.getLogs(3).getTime(), "uint32 max, as Java's signed int");
        // ...so does the SDK's zero-copy FastLogGroup...
        FastLogGroup fast = new FastLogGroup(g, 0, g.length);
        assertEquals("t", fast.getTopic());
        assertEquals(123_456_789, fast.getLogs(0).getTimeNsPart());
        assertEquals("one", fast.getLogs(1).getContents(0).getValue());
        // ...and our decoder.
        LogGroupDecoder.LogGroup d = LogGroupDecoder.decode(g);
        assertEquals("t", d.topic());
        assertEquals("1.2.3.4", d.source());
        assertEquals("v", d.tag("k"));
        assertEquals(123_456_789, d.logs().get(0).timeNs());
        assertNull(d.logs().get(1).timeNs());
        assertEquals("v1", d.logs().get(0).get("k1"));
        assertEquals(4_294_967_295L, d.logs().get(3).time());
        assertEquals("2", d.logs().get(3).get("b"));
        assertEquals(0, d.logs().get(2).contents().size());
    }

    @Test
    void sdkSerializedGroupsDecode() {
        byte[] g = Logs.LogGroup.newBuilder().setTopic("x")
                .addLogs(Logs.Log.newBuilder().setTime(5).setTimeNs(6)
                        .addContents(Logs.Log.Content.newBuilder().setKey("k").setValue("v")))
                .build().toByteArray();
        LogGroupDecoder.LogGroup d = LogGroupDecoder.decode(g);
        assertEquals("x", d.topic());
        assertEquals(5, d.logs().get(0).time());
        assertEquals(6, d.logs().get(0).timeNs());
    }

    @Test
    void rawByteValues() {
        byte[] bad = {(byte) 0xFF, 0x00, (byte) 0xC3};
        byte[] g = new LogGroupBuilder().tag("t".getBytes(StandardCharsets.UTF_8), bad).log(1, null, bad, bad).build();
        LogGroupDecoder.LogGroup d = LogGroupDecoder.decode(g);
        assertArrayEquals(bad, d.logs().get(0).contents().get(0).keyBytes());
        assertArrayEquals(bad, d.tags().get(0).valueBytes());
    }

    @Test
    void malformedInputIsRejected() {
        assertThrows(Wire.MalformedProtobufException.class, () -> LogGroupDecoder.decode(new byte[]{0x0A, 0x7F}));
        assertThrows(Wire.MalformedProtobufException.class, () -> LogGroupDecoder.decode(new byte[]{0x0A, 0x02, 0x10, 0x01}), "no Time");
        assertThrows(Wire.MalformedProtobufException.class, () -> LogGroupDecoder.decode(new byte[]{0x08, 0x01}), "Logs as varint");
        assertThrows(IllegalArgumentException.class, () -> new LogGroupBuilder().log(1, null, "odd"));
        assertThrows(IllegalArgumentException.class, () -> new LogGroupBuilder().log(-1, null));
    }

    @Test
    void logGroupListFraming() {
        byte[] a = new LogGroupBuilder().topic("a").log(1, null).build();
        byte[] b = new LogGroupBuilder().topic("b").log(2, null, "k", "x".repeat(300)).build();
        byte[] fa = Wire.frameAsListElement(a);
        byte[] fb = Wire.frameAsListElement(b);
        assertEquals(0x0A, fa[0]);
        assertEquals(a.length + 2, fa.length);
        assertEquals(b.length + 3, fb.length, "two-byte varint length");
        byte[] list = new byte[fa.length + fb.length];
        System.arraycopy(fa, 0, list, 0, fa.length);
        System.arraycopy(fb, 0, list, fa.length, fb.length);
        List<byte[]> split = LogGroupDecoder.splitLogGroupList(list);
        assertArrayEquals(a, split.get(0));
        assertArrayEquals(b, split.get(1));
    }

    @Test
    void compressionRoundTrips() {
        byte[] raw = "hello hello hello hello sls ".repeat(500).getBytes(StandardCharsets.UTF_8);
        for (Compression c : Compression.values()) {
            assertArrayEquals(raw, c.decompress(c.compress(raw), raw.length), c.name());
        }
        assertArrayEquals(raw, Compression.ZSTD.decompress(Compression.ZSTD.compress(raw), -1));
        assertThrows(IllegalArgumentException.class, () -> Compression.LZ4.decompress(new byte[]{(byte) 0xF0, 1}, 100));
        assertThrows(IllegalArgumentException.class, () -> Compression.DEFLATE.decompress(new byte[]{1, 2, 3}, 10));
        assertThrows(IllegalArgumentException.class, () -> Compression.NONE.decompress(raw, raw.length + 1));
        assertEquals(Compression.DEFLATE, Compression.fromHeader("deflate"));
        assertEquals(Compression.NONE, Compression.fromHeader(null));
        assertNull(Compression.fromHeader("snappy"));
        assertEquals(Compression.ZSTD, Compression.forAcceptEncoding("zstd"));
        assertEquals(Compression.LZ4, Compression.forAcceptEncoding("lz4"));
        assertEquals(Compression.LZ4, Compression.forAcceptEncoding(null));
    }

    @Test
    void cursorsAreCanonicalAndDecodedLeniently() {
        String c = Cursors.encode(1_795_620_760_000_000_000L);
        assertEquals("MTc5NTYyMDc2MDAwMDAwMDAwMA==", c);
        assertEquals(1_795_620_760_000_000_000L, Cursors.decode(c));
        assertEquals(1_795_620_760_000_000_000L, Cursors.decode("MTc5NTYyMDc2MDAwMDAwMDAwMA"), "padding optional");
        assertEquals(1_447_329_401_102_130_904L, Cursors.decode("MTQ0NzMyOTQwMTEwMjEzMDkwNA=="), "a real SLS cursor");
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode("aGVsbG8="));
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode("!!"));
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode(""));
    }
}
