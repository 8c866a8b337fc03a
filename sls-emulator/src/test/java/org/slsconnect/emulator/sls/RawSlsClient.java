package org.slsconnect.emulator.sls;

import org.slsconnect.emulator.sls.auth.V1Signer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A hand-signed SLS client on java.net.http, used to send what the Java SDK cannot (corrupt
 * bodies) and to behave like the Python SDK (x-log-date added after the V1 signature).
 * It also reaches the emulator as an HTTP proxy, so requests are absolute-form.
 */
final class RawSlsClient {
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final HttpClient http;
    private final String endpoint;
    private final String accessKeyId;
    private final String accessKeySecret;
    boolean pythonStyleDate;
    /** Headers put (or overwritten) after the signature was computed. */
    final Map<String, String> afterSigning = new LinkedHashMap<>();

    RawSlsClient(SlsEmulator emu, String accessKeyId, String accessKeySecret) {
        this.http = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(emu.host(), emu.port())))
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.endpoint = emu.endpoint();
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    record Response(int status, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        String errorCode() {
            String b = body();
            int i = b.indexOf("\"errorCode\":\"");
            return i < 0 ? null : b.substring(i + 13, b.indexOf('"', i + 13));
        }
    }

    Response send(String project, String method, String path, Map<String, String> params,
                  Map<String, String> extraHeaders, byte[] body) throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-log-apiversion", "0.6.0");
        headers.put("x-log-signaturemethod", "hmac-sha1");
        headers.put("x-log-bodyrawsize", Integer.toString(body.length));
        headers.put("Content-Type", "application/x-protobuf");
        headers.put("Date", RFC_822.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (body.length > 0) {
            headers.put("Content-MD5", V1Signer.contentMd5(body));
        }
        headers.putAll(extraHeaders);
        String stringToSign = V1Signer.stringToSign(method, path, params, headers);
        headers.put("Authorization", V1Signer.authorization(accessKeyId, accessKeySecret, stringToSign));
        if (pythonStyleDate) {
            // The Python SDK adds this after signing; the server must not expect it in the V1 string to sign.
            headers.put("x-log-date", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        headers.putAll(afterSigning);
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://" + project + "." + endpoint + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(rb::header);
        HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r);
    }

    Response get(String project, String path, Map<String, String> params) throws IOException, InterruptedException {
        return send(project, "GET", path, params, Map.of(), new byte[0]);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
