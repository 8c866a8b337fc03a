package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.slsconnect.emulator.hec.Http.CH1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auth, channels, /event, /raw, per-event validation, index rules. */
class HecProtocolTest {
    HecEmulator hec;
    Http http;

    @BeforeEach
    void start() {
        hec = HecEmulator.builder()
                .token("noack")
                .token("acktok", true)
                .token(HecToken.builder("restricted").allowedIndexes("alicloud", "audit").build())
                .token(HecToken.builder("qs").queryStringAuth(true).defaultSourcetype("st:default")
                        .defaultSource("src:default").defaultHost("h1").build())
                .token(HecToken.builder("off").enabled(false).build())
                .build().start();
        http = new Http(hec.url());
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    private static void assertReply(Http.Resp r, int status, String exactBody) {
        assertEquals(status, r.status(), r.body());
        assertEquals(exactBody, r.body());
        assertTrue(r.raw().headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    // ------------------------------------------------------------------------------------------------ auth

    @Test
    void tokenMissingInvalidDisabled() throws Exception {
        String ev = "{\"event\":\"x\"}";
        assertReply(http.post("/services/collector/event", null, null, ev), 401,
                "{\"text\":\"Token is required\",\"code\":2}");
        assertReply(http.post("/services/collector/event", "nope", null, ev), 403,
                "{\"text\":\"Invalid token\",\"code\":4}");
        assertReply(http.post("/services/collector/event", "off", null, ev), 403,
                "{\"text\":\"Token disabled\",\"code\":1}");
        assertReply(http.send(http.req("/services/collector/event").header("Authorization", "Bearer noack")
                .POST(HttpRequest.BodyPublishers.ofString(ev)).build()), 401,
                "{\"text\":\"Invalid authorization\",\"code\":3}");
        assertReply(http.send(http.req("/services/collector/event").header("Authorization", "noack")
                .POST(HttpRequest.BodyPublishers.ofString(ev)).build()), 401,
                "{\"text\":\"Invalid authorization\",\"code\":3}");
        assertEquals(0, hec.eventCount());

        hec.setTokenEnabled("off", true);
        assertReply(http.post("/services/collector/event", "off", null, ev), 200, "{\"text\":\"Success\",\"code\":0}");
        hec.setTokenEnabled("off", false);
        assertEquals(403, http.post("/services/collector/event", "off", null, ev).status());
        assertEquals(1, hec.eventCount());
    }

    @Test
    void basicAuthAndQueryStringAuth() throws Exception {
        String ev = "{\"event\":\"x\"}";
        String basic = Base64.getEncoder().encodeToString("anyuser:noack".getBytes(StandardCharsets.UTF_8));
        assertReply(http.send(http.req("/services/collector/event").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(ev)).build()), 200, "{\"text\":\"Success\",\"code\":0}");
        // ?token= is refused unless the token allows it
        assertReply(http.send(http.req("/services/collector/event?token=noack")
                .POST(HttpRequest.BodyPublishers.ofString(ev)).build()), 400,
                "{\"text\":\"Query string authorization is not enabled\",\"code\":16}");
        assertReply(http.send(http.req("/services/collector/event?token=qs")
                .POST(HttpRequest.BodyPublishers.ofString(ev)).build()), 200, "{\"text\":\"Success\",\"code\":0}");
        assertEquals(2, hec.eventCount());
        ReceivedEvent e = hec.events().get(1);
        assertEquals("qs", e.token());
        assertEquals("st:default", e.sourcetype());
        assertEquals("src:default", e.source());
        assertEquals("h1", e.host());
    }

    // ------------------------------------------------------------------------------------------------ channels

    @Test
    void channelRulesWithAckOn() throws Exception {
        String ev = "{\"event\":\"x\"}";
        assertReply(http.post("/services/collector/event", "acktok", null, ev), 400,
                "{\"text\":\"Data channel is missing\",\"code\":10}");
        assertReply(http.post("/services/collector/event", "acktok", "not-a-guid", ev), 400,
                "{\"text\":\"Invalid data channel\",\"code\":11}");
        assertReply(http.post("/services/collector/event", "acktok", CH1, ev), 200,
                "{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        // ?channel= works as well
        assertReply(http.post("/services/collector/event?channel=" + CH1, "acktok", null, ev), 200,
                "{\"text\":\"Success\",\"code\":0,\"ackId\":1}");
        assertReply(http.post("/services/collector/raw", "acktok", null, "line"), 400,
                "{\"text\":\"Data channel is missing\",\"code\":10}");
        assertEquals(2, hec.eventCount());
        assertEquals(CH1, hec.events().get(0).channel());
        assertEquals(0L, hec.events().get(0).ackId());
    }

    @Test
    void channelRulesWithAckOff() throws Exception {
        String ev = "{\"event\":\"x\"}";
        // no channel needed, no ackId in the reply even when a channel is sent (the sink always sends one)
        assertReply(http.post("/services/collector/event", "noack", null, ev), 200, "{\"text\":\"Success\",\"code\":0}");
        assertReply(http.post("/services/collector/event", "noack", CH1, ev), 200, "{\"text\":\"Success\",\"code\":0}");
        assertReply(http.post("/services/collector/event", "noack", "bad", ev), 400,
                "{\"text\":\"Invalid data channel\",\"code\":11}");
        assertReply(http.post("/services/collector/raw", "noack", null, "line"), 200, "{\"text\":\"Success\",\"code\":0}");
        assertEquals(3, hec.eventCount());
        assertNull(hec.events().get(1).ackId());
    }

    // ------------------------------------------------------------------------------------------------ /event

    @Test
    void singleEventAllPathsAndMetadata() throws Exception {
        String ev = "{\"time\":1700000000.123000,\"source\":\"sls:proj:store\",\"sourcetype\":\"alicloud:actiontrail\","
                + "\"host\":\"10.0.0.1\",\"index\":\"alicloud\",\"event\":{\"eventName\":\"Login\",\"n\":7},"
                + "\"fields\":{\"region\":\"cn-hangzhou\",\"n\":5,\"multi\":[\"a\",\"b\"]}}";
        for (String p : List.of("/services/collector/event", "/services/collector", "/services/collector/event/1.0")) {
            assertReply(http.post(p, "noack", CH1, ev), 200, "{\"text\":\"Success\",\"code\":0}");
        }
        assertEquals(3, hec.eventCount());
        ReceivedEvent e = hec.events().get(0);
        assertEquals(Endpoint.EVENT, e.endpoint());
        assertEquals("/services/collector/event", e.path());
        assertEquals("alicloud", e.index());
        assertEquals("alicloud:actiontrail", e.sourcetype());
        assertEquals("sls:proj:store", e.source());
        assertEquals("10.0.0.1", e.host());
        assertEquals(new BigDecimal("1700000000.123000"), e.time());
        assertEquals("1700000000.123000", e.timeText());
        assertEquals(1700000000123L, e.timeMillis());
        assertEquals("Login", e.event().path("eventName").asText());
        assertEquals(7, e.event().path("n").asInt());
        assertEquals("cn-hangzhou", e.field("region"));
        assertEquals("5", e.field("n"));
        assertEquals(List.of("a", "b"), e.fields().get("multi"));
        assertEquals("noack", e.token());
        assertEquals(CH1, e.channel());
        assertTrue(e.seq() < hec.events().get(1).seq());
        assertEquals("/services/collector", hec.events().get(1).path());
        assertEquals("/services/collector/event/1.0", hec.events().get(2).path());
    }

    @Test
    void defaultsAndStringEventsAndStringTime() throws Exception {
        assertReply(http.post("/services/collector/event", "noack", null,
                "{\"event\":\"{\\\"a\\\":1}\",\"index\":\"\",\"time\":\"1584945637\"}"), 200,
                "{\"text\":\"Success\",\"code\":0}");
        ReceivedEvent e = hec.events().get(0);
        assertEquals("main", e.index());
        assertEquals("httpevent", e.sourcetype());
        assertNull(e.source());
        assertNull(e.host());
        assertEquals("{\"a\":1}", e.eventText());
        assertTrue(e.event().isTextual());
        assertEquals(new BigDecimal("1584945637"), e.time());
        assertTrue(e.fields().isEmpty());
        assertFalse(e.isConfigCheck());
    }

    @Test
    void sinkValidateProbeIsAccepted() throws Exception {
        // exactly what SplunkSinkConnector.validate() posts (with ack on it adds a random channel)
        String probe = "{\"source\":\"kafka-connect\",\"sourcetype\":\"kafka-connect\",\"index\":\"\","
                + "\"event\":\"Splunk HEC Configuration Check\"}\n";
        assertReply(http.post("/services/collector", "noack", null, probe), 200, "{\"text\":\"Success\",\"code\":0}");
        assertReply(http.post("/services/collector", "acktok", java.util.UUID.randomUUID().toString(), probe), 200,
                "{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        assertTrue(hec.events().get(0).isConfigCheck());
        assertEquals(0, hec.dataEvents().size());
    }

    @Test
    void multipleConcatenatedAndNewlineSeparatedEvents() throws Exception {
        // the sink's format: objects each followed by \n; also plain concatenation and mixed whitespace
        String body = "{\"event\":\"e0\"}\n{\"event\":\"e1\"}{\"event\":\"e2\"}  \r\n\t{\"event\":{\"k\":\"e3\"}}\n";
        assertReply(http.post("/services/collector/event", "acktok", CH1, body), 200,
                "{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        List<ReceivedEvent> ev = hec.events();
        assertEquals(4, ev.size());
        assertEquals(List.of("e0", "e1", "e2", "{\"k\":\"e3\"}"), ev.stream().map(ReceivedEvent::eventText).toList());
        assertTrue(ev.stream().allMatch(e -> e.ackId() == 0L && e.requestId() == ev.get(0).requestId()));
    }

    @Test
    void gzipBody() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("{\"event\":\"gz").append(i).append("\",\"index\":\"main\"}\n");
        }
        byte[] gz = Http.gzip(sb.toString());
        Http.Resp r = http.send(http.req("/services/collector/event")
                .header("Authorization", "Splunk acktok").header("X-Splunk-Request-Channel", CH1)
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz)).build());
        assertReply(r, 200, "{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        assertEquals(100, hec.eventCount());
        assertEquals("gz99", hec.events().get(99).eventText());
        assertTrue(hec.requests().get(0).gzip());
        // corrupt gzip → invalid data format
        Http.Resp bad = http.send(http.req("/services/collector/event")
                .header("Authorization", "Splunk noack").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("definitely not gzip")).build());
        assertEquals(400, bad.status());
        assertEquals(6, bad.code());
    }

    @Test
    void chunkedGzipBody() throws Exception {
        // BodyPublishers.ofInputStream has no length → HttpClient sends Transfer-Encoding: chunked
        byte[] gz = Http.gzip("{\"event\":\"c1\"}\n{\"event\":\"c2\"}\n");
        Http.Resp r = http.send(http.req("/services/collector/event")
                .header("Authorization", "Splunk noack").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(gz))).build());
        assertReply(r, 200, "{\"text\":\"Success\",\"code\":0}");
        assertEquals(List.of("c1", "c2"), hec.events().stream().map(ReceivedEvent::eventText).toList());
        assertEquals("chunked", hec.requests().get(0).header("Transfer-Encoding"));
    }

    // ------------------------------------------------------------------------------------------------ /raw

    @Test
    void rawLinesWithQueryMetadata() throws Exception {
        String body = "line one\r\nline two\n\n  \nline three";
        assertReply(http.post("/services/collector/raw?index=audit&sourcetype=alicloud:sls&source=sls&host=h9"
                + "&time=1700000001.5", "noack", CH1, body), 200, "{\"text\":\"Success\",\"code\":0}");
        assertReply(http.post("/services/collector/raw/1.0", "acktok", CH1, "only"), 200,
                "{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        List<ReceivedEvent> ev = hec.events();
        assertEquals(List.of("line one", "line two", "line three", "only"),
                ev.stream().map(ReceivedEvent::eventText).toList());
        ReceivedEvent e = ev.get(0);
        assertEquals(Endpoint.RAW, e.endpoint());
        assertEquals("audit", e.index());
        assertEquals("alicloud:sls", e.sourcetype());
        assertEquals("sls", e.source());
        assertEquals("h9", e.host());
        assertEquals(new BigDecimal("1700000001.5"), e.time());
        assertEquals("main", ev.get(3).index());
        assertEquals(0L, ev.get(3).ackId());
        assertEquals(Endpoint.RAW, ev.get(3).endpoint());

        Http.Resp gz = http.send(http.req("/services/collector/raw?sourcetype=gz").header("Authorization", "Splunk noack")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(Http.gzip("g1\ng2\n")))
                .build());
        assertReply(gz, 200, "{\"text\":\"Success\",\"code\":0}");
        assertEquals(List.of("g1", "g2"), hec.events(x -> "gz".equals(x.sourcetype())).stream()
                .map(ReceivedEvent::eventText).toList());

        assertReply(http.post("/services/collector/raw", "noack", null, ""), 400, "{\"text\":\"No data\",\"code\":5}");
        assertReply(http.post("/services/collector/raw", "noack", null, "\n\n"), 400,
                "{\"text\":\"No data\",\"code\":5}");
        assertReply(http.post("/services/collector/raw?index=nope", "restricted", null, "x"), 400,
                "{\"text\":\"Incorrect index\",\"code\":7}");
    }

    // ------------------------------------------------------------------------------------------------ validation

    @Test
    void perEventValidation() throws Exception {
        assertReply(http.post("/services/collector/event", "noack", null, ""), 400, "{\"text\":\"No data\",\"code\":5}");
        assertReply(http.post("/services/collector/event", "noack", null, " \n "), 400,
                "{\"text\":\"No data\",\"code\":5}");
        assertReply(http.post("/services/collector/event", "noack", null, "{\"event\":\"ok\"}{\"event\":\"bad"), 400,
                "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":1}");
        assertReply(http.post("/services/collector/event", "noack", null, "[{\"event\":\"x\"}]"), 400,
                "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}");
        assertReply(http.post("/services/collector/event", "noack", null,
                "{\"event\":\"a\"}\n{\"event\":\"b\"}\n{\"time\":1,\"fields\":{\"a\":\"b\"}}"), 400,
                "{\"text\":\"Event field is required\",\"code\":12,\"invalid-event-number\":2}");
        assertReply(http.post("/services/collector/event", "noack", null, "{\"event\":\"\"}"), 400,
                "{\"text\":\"Event field cannot be blank\",\"code\":13,\"invalid-event-number\":0}");
        assertReply(http.post("/services/collector/event", "noack", null, "{\"event\":\"a\"}{\"event\":null}"), 400,
                "{\"text\":\"Event field cannot be blank\",\"code\":13,\"invalid-event-number\":1}");
        assertReply(http.post("/services/collector/event", "noack", null, "{\"event\":\"a\",\"time\":\"yesterday\"}"),
                400, "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}");
        assertReply(http.post("/services/collector/event", "noack", null, "{\"event\":\"a\",\"time\":1e999999999}"),
                400, "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}");
        assertReply(http.post("/services/collector/event", "noack", null,
                "{\"event\":\"a\",\"fields\":{\"nested\":{\"x\":1}}}"), 400,
                "{\"text\":\"Error in handling indexed fields\",\"code\":15,\"invalid-event-number\":0}");
        // partial batches: the events before the invalid one were stored (default, like a Splunk that indexed them)
        assertEquals(List.of("ok", "a", "b", "a"), hec.events().stream().map(ReceivedEvent::eventText).toList());
        assertTrue(hec.events().stream().allMatch(e -> e.ackId() == null));
        assertEquals(10, hec.stats().failedRequests());
    }

    @Test
    void atomicBatchesStoreNothingOnError() throws Exception {
        try (HecEmulator atomic = HecEmulator.builder().token("t").atomicBatches(true).build().start()) {
            Http h = new Http(atomic.url());
            Http.Resp r = h.post("/services/collector/event", "t", null, "{\"event\":\"a\"}{\"x\":1}");
            assertEquals(12, r.code());
            assertEquals(0, atomic.eventCount());
        }
    }

    // ------------------------------------------------------------------------------------------------ indexes

    @Test
    void indexRestrictions() throws Exception {
        assertReply(http.post("/services/collector/event", "restricted", null,
                "{\"event\":\"a\",\"index\":\"audit\"}{\"event\":\"b\"}{\"event\":\"c\",\"index\":\"main\"}"), 400,
                "{\"text\":\"Incorrect index\",\"code\":7,\"invalid-event-number\":2}");
        List<ReceivedEvent> ev = hec.events();
        assertEquals(2, ev.size());
        assertEquals("audit", ev.get(0).index());
        assertEquals("alicloud", ev.get(1).index(), "first allowed index is the default");
        // unrestricted tokens accept any index unless knownIndexes is set
        assertEquals(200, http.post("/services/collector/event", "noack", null,
                "{\"event\":\"a\",\"index\":\"whatever\"}").status());
        try (HecEmulator known = HecEmulator.builder().token("t").knownIndexes("main", "alicloud").build().start()) {
            Http h = new Http(known.url());
            assertEquals(200, h.post("/services/collector/event", "t", null, "{\"event\":\"a\",\"index\":\"alicloud\"}")
                    .status());
            assertEquals("{\"text\":\"Incorrect index\",\"code\":7,\"invalid-event-number\":0}",
                    h.post("/services/collector/event", "t", null, "{\"event\":\"a\",\"index\":\"x\"}").body());
        }
    }

    // ------------------------------------------------------------------------------------------------ paths

    @Test
    void pathsAreComparedExactly() throws Exception {
        String ev = "{\"event\":\"x\"}";
        for (String p : List.of("/services/collector/event/", "/services/collector/", "/services/collector/events",
                "/services/Collector/event", "/", "/services/collector/raw/2.0")) {
            Http.Resp r = http.post(p, "noack", null, ev);
            assertEquals(404, r.status(), p);
            assertEquals(404, r.code());
        }
        assertEquals(404, http.get("/services/collector/event").status());
        assertEquals(0, hec.eventCount());
    }

    @Test
    void health() throws Exception {
        assertReply(http.get("/services/collector/health"), 200, "{\"text\":\"HEC is healthy\",\"code\":17}");
        assertReply(http.get("/services/collector/health/1.0"), 200, "{\"text\":\"HEC is healthy\",\"code\":17}");
        hec.faults().unhealthy(true);
        assertReply(http.get("/services/collector/health"), 503,
                "{\"text\":\"HEC is unhealthy, queues are full\",\"code\":18}");
        hec.faults().health(HecCode.UNHEALTHY_ACK_UNAVAILABLE);
        assertEquals(19, http.get("/services/collector/health").code());
        hec.faults().clear();
        assertEquals(200, http.get("/services/collector/health").status());
        assertEquals(3, hec.stats().responsesByCode().get(17));
    }
}
