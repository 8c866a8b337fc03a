package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.slsconnect.emulator.hec.Http.CH1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Fault injection through the Java API. */
class FaultsTest {
    static final String EV = "{\"event\":\"x\"}";
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

    private Http.Resp post() throws Exception {
        return http.post("/services/collector/event", "tok", CH1, EV);
    }

    private boolean connects() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", hec.port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Bounded polling: the first success within the timeout. */
    private Http.Resp eventuallyOk(Duration timeout) throws Exception {
        Http.Resp[] ok = new Http.Resp[1];
        Exception[] last = new Exception[1];
        boolean done = Poll.until(timeout, () -> {
            try {
                Http.Resp r = new Http(hec.url()).post("/services/collector/event", "tok", CH1, EV);
                if (r.status() == 200) ok[0] = r;
            } catch (IOException e) {
                last[0] = e;
            }
            return ok[0] != null;
        });
        if (done) return ok[0];
        fail("no success within " + timeout, last[0]);
        return null;
    }

    @Test
    void busyNextThenRecovery() throws Exception {
        hec.faults().busyNext(2);
        for (int i = 0; i < 2; i++) {
            Http.Resp r = post();
            assertEquals(503, r.status());
            assertEquals("{\"text\":\"Server is busy\",\"code\":9}", r.body());
        }
        Http.Resp ok = post();
        assertEquals("{\"text\":\"Success\",\"code\":0,\"ackId\":0}", ok.body(), "busy replies consume no ackId");
        assertEquals(1, hec.eventCount());
        assertEquals(2L, hec.stats().responsesByCode().get(9));
        // health is not affected by busy
        hec.faults().busyNext(1);
        assertEquals(200, http.get("/services/collector/health").status());
        assertEquals(503, post().status());
    }

    @Test
    void busyUntilClearedAndTimed() throws Exception {
        hec.faults().busy(true);
        for (int i = 0; i < 3; i++) {
            assertEquals(9, post().code());
        }
        assertTrue(hec.faults().isBusy());
        hec.faults().clear();
        assertEquals(200, post().status());

        hec.faults().busyFor(Duration.ofMillis(300));
        assertEquals(503, post().status());
        assertEquals(200, eventuallyOk(Duration.ofSeconds(5)).status());
    }

    @Test
    void rejectNextWithOtherCodes() throws Exception {
        hec.faults().rejectNext(1, HecCode.INTERNAL_ERROR);
        Http.Resp r = post();
        assertEquals(500, r.status());
        assertEquals("{\"text\":\"Internal server error\",\"code\":8}", r.body());
        assertEquals(200, post().status());
    }

    @Test
    void downRefusesThenUp() throws Exception {
        assertEquals(200, post().status());
        hec.faults().down(true);
        assertTrue(hec.faults().isDown());
        assertFalse(connects(), "connections are refused while down");
        assertThrows(IOException.class, this::post);
        assertThrows(ConnectException.class,
                () -> new Http(hec.url()).post("/services/collector/event", "tok", CH1, EV));
        hec.faults().down(false);
        assertTrue(connects());
        assertEquals(200, eventuallyOk(Duration.ofSeconds(5)).status());
        assertEquals(200, post().status(), "the same client works again");
        assertEquals(3, hec.eventCount());
    }

    @Test
    void downForComesBackByItself() throws Exception {
        hec.faults().downFor(Duration.ofMillis(400));
        assertFalse(connects());
        assertEquals(200, eventuallyOk(Duration.ofSeconds(5)).status());
        assertFalse(hec.faults().isDown());
    }

    @Test
    void downCloseModeClosesWithoutReply() throws Exception {
        hec.faults().down(DownMode.CLOSE);
        assertTrue(connects(), "still listening");
        assertThrows(IOException.class, this::post);
        // the admin API keeps working in CLOSE mode
        assertEquals(200, http.get("/_emulator/faults").status());
        assertEquals(0, hec.eventCount());
        assertTrue(hec.stats().closedWithoutReply() >= 1);
        hec.faults().clear();
        assertEquals(200, eventuallyOk(Duration.ofSeconds(5)).status());
    }

    @Test
    void delayDoesNotBlockTheEventLoop() throws Exception {
        try (HecEmulator one = HecEmulator.builder().token("t").ioThreads(1).build().start()) {
            one.faults().delay(Duration.ofMillis(1000));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                long t0 = System.nanoTime();
                CompletableFuture<?>[] fs = new CompletableFuture<?>[4];
                for (int i = 0; i < fs.length; i++) {
                    fs[i] = CompletableFuture.supplyAsync(() -> {
                        try {
                            return new Http(one.url()).post("/services/collector/event", "t", null, EV).status();
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }, pool);
                }
                CompletableFuture.allOf(fs).get();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                for (CompletableFuture<?> f : fs) {
                    assertEquals(200, f.get());
                }
                assertTrue(ms >= 1000, "delayed: " + ms);
                assertTrue(ms < 3000, "4 delayed requests on 1 I/O thread overlap (serial would be >= 4000 ms): " + ms + " ms");
                assertEquals(4, one.eventCount(), "events are stored before the delayed reply");
                // the admin API is never delayed
                long a0 = System.nanoTime();
                assertEquals(200, new Http(one.url()).get("/_emulator/stats").status());
                assertTrue((System.nanoTime() - a0) / 1_000_000 < 900);
                one.faults().delay(Duration.ZERO);
                long b0 = System.nanoTime();
                assertEquals(200, new Http(one.url()).post("/services/collector/event", "t", null, EV).status());
                assertTrue((System.nanoTime() - b0) / 1_000_000 < 900);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void resetClearsEverything() throws Exception {
        post();
        post();
        hec.faults().busy(true).withholdAcks(true).unhealthy(true);
        hec.reset();
        assertEquals(0, hec.eventCount());
        assertTrue(hec.requests().isEmpty());
        assertEquals(0, hec.stats().requests());
        assertFalse(hec.faults().isBusy());
        assertEquals("{\"text\":\"Success\",\"code\":0,\"ackId\":0}", post().body(), "ack ids restart at 0");
    }
}
