package org.slsconnect.emulator.hec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.slsconnect.emulator.hec.Http.CH1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Querying stored events from Java and over HTTP; the admin HTTP API. */
class QueryApiTest {
    HecEmulator hec;
    Http http;

    @BeforeEach
    void start() {
        hec = HecEmulator.builder().token("tok", true).token("noack").build().start();
        http = new Http(hec.url());
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    private void sendSample() throws Exception {
        assertEquals(200, http.post("/services/collector", "noack", null,
                "{\"source\":\"kafka-connect\",\"sourcetype\":\"kafka-connect\",\"index\":\"\","
                        + "\"event\":\"Splunk HEC Configuration Check\"}\n").status());
        assertEquals(200, http.post("/services/collector/event", "tok", CH1,
                "{\"event\":\"a1\",\"index\":\"alicloud\",\"sourcetype\":\"alicloud:actiontrail\",\"time\":1.5}"
                        + "{\"event\":\"a2\",\"index\":\"alicloud\",\"fields\":{\"k\":\"v\"}}"
                        + "{\"event\":{\"m\":1}}").status());
        assertEquals(200, http.post("/services/collector/raw?index=audit", "noack", null, "r1\nr2").status());
    }

    @Test
    void javaQueries() throws Exception {
        sendSample();
        assertEquals(6, hec.eventCount());
        assertEquals(6, hec.events().size());
        assertEquals(5, hec.dataEvents().size());
        assertEquals(2, hec.events("alicloud").size());
        assertEquals(2, hec.events(e -> e.endpoint() == Endpoint.RAW).size());
        assertEquals(1, hec.events(e -> "v".equals(e.field("k"))).size());
        assertTrue(hec.awaitEvents(6, Duration.ofMillis(10)));
        long t0 = System.nanoTime();
        assertFalse(hec.awaitEvents(7, Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);

        // Posted 200 ms from now, while awaitEvents below is already waiting.
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            try {
                new Http(hec.url()).post("/services/collector/event", "noack", null,
                        "{\"event\":\"late\",\"index\":\"late\"}");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        assertTrue(hec.awaitEvents(e -> "late".equals(e.index()), 1, Duration.ofSeconds(10)));
        later.get();
        assertEquals(7, hec.eventCount());
        HecStats s = hec.stats();
        assertEquals(7, s.events());
        assertEquals(2, s.eventsByIndex().get("alicloud"));
        assertEquals(1, s.eventsBySourcetype().get("kafka-connect"));
        assertEquals(4, s.requests());
        assertEquals(3, s.eventRequests());
        assertEquals(1, s.rawRequests());
        assertEquals(4, hec.requests().size());
        assertEquals("Splunk tok", hec.requests().get(1).header("authorization"));
        assertEquals(0L, hec.requests().get(1).ackId());
        assertEquals(3, hec.requests().get(1).events());
    }

    @Test
    void httpEventQueries() throws Exception {
        sendSample();
        JsonNode all = http.get("/_emulator/events").json();
        assertEquals(6, all.get("total").asInt());
        assertEquals(6, all.get("events").size());
        JsonNode ali = http.get("/_emulator/events?index=alicloud&limit=1").json();
        assertEquals(2, ali.get("total").asInt());
        assertEquals(1, ali.get("count").asInt());
        JsonNode e = ali.get("events").get(0);
        assertEquals("a1", e.get("event").asText());
        assertEquals("alicloud:actiontrail", e.get("sourcetype").asText());
        assertEquals(1.5, e.get("time").asDouble());
        assertEquals(0, e.get("ackId").asInt());
        assertEquals(CH1, e.get("channel").asText());
        assertEquals("event", e.get("endpoint").asText());
        long seq = e.get("seq").asLong();
        JsonNode after = http.get("/_emulator/events?index=alicloud&after=" + seq).json();
        assertEquals("a2", after.get("events").get(0).get("event").asText());
        assertEquals("v", after.get("events").get(0).get("fields").get("k").asText());
        assertEquals(5, http.get("/_emulator/events?excludeConfigChecks=true").json().get("total").asInt());
        assertEquals(2, http.get("/_emulator/events?endpoint=raw").json().get("total").asInt());
        assertEquals(1, http.get("/_emulator/events?sourcetype=kafka-connect").json().get("total").asInt());
        assertTrue(http.get("/_emulator/events?index=audit").json().get("events").get(0).get("ackId").isNull());

        JsonNode stats = http.get("/_emulator/stats").json();
        assertEquals(6, stats.get("events").asInt());
        assertEquals(3, stats.get("requests").asInt());
        assertEquals(2, stats.get("eventsByIndex").get("audit").asInt());
        assertEquals(3, stats.get("responsesByCode").get("0").asInt());

        JsonNode reqs = http.get("/_emulator/requests?path=/services/collector/raw").json();
        assertEquals(1, reqs.get("total").asInt());
        assertEquals(2, reqs.get("requests").get(0).get("events").asInt());

        JsonNode overview = http.get("/_emulator").json();
        assertEquals(hec.url(), overview.get("url").asText());
        assertEquals(2, overview.get("tokens").size());

        assertEquals(200, http.delete("/_emulator/events").status());
        assertEquals(0, hec.eventCount());
        sendSample();
        assertEquals(200, http.postEmpty("/_emulator/reset").status());
        assertEquals(0, hec.eventCount());
        assertEquals(0, http.get("/_emulator/stats").json().get("requests").asInt());
        assertEquals(404, http.get("/_emulator/nope").status());
        assertEquals(405, http.postEmpty("/_emulator/stats").status());
    }

    @Test
    void httpFaultControl() throws Exception {
        String ev = "{\"event\":\"x\"}";
        assertEquals(200, http.postEmpty("/_emulator/faults/busy?next=1").status());
        assertEquals(9, http.post("/services/collector/event", "noack", null, ev).code());
        assertEquals(0, http.post("/services/collector/event", "noack", null, ev).code());

        http.postEmpty("/_emulator/faults/busy");
        assertEquals(503, http.post("/services/collector/event", "noack", null, ev).status());
        http.delete("/_emulator/faults/busy");
        assertEquals(200, http.post("/services/collector/event", "noack", null, ev).status());

        http.postEmpty("/_emulator/faults/reject?next=1&code=8");
        assertEquals(500, http.post("/services/collector/event", "noack", null, ev).status());

        http.postEmpty("/_emulator/faults/health?code=18");
        assertEquals(18, http.get("/services/collector/health").code());
        http.delete("/_emulator/faults/health");
        assertEquals(17, http.get("/services/collector/health").code());

        http.postEmpty("/_emulator/faults/acks?withhold=true");
        long id = http.post("/services/collector/event", "tok", CH1, ev).json().get("ackId").asLong();
        assertEquals("{\"acks\":{\"0\":false}}",
                http.post("/services/collector/ack", "tok", CH1, "{\"acks\":[" + id + "]}").body());
        JsonNode f = http.get("/_emulator/faults").json();
        assertTrue(f.get("withholdAcks").asBoolean());
        http.postEmpty("/_emulator/faults/acks?withhold=false");
        assertEquals("{\"acks\":{\"0\":true}}",
                http.post("/services/collector/ack", "tok", CH1, "{\"acks\":[0]}").body());

        http.postEmpty("/_emulator/faults/delay?ms=250");
        long t0 = System.nanoTime();
        assertEquals(200, http.post("/services/collector/event", "noack", null, ev).status());
        assertTrue(System.nanoTime() - t0 >= 240_000_000L);
        http.delete("/_emulator/faults/delay");

        // down: refuse without a duration would lock the admin API out
        assertEquals(409, http.postEmpty("/_emulator/faults/down").status());
        assertEquals(200, http.postEmpty("/_emulator/faults/down?mode=close").status());
        assertTrue(hec.faults().isDown());
        try {
            http.post("/services/collector/event", "noack", null, ev);
            throw new AssertionError("expected the connection to be closed");
        } catch (IOException expected) {
            // closed without reply
        }
        assertEquals(200, http.postEmpty("/_emulator/faults/up").status());
        assertFalse(hec.faults().isDown());
        assertEquals(200, http.post("/services/collector/event", "noack", null, ev).status());

        assertEquals(200, http.postEmpty("/_emulator/faults/down?mode=refuse&durationMs=300").status());
        boolean[] sawDown = new boolean[1];
        boolean backUp = Poll.until(Duration.ofSeconds(5), () -> {
            try {
                return new Http(hec.url()).get("/services/collector/health").status() == 200 && sawDown[0];
            } catch (IOException e) {
                sawDown[0] = true;
                return false;
            }
        });
        assertTrue(sawDown[0], "was refusing connections");
        assertTrue(backUp, "came back up");

        http.postEmpty("/_emulator/faults/busy");
        http.postEmpty("/_emulator/faults/clear");
        JsonNode cleared = http.get("/_emulator/faults").json();
        assertFalse(cleared.get("busy").asBoolean());
        assertFalse(cleared.get("down").asBoolean());
        assertEquals(17, cleared.get("healthCode").asInt());
    }

    @Test
    void httpTokenControl() throws Exception {
        String ev = "{\"event\":\"x\"}";
        assertEquals(200, http.postEmpty("/_emulator/tokens?token=new&ack=false&indexes=a,b").status());
        assertEquals(200, http.post("/services/collector/event", "new", null, ev).status());
        assertEquals("a", hec.events().get(0).index());
        assertEquals(7, http.post("/services/collector/event", "new", null, "{\"event\":\"x\",\"index\":\"c\"}").code());
        http.postEmpty("/_emulator/tokens?token=new&enabled=false");
        assertEquals(1, http.post("/services/collector/event", "new", null, ev).code());
        http.delete("/_emulator/tokens?token=new");
        assertEquals(4, http.post("/services/collector/event", "new", null, ev).code());
        assertNull(hec.token("new"));
    }

    @Test
    void separateAdminPortSurvivesRefuse() throws Exception {
        try (HecEmulator h = HecEmulator.builder().token("t").adminPort(0).build().start()) {
            assertTrue(h.adminPort() > 0);
            Http admin = new Http("http://127.0.0.1:" + h.adminPort());
            Http data = new Http(h.url());
            assertEquals(200, admin.postEmpty("/_emulator/faults/down").status(), "no 409 on the admin port");
            Poll.until(Duration.ofSeconds(5), () -> !h.faults().isDown() || !canConnect(h.port()));
            assertFalse(canConnect(h.port()));
            assertEquals(200, admin.get("/_emulator/stats").status());
            assertEquals(404, admin.post("/services/collector/event", "t", null, "{\"event\":1}").status());
            assertEquals(200, admin.postEmpty("/_emulator/faults/up").status());
            Poll.until(Duration.ofSeconds(5), () -> canConnect(h.port()));
            assertEquals(200, data.post("/services/collector/event", "t", null, "{\"event\":1}").status());
            assertEquals("1", h.events().get(0).eventText());
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
