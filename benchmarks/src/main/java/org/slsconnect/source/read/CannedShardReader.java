package org.slsconnect.source.read;

import java.util.Map;
import java.util.function.Supplier;

import org.slsconnect.source.assign.ShardRef;
import org.slsconnect.source.config.SlsSourceConfig;
import org.slsconnect.source.mapping.RecordFormats;
import org.slsconnect.source.metrics.ShardMetrics;
import org.slsconnect.source.offset.SourceOffsets;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.request.PullLogsRequest;
import com.aliyun.openservices.log.response.PullLogsResponse;

/**
 * Benchmark-only access to the task's real hot path: a {@link ShardReader} (cursors, offsets, event ids, mapping)
 * whose SDK client answers every pull with a canned response instead of going over HTTP. Lives in the reader's
 * package because {@link ShardReader#fetch(int)} is package-private; nothing in the connector changes.
 */
public final class CannedShardReader {

    private final ShardReader reader;

    public CannedShardReader(Map<String, String> connectorProps, String logstore, int shard, String startCursor,
                             Supplier<PullLogsResponse> responses) {
        SlsSourceConfig config = new SlsSourceConfig(connectorProps);
        Client client = new Client("sls.test", "bench-id", "bench-secret") {
            @Override
            public PullLogsResponse pullLogs(PullLogsRequest request) {
                return responses.get();
            }
        };
        reader = new ShardReader(client, config, new ShardRef(logstore, shard, false), RecordFormats.mapper(config),
            new ShardMetrics(), new SourceOffsets.Position(startCursor, 0, false));
        try {
            reader.ensureInitialized();
        } catch (LogException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One pull, exactly as a fetch thread does it: decode the response, cut it into records. */
    public ShardReader.Batch fetch() throws LogException {
        return reader.fetch(1000);
    }
}
