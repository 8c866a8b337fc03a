package org.slsconnect.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.slsconnect.source.mapping.SlsRecord;
import org.slsconnect.source.offset.Cursors;
import org.slsconnect.source.read.CannedShardReader;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.LogGroupData;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.response.PullLogsResponse;

/**
 * One op = one PullLogs response of {@link #GROUPS} realistic log groups (LZ4 LogGroupList), taken through what a
 * task does with it: the SDK's {@code PullLogsResponse} decompression and {@code FastLogGroup} parsing, the
 * connector's {@code ShardReader} (cursors, per-log offsets, event ids) and {@code RecordMapper}, then what the
 * worker does before the producer: key, value and header conversion with the recommended converters.
 * {@link #decompressParse} is the baseline: decompression and parsing only (every content's key and value
 * length read).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MappingBench {

    public static final int GROUPS = 1000;
    public static final long SEED = 7;
    static final String TOPIC = "sls.bench.logs";

    /** {@code record.format/record.value.type/converter}. */
    @Param({"flat_json/string/StringConverter", "flat_json/bytes/ByteArrayConverter", "hec_event/string/StringConverter",
        "hec_event/bytes/ByteArrayConverter", "structured/string/JsonConverter"})
    public String variant;

    private Corpus.PullBody body;
    private Map<String, String> headers;
    private CannedShardReader reader;
    private Converter keyConverter;
    private Converter valueConverter;
    private HeaderConverter headerConverter;

    @Setup(Level.Trial)
    public void setup() {
        Corpus.Groups groups = Corpus.generate(SEED, GROUPS);
        body = Corpus.pullBody(groups.groups());
        headers = responseHeaders(body);
        String[] v = variant.split("/");
        Map<String, String> props = connectorProps();
        props.put("record.format", v[0]);
        props.put("record.value.type", v[1]);
        reader = new CannedShardReader(props, "logs", 3, Cursors.encode(1_000_000L), this::response);
        keyConverter = new StringConverter();
        keyConverter.configure(Map.of(), true);
        switch (v[2]) {
            case "StringConverter": valueConverter = new StringConverter(); valueConverter.configure(Map.of(), false); break;
            case "ByteArrayConverter": valueConverter = new ByteArrayConverter(); valueConverter.configure(Map.of(), false); break;
            default: valueConverter = new JsonConverter(); valueConverter.configure(Map.of("schemas.enable", "false"), false); break;
        }
        headerConverter = new SimpleHeaderConverter();   // the worker's default header.converter
        headerConverter.configure(Map.of());
    }

    static Map<String, String> connectorProps() {
        Map<String, String> p = new HashMap<>();
        p.put("sls.endpoint", "sls.test");
        p.put("sls.access.key.id", "bench-id");
        p.put("sls.access.key.secret", "bench-secret");
        p.put("sls.project", "bench");
        p.put("sls.logstores", "logs");
        p.put("name", "bench");
        return p;
    }

    static Map<String, String> responseHeaders(Corpus.PullBody body) {
        long last = 1_000_000L + body.groupCount() - 1;
        Map<String, String> h = new HashMap<>();
        h.put("x-log-cursor", Cursors.encode(last + 1));
        h.put("x-log-count", Integer.toString(body.groupCount()));
        h.put("x-log-bodyrawsize", Integer.toString(body.rawSize()));
        h.put("x-log-compresstype", "lz4");
        h.put("x-log-read-last-cursor", Long.toString(last));
        h.put("x-log-cursor-time", "1700000000");
        h.put("x-log-end-of-cursor", "0");
        h.put("x-log-requestid", "0123456789ABCDEF01234567");
        return h;
    }

    /** A fresh SDK response over the same compressed body, as {@code Client.pullLogs} builds it after the HTTP read. */
    PullLogsResponse response() {
        try {
            return new PullLogsResponse(new HashMap<>(headers), body.compressed());
        } catch (LogException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public void pullMapConvert(Blackhole bh) throws LogException {
        List<? extends SourceRecord> records = reader.fetch().records();
        for (int i = 0, n = records.size(); i < n; i++) {
            SlsRecord r = (SlsRecord) records.get(i);
            bh.consume(keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key()));
            bh.consume(valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value()));
            for (Header h : r.headers()) bh.consume(headerConverter.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value()));
        }
    }

    /** Baseline: SDK decompression + FastLogGroup parse, every content's key and value length read. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public static class Baseline {
        private Corpus.PullBody body;
        private Map<String, String> headers;

        @Setup(Level.Trial)
        public void setup() {
            body = Corpus.pullBody(Corpus.generate(SEED, GROUPS).groups());
            headers = responseHeaders(body);
        }

        @Benchmark
        public long decompressParse() throws LogException {
            PullLogsResponse response = new PullLogsResponse(new HashMap<>(headers), body.compressed());
            long sum = 0;
            for (LogGroupData d : response.getLogGroups()) {
                FastLogGroup g = d.GetFastLogGroup();
                for (int i = 0, n = g.getLogsCount(); i < n; i++) {
                    FastLog log = g.getLogs(i);
                    for (int k = 0, m = log.getContentsCount(); k < m; k++) {
                        FastLogContent c = log.getContents(k);
                        sum += c.getKeyLength() + c.getValueLength();
                    }
                }
            }
            return sum;
        }
    }
}
