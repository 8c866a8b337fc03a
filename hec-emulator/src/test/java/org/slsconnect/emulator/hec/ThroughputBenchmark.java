package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in throughput measurement: {@code mvn -pl hec-emulator test -Dhec.bench=true -Dtest=ThroughputBenchmark}.
 * Senders run in the same JVM (they compete for the same cores), so the figure is a lower bound.
 */
@EnabledIfSystemProperty(named = "hec.bench", matches = "true")
class ThroughputBenchmark {

    @Test
    void eventsPerSecond() throws Exception {
        int senders = Integer.getInteger("hec.bench.senders", 4);
        int batch = Integer.getInteger("hec.bench.batch", 500);
        int seconds = Integer.getInteger("hec.bench.seconds", 10);
        boolean gzip = Boolean.getBoolean("hec.bench.gzip");
        boolean ack = Boolean.parseBoolean(System.getProperty("hec.bench.ack", "true"));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batch; i++) {
            // ~330 bytes, the shape Splunk's sink sends for an SLS/ActionTrail record
            sb.append("{\"time\":1700000000.123000,\"source\":\"sls:proj:logstore\",\"sourcetype\":\"alicloud:actiontrail\",")
                    .append("\"index\":\"main\",\"event\":{\"eventId\":\"").append(UUID.randomUUID())
                    .append("\",\"eventName\":\"DescribeInstances\",\"eventSource\":\"ecs.aliyuncs.com\",")
                    .append("\"sourceIpAddress\":\"10.0.0.1\",\"userIdentity\":{\"type\":\"ram-user\",\"userName\":\"alice\"},")
                    .append("\"n\":").append(i).append("},\"fields\":{\"region\":\"cn-hangzhou\"}}\n");
        }
        byte[] plain = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = gzip ? Http.gzip(sb.toString()) : plain;
        try (HecEmulator hec = HecEmulator.builder().token("tok", ack).maxStoredEvents(200_000)
                .maxStoredRequests(1000).build().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long t0 = System.nanoTime();
            List<Future<Integer>> fs = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String channel = UUID.randomUUID().toString();
                fs.add(pool.submit(() -> {
                    HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(hec.url() + "/services/collector/event"))
                                .header("Authorization", "Splunk tok").header("X-Splunk-Request-Channel", channel)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        if (gzip) {
                            rb.header("Content-Encoding", "gzip");
                        }
                        HttpResponse<String> r = c.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r.body());
                        n++;
                    }
                    return n;
                }));
            }
            long requests = 0;
            for (Future<Integer> f : fs) {
                requests += f.get();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            long events = hec.stats().events();
            assertEquals(requests * batch, events);
            System.out.printf("HEC emulator throughput: %d events in %.1f s = %.0f events/s, %.1f MB/s uncompressed "
                            + "(senders=%d, batch=%d, gzip=%s, ack=%s, cores=%d)%n", events, secs, events / secs,
                    requests * plain.length / secs / 1e6, senders, batch, gzip, ack,
                    Runtime.getRuntime().availableProcessors());
            assertTrue(events > 0);
        }
    }
}
