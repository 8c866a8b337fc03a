package org.slsconnect.emulator.hec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** A tiny java.net.http client for the tests. Every response is checked for the absence of Set-Cookie. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CH1 = "11111111-2222-3333-4444-555555555555";
    static final String CH2 = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final AtomicInteger RESPONSES_CHECKED = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Resp(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        int code() {
            return json().path("code").asInt(-1);
        }
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    Resp send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertFalse(r.headers().firstValue("set-cookie").isPresent(), "Set-Cookie sent for " + request.uri());
        RESPONSES_CHECKED.incrementAndGet();
        return new Resp(r.statusCode(), r.body(), r);
    }

    /** POST with {@code Authorization: Splunk token} (token may be null) and a channel header (may be null). */
    Resp post(String path, String token, String channel, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = req(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Splunk " + token);
        }
        if (channel != null) {
            b.header("X-Splunk-Request-Channel", channel);
        }
        return send(b.build());
    }

    Resp get(String path) throws IOException, InterruptedException {
        return send(req(path).GET().build());
    }

    Resp postEmpty(String path) throws IOException, InterruptedException {
        return send(req(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Resp delete(String path) throws IOException, InterruptedException {
        return send(req(path).DELETE().build());
    }

    static byte[] gzip(String s) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }
}
