package org.slsconnect.emulator.hec;

import java.util.Map;

/**
 * A snapshot of the emulator's counters since start or the last {@link HecEmulator#reset()}.
 *
 * @param requests           HEC requests (every path except {@code /_emulator/...})
 * @param eventRequests      requests to {@code /services/collector}, {@code /event}, {@code /event/1.0}
 * @param rawRequests        requests to {@code /raw}, {@code /raw/1.0}
 * @param ackRequests        requests to {@code /services/collector/ack}
 * @param healthRequests     requests to {@code /services/collector/health}
 * @param failedRequests     requests answered with a non-2xx status (or closed without answer)
 * @param closedWithoutReply requests whose connection was closed without reply (down in CLOSE mode)
 * @param events             events accepted (also counts events evicted from the bounded store)
 * @param storedEvents       events currently held in memory
 * @param bodyBytes          request body bytes received (as sent, i.e. compressed size for gzip)
 * @param acksIssued         ackIds handed out
 * @param acksAcknowledged   ackIds reported {@code true} (and released)
 * @param acksPending        ackIds issued but not yet reported {@code true}
 * @param responsesByCode    HEC reply code → count (e.g. 0, 9, 12, 17)
 * @param eventsByIndex      resolved index → events
 * @param eventsBySourcetype resolved sourcetype → events
 */
public record HecStats(long requests, long eventRequests, long rawRequests, long ackRequests, long healthRequests,
                       long failedRequests, long closedWithoutReply, long events, long storedEvents, long bodyBytes,
                       long acksIssued, long acksAcknowledged, long acksPending,
                       Map<Integer, Long> responsesByCode, Map<String, Long> eventsByIndex,
                       Map<String, Long> eventsBySourcetype) {
}
