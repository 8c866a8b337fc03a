package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.slsconnect.emulator.hec.Http.CH1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/1.1 details on a raw socket: keep-alive, pipelining, hand-made chunked + gzip bodies, no Set-Cookie. */
class WireTest {
    HecEmulator hec;

    @BeforeEach
    void start() {
        hec = HecEmulator.builder().token("tok", true).build().start();
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    record RawResponse(int status, Map<String, String> headers, String body) {
    }

    static RawResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while (!(l = line(in)).isEmpty()) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        int len = Integer.parseInt(headers.get("content-length"));
        byte[] body = in.readNBytes(len);
        assertFalse(headers.containsKey("set-cookie"));
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c == -1 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private String head(String path, String extra) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Splunk tok\r\n"
                + "X-Splunk-Request-Channel: " + CH1 + "\r\nConnection: Keep-Alive\r\n"
                + "Content-Type: application/json; profile=urn:splunk:event:1.0; charset=utf-8\r\n"
                + "__splunk_app_name: Splunk Connect for Kafka\r\n" + extra;
    }

    @Test
    void keepAlivePipeliningChunkedGzip() throws Exception {
        try (Socket s = new Socket("127.0.0.1", hec.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // 1: plain body with Content-Length
            String b1 = "{\"event\":\"one\"}\n";
            out.write((head("/services/collector/event", "Content-Length: " + b1.length() + "\r\n\r\n") + b1)
                    .getBytes(StandardCharsets.UTF_8));
            // 2: gzip, sent in 3 chunks like Apache HttpClient with splunk.hec.enable.compression=true
            byte[] gz = Http.gzip("{\"event\":\"two\"}\n{\"event\":\"three\"}\n");
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            chunked.write(head("/services/collector/event",
                    "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            int third = gz.length / 3;
            int[] cuts = {0, third, 2 * third, gz.length};
            for (int i = 0; i < 3; i++) {
                int n = cuts[i + 1] - cuts[i];
                chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                chunked.write(gz, cuts[i], n);
                chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(chunked.toByteArray());
            // 3: ack poll (pipelined: all three written before reading)
            String b3 = "{\"acks\":[0,1]}";
            out.write((head("/services/collector/ack", "Content-Length: " + b3.length() + "\r\n\r\n") + b3)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();

            RawResponse r1 = read(in);
            assertEquals(200, r1.status());
            assertEquals("{\"text\":\"Success\",\"code\":0,\"ackId\":0}", r1.body());
            assertEquals("keep-alive", r1.headers().get("connection").toLowerCase(Locale.ROOT));
            RawResponse r2 = read(in);
            assertEquals("{\"text\":\"Success\",\"code\":0,\"ackId\":1}", r2.body());
            RawResponse r3 = read(in);
            assertEquals("{\"acks\":{\"0\":true,\"1\":true}}", r3.body());
            assertTrue(r3.headers().get("content-type").startsWith("application/json"));
        }
        assertEquals(3, hec.eventCount());
        assertEquals("three", hec.events().get(2).eventText());
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket s = new Socket("127.0.0.1", hec.port())) {
            s.setSoTimeout(5000);
            String body = "{\"event\":\"x\"}";
            String req = "POST /services/collector/event HTTP/1.1\r\nHost: x\r\nAuthorization: Splunk tok\r\n"
                    + "X-Splunk-Request-Channel: " + CH1 + "\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body;
            s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
            RawResponse r = read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertEquals(-1, s.getInputStream().read(), "server closed the connection");
        }
    }
}
