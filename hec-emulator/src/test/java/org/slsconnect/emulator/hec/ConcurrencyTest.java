package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several senders at once: counts exact, ackIds contiguous per channel, nothing lost. */
class ConcurrencyTest {
    @Test
    void parallelSendersWithAck() throws Exception {
        int senders = 4;
        int requests = 40;
        int perBatch = 100;
        try (HecEmulator hec = HecEmulator.builder().token("tok", true).build().start()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < perBatch; i++) {
                sb.append("{\"time\":1700000000.000000,\"index\":\"main\",\"event\":{\"i\":").append(i)
                        .append(",\"msg\":\"hello world\"}}\n");
            }
            String body = sb.toString();
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<Set<Long>>> results = new ArrayList<>();
            List<String> channels = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String ch = UUID.randomUUID().toString();
                channels.add(ch);
                results.add(pool.submit(() -> {
                    Http http = new Http(hec.url());
                    Set<Long> ids = new TreeSet<>();
                    for (int r = 0; r < requests; r++) {
                        Http.Resp resp = http.post("/services/collector/event", "tok", ch, body);
                        assertEquals(200, resp.status(), resp.body());
                        ids.add(resp.json().get("ackId").asLong());
                    }
                    return ids;
                }));
            }
            for (Future<Set<Long>> f : results) {
                Set<Long> ids = f.get();
                assertEquals(requests, ids.size());
                assertEquals(0L, ((TreeSet<Long>) ids).first());
                assertEquals(requests - 1L, ((TreeSet<Long>) ids).last());
            }
            pool.shutdown();
            assertTrue(hec.awaitEvents(senders * requests * perBatch, Duration.ofSeconds(5)));
            assertEquals(senders * requests * perBatch, hec.eventCount());
            assertEquals(senders * requests, hec.stats().acksIssued());
            long distinctSeq = hec.events().stream().mapToLong(ReceivedEvent::seq).distinct().count();
            assertEquals(senders * requests * perBatch, distinctSeq);
            assertEquals(channels.size(), hec.events().stream().map(ReceivedEvent::channel).distinct().count());
        }
    }

    @Test
    void boundedStoreKeepsExactCounts() throws Exception {
        try (HecEmulator hec = HecEmulator.builder().token("t").maxStoredEvents(10).build().start()) {
            Http http = new Http(hec.url());
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                sb.append("{\"event\":\"e").append(i).append("\"}");
            }
            assertEquals(200, http.post("/services/collector/event", "t", null, sb.toString()).status());
            assertEquals(25, hec.eventCount());
            assertEquals(10, hec.events().size());
            assertEquals("e15", hec.events().get(0).eventText());
            assertEquals(25, hec.events().get(9).seq());
            assertEquals(10, hec.stats().storedEvents());
        }
    }
}
