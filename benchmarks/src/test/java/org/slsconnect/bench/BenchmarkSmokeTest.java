package org.slsconnect.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slsconnect.source.offset.Cursors;
import org.slsconnect.source.read.CannedShardReader;

import com.aliyun.openservices.log.response.PullLogsResponse;

/** Seconds, no broker: the corpus and the task hot path the JMH benchmark drives work and agree on counts. */
class BenchmarkSmokeTest {

    @Test
    void corpusAndTaskPath() throws Exception {
        Corpus.Groups g = Corpus.generate(MappingBench.SEED, 20);
        assertTrue(g.logs() > 20 * 14 && g.contentBytes() > 0);
        long logs = 0;
        for (byte[] b : g.groups()) logs += Corpus.statsOf(b).logs();
        assertEquals(g.logs(), logs);
        Corpus.PullBody body = Corpus.pullBody(g.groups());
        for (String format : new String[] {"flat_json", "hec_event", "structured"}) {
            Map<String, String> props = MappingBench.connectorProps();
            props.put("record.format", format);
            CannedShardReader reader = new CannedShardReader(props, "logs", 0, Cursors.encode(1_000_000L), () -> {
                try {
                    return new PullLogsResponse(MappingBench.responseHeaders(body), body.compressed());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(g.logs(), reader.fetch().records().size(), format);
        }
    }
}
