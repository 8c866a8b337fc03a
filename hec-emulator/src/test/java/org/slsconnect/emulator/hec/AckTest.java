package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.slsconnect.emulator.hec.Http.CH1;
import static org.slsconnect.emulator.hec.Http.CH2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indexer acknowledgement lifecycle. */
class AckTest {
    HecEmulator hec;
    Http http;

    @BeforeEach
    void start() {
        hec = HecEmulator.builder().token("tok", true).token("noack", false).build().start();
        http = new Http(hec.url());
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    private long send(String channel) throws Exception {
        Http.Resp r = http.post("/services/collector/event", "tok", channel, "{\"event\":\"x\"}\n{\"event\":\"y\"}\n");
        assertEquals(200, r.status(), r.body());
        return r.json().get("ackId").asLong();
    }

    private String ack(String channel, String ids) throws Exception {
        Http.Resp r = http.post("/services/collector/ack", "tok", channel, "{\"acks\":[" + ids + "]}");
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    @Test
    void ackIdsArePerChannelPerRequestAndTrueOnce() throws Exception {
        assertEquals(0, send(CH1));
        assertEquals(1, send(CH1));
        assertEquals(0, send(CH2), "each channel counts from 0");
        assertEquals(2, send(CH1));
        assertEquals(1, send(CH2));
        assertEquals(10, hec.eventCount(), "ackIds are per request, not per event");

        assertEquals("{\"acks\":{\"0\":true}}", ack(CH1, "0"));
        assertEquals("{\"acks\":{\"0\":false}}", ack(CH1, "0"), "true is reported once, then released");
        assertEquals("{\"acks\":{\"1\":true,\"2\":true,\"7\":false}}", ack(CH1, "1,2,7"));
        assertEquals("{\"acks\":{\"1\":true,\"0\":true}}", ack(CH2, "1,0"));
        assertEquals("{\"acks\":{\"0\":false}}", ack("99999999-9999-9999-9999-999999999999", "0"));
        HecStats s = hec.stats();
        assertEquals(5, s.acksIssued());
        assertEquals(5, s.acksAcknowledged());
        assertEquals(0, s.acksPending());
    }

    @Test
    void withheldAcksStayFalseUntilReleased() throws Exception {
        hec.faults().withholdAcks(true);
        long id = send(CH1);
        assertEquals("{\"acks\":{\"0\":false}}", ack(CH1, "" + id));
        assertEquals("{\"acks\":{\"0\":false}}", ack(CH1, "" + id));
        assertEquals(1, hec.stats().acksPending());
        hec.faults().withholdAcks(false);
        assertEquals("{\"acks\":{\"0\":true}}", ack(CH1, "" + id));
        assertEquals("{\"acks\":{\"0\":false}}", ack(CH1, "" + id));
    }

    @Test
    void droppedAcksAreNeverTrue() throws Exception {
        long pending = send(CH1);
        hec.faults().dropAcks(true);
        long during = send(CH1);
        hec.faults().dropAcks(false);
        long after = send(CH1);
        assertEquals("{\"acks\":{\"0\":false,\"1\":false,\"2\":true}}", ack(CH1, pending + "," + during + "," + after));
        hec.faults().clear();
        assertEquals("{\"acks\":{\"0\":false,\"1\":false}}", ack(CH1, "0,1"));
        assertEquals(6, hec.eventCount(), "events are stored even when their ack is lost");
    }

    @Test
    void ackLatency() throws Exception {
        hec.faults().ackLatency(Duration.ofMillis(300));
        long id = send(CH1);
        assertEquals("{\"acks\":{\"0\":false}}", ack(CH1, "" + id));
        // A true ack is reported once (HEC forgets it then): keep the answer that said so.
        String[] r = new String[1];
        Poll.until(Duration.ofSeconds(5), () -> (r[0] = ack(CH1, "" + id)).contains("true"));
        assertEquals("{\"acks\":{\"0\":true}}", r[0]);
    }

    @Test
    void ackErrors() throws Exception {
        Http.Resp r = http.post("/services/collector/ack", "noack", CH1, "{\"acks\":[0]}");
        assertEquals(400, r.status());
        assertEquals("{\"text\":\"ACK is disabled\",\"code\":14}", r.body());
        r = http.post("/services/collector/ack", "tok", null, "{\"acks\":[0]}");
        assertEquals("{\"text\":\"Data channel is missing\",\"code\":10}", r.body());
        r = http.post("/services/collector/ack", "tok", CH1, "{\"nope\":1}");
        assertEquals(400, r.status());
        assertEquals(6, r.code());
        r = http.post("/services/collector/ack", "bad", CH1, "{\"acks\":[0]}");
        assertEquals(403, r.status());
        // busy injection does not hit ack polls
        hec.faults().busy(true);
        assertTrue(ack(CH1, "0").startsWith("{\"acks\":"));
    }
}
