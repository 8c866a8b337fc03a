package org.slsconnect.emulator.sls;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.sls.auth.V1Signer;
import org.slsconnect.emulator.sls.auth.V4Signer;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V1 signing pinned to fixed strings, the Python SDK's request shape, and the exact bytes on the wire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureAndWireTest {
    static final String DATE = "Wed, 25 Nov 2026 15:32:40 GMT";

    SlsEmulator emu;

    @BeforeAll
    void start() {
        emu = SlsEmulator.builder().accessKey("ak", "test-secret").project("proj").logstore("proj", "ls", 1).build().start();
        emu.appendLogGroup("proj", "ls", 0, new LogGroupBuilder().topic("t").log(1_700_000_000L, 7, "k", "v").build());
    }

    @AfterAll
    void stop() {
        emu.close();
    }

    @Test
    void v1StringToSignAndSignatureForAPull() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("Date", DATE);
        headers.put("Host", "proj.sls.test");             // not signed
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("X-Log-ApiVersion", "0.6.0");           // names are case-insensitive
        headers.put("x-log-bodyrawsize", "0");
        headers.put("x-log-date", "20261125T153240Z");     // added after signing by the Python SDK: excluded
        headers.put("User-Agent", "aliyun-log-sdk-java");  // not signed
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "log");
        params.put("cursor", "MTc5NTYyMDc2MDAwMDAwMDAwMA=="); // raw (URL-decoded) value
        params.put("count", "2");
        String sts = V1Signer.stringToSign("GET", "/logstores/ls1/shards/0", params, headers);
        assertEquals("GET\n"
                + "\n"
                + "application/x-protobuf\n"
                + DATE + "\n"
                + "x-log-apiversion:0.6.0\n"
                + "x-log-bodyrawsize:0\n"
                + "x-log-signaturemethod:hmac-sha1\n"
                + "/logstores/ls1/shards/0?count=2&cursor=MTc5NTYyMDc2MDAwMDAwMDAwMA==&type=log", sts);
        // Reference value computed independently: printf '...' | openssl dgst -sha1 -hmac test-secret -binary | base64
        assertEquals("uTqSjNR2N48F4t+T1+u0MjaM1a0=", V1Signer.sign("test-secret", sts));
        assertEquals("LOG ak:uTqSjNR2N48F4t+T1+u0MjaM1a0=", V1Signer.authorization("ak", "test-secret", sts));
    }

    @Test
    void v1StringToSignForAPutWithBodyAndAcsHeaders() {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Content-MD5", "8C882B1D670CA48C8AD378FE021B5A07");
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("Date", DATE);
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("x-log-bodyrawsize", "120");
        headers.put("x-log-compresstype", "lz4");
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("x-acs-security-token", "tok");
        String sts = V1Signer.stringToSign("POST", "/logstores/ls1/shards/lb", Map.of(), headers);
        assertEquals("POST\n8C882B1D670CA48C8AD378FE021B5A07\napplication/x-protobuf\n" + DATE + "\n"
                + "x-acs-security-token:tok\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:120\nx-log-compresstype:lz4\n"
                + "x-log-signaturemethod:hmac-sha1\n/logstores/ls1/shards/lb", sts);
        assertEquals("+l4a0js5WuRp70khKZv1uYUYuX8=", V1Signer.sign("test-secret", sts));
        assertEquals("8C882B1D670CA48C8AD378FE021B5A07".length(), V1Signer.contentMd5(new byte[]{1}).length());
    }

    @Test
    void v4AuthorizationHeaderParses() {
        V4Signer.Credential c = V4Signer.parse("SLS4-HMAC-SHA256 Credential=myak/20261125/cn-hangzhou/sls/aliyun_v4_request,Signature=abc123");
        assertEquals("myak", c.accessKeyId());
        assertEquals("cn-hangzhou", c.region());
        assertEquals("abc123", c.signature());
        assertNull(V4Signer.parse("SLS4-HMAC-SHA256 garbage"));
    }

    @Test
    void pythonSdkStyleRequestsAreAccepted() throws Exception {
        RawSlsClient python = new RawSlsClient(emu, "ak", "test-secret");
        python.pythonStyleDate = true; // x-log-date added after the V1 signature was computed
        RawSlsClient.Response shards = python.get("proj", "/logstores/ls/shards", Map.of());
        assertEquals(200, shards.status(), shards.body());
        assertTrue(shards.body().contains("\"shardID\":0"));

        RawSlsClient.Response put = python.send("proj", "POST", "/logstores/ls/shards/lb", Map.of(),
                Map.of(), new LogGroupBuilder().log(1_700_000_001L, null, "from", "python").build());
        assertEquals(200, put.status(), put.body());
        assertEquals(0, put.raw().body().length);
        assertEquals(2, emu.logGroupCount("proj", "ls", 0));

        RawSlsClient.Response cursor = python.get("proj", "/logstores/ls/shards/0", Map.of("type", "cursor", "from", "begin"));
        assertEquals("{\"cursor\":\"" + emu.beginCursor("proj", "ls", 0) + "\"}", cursor.body());

        // The verification is real: a signed header changed after signing is caught.
        RawSlsClient tampering = new RawSlsClient(emu, "ak", "test-secret");
        tampering.afterSigning.put("x-log-apiversion", "0.6.1");
        RawSlsClient.Response tampered = tampering.get("proj", "/logstores/ls/shards", Map.of());
        assertEquals(401, tampered.status());
        assertEquals("SignatureNotMatch", tampered.errorCode());
    }

    @Test
    void responseHeaderNamesAreSentInLowercaseAndConnectionsAreKeptAlive() throws Exception {
        String cursor = emu.beginCursor("proj", "ls", 0);
        try (Socket socket = new Socket(emu.host(), emu.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            // Absolute-form, as an HTTP client talking to a proxy sends it.
            out.write(signedGet("http://proj.sls.test/logstores/ls/shards/0?type=log&cursor=" + RawSlsClient.encode(cursor) + "&count=10",
                    "/logstores/ls/shards/0", Map.of("type", "log", "cursor", cursor, "count", "10")));
            out.flush();
            Response pull = read(in);
            assertEquals("HTTP/1.1 200 OK", pull.statusLine);
            for (String name : List.of("x-log-requestid", "x-log-cursor", "x-log-count", "x-log-bodyrawsize", "x-log-compresstype",
                    "x-log-read-last-cursor", "x-log-cursor-time", "x-log-end-of-cursor")) {
                assertTrue(pull.names.contains(name), "exact header name " + name + " in " + pull.names);
            }
            assertEquals("lz4", pull.header("x-log-compresstype"));
            assertTrue(pull.header("x-log-read-last-cursor").matches("\\d{19}"), "decimal, not base64");

            // Same connection, origin-form with the project in Host.
            out.write(signedGet("/logstores/ls/shards", "/logstores/ls/shards", Map.of()));
            out.flush();
            Response list = read(in);
            assertEquals("HTTP/1.1 200 OK", list.statusLine);
            assertTrue(list.names.contains("x-log-requestid"));
            assertTrue(new String(list.body, StandardCharsets.UTF_8).startsWith("[{\"shardID\":0"));

            // And an error on the same connection still carries the request id.
            out.write(signedGet("/logstores/missing/shards", "/logstores/missing/shards", Map.of()));
            out.flush();
            Response missing = read(in);
            assertEquals("HTTP/1.1 404 Not Found", missing.statusLine);
            assertTrue(missing.header("x-log-requestid").matches("[0-9A-F]{24}"));
        }
    }

    private static byte[] signedGet(String target, String path, Map<String, String> params) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "proj.sls.test");
        headers.put("Date", DATE);
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("x-log-bodyrawsize", "0");
        headers.put("Authorization", V1Signer.authorization("ak", "test-secret", V1Signer.stringToSign("GET", path, params, headers)));
        headers.put("x-log-date", "20261125T153240Z");
        headers.put("Accept-Encoding", "lz4");
        StringBuilder sb = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    record Response(String statusLine, List<String> names, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** Reads one response, keeping header names exactly as sent. */
    private static Response read(InputStream in) throws Exception {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("connection closed");
            }
            if (b == '\n') {
                String l = line.toString(StandardCharsets.US_ASCII).replace("\r", "");
                line.reset();
                if (l.isEmpty()) {
                    break;
                }
                lines.add(l);
            } else {
                line.write(b);
            }
        }
        List<String> names = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            names.add(l.substring(0, colon));
            headers.put(l.substring(0, colon), l.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.get("Content-Length"));
        byte[] body = in.readNBytes(length);
        return new Response(lines.get(0), names, headers, body);
    }
}
