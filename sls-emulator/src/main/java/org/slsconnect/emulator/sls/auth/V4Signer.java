package org.slsconnect.emulator.sls.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SLS signature V4 ({@code SLS4-HMAC-SHA256}), as SlsV4Signer in the Java SDK computes it.
 * <pre>
 * CanonicalRequest = VERB \n path \n query \n headers \n signedHeaders \n x-log-content-sha256
 *   query   = sorted "k" or "k=percentEncode(v)" joined by &amp;
 *   headers = content-type, host, x-log-*, x-acs-* (lowercase, sorted) as "k:trim(v)\n"
 * StringToSign = "SLS4-HMAC-SHA256\n" + x-log-date + "\n" + scope + "\n" + hex(sha256(CanonicalRequest))
 * scope = yyyyMMdd/region/sls/aliyun_v4_request
 * key = HMAC chain over ("aliyun_v4" + secret): date, region, "sls", "aliyun_v4_request"
 * </pre>
 */
public final class V4Signer {
    public static final String ALGORITHM = "SLS4-HMAC-SHA256";
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private V4Signer() {
    }

    /** The parts of a V4 Authorization header. */
    public record Credential(String accessKeyId, String date, String region, String signature) {
    }

    /** Parses {@code SLS4-HMAC-SHA256 Credential=ak/date/region/sls/aliyun_v4_request,Signature=hex}; null if malformed. */
    public static Credential parse(String authorization) {
        if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
            return null;
        }
        String credential = null;
        String signature = null;
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            String p = part.trim();
            if (p.startsWith("Credential=")) {
                credential = p.substring("Credential=".length());
            } else if (p.startsWith("Signature=")) {
                signature = p.substring("Signature=".length());
            }
        }
        if (credential == null || signature == null) {
            return null;
        }
        String[] c = credential.split("/");
        if (c.length != 5 || c[0].isEmpty()) {
            return null;
        }
        return new Credential(c[0], c[1], c[2], signature);
    }

    /**
     * @param includeHost whether {@code host} is among the signed headers (the SDK signs the Host
     *                    it sets; other clients may not)
     */
    public static String canonicalRequest(String method, String path, Map<String, String> params,
                                          Map<String, String> headers, boolean includeHost) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n').append(path).append('\n');
        boolean first = true;
        for (Map.Entry<String, String> p : new TreeMap<>(params).entrySet()) {
            if (!first) {
                sb.append('&');
            }
            sb.append(p.getKey());
            if (p.getValue() != null && !p.getValue().isEmpty()) {
                sb.append('=').append(percentEncode(p.getValue()));
            }
            first = false;
        }
        sb.append('\n');
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (name.equals("content-type") || (includeHost && name.equals("host"))
                    || name.startsWith("x-log-") || name.startsWith("x-acs-")) {
                signed.put(name, v == null ? "" : v.trim());
            }
        });
        signed.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        sb.append('\n');
        sb.append(String.join(";", signed.keySet())).append('\n');
        sb.append(signed.getOrDefault("x-log-content-sha256", EMPTY_SHA256));
        return sb.toString();
    }

    public static String signature(String secret, String region, String dateTime, String canonicalRequest) {
        String date = dateTime.substring(0, 8);
        String scope = date + "/" + region + "/sls/aliyun_v4_request";
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "sls");
        key = hmac(key, "aliyun_v4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
