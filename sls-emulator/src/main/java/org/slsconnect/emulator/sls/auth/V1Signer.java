package org.slsconnect.emulator.sls.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SLS signature V1 ({@code Authorization: LOG <AccessKeyId>:<signature>}), as SlsV1Signer in
 * the Java SDK computes it:
 * <pre>
 * VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedLOGHeaders \n resource[?CanonicalizedQuery]
 * </pre>
 * CanonicalizedLOGHeaders are the x-log-* and x-acs-* headers sorted by (lowercase) name as
 * {@code name:value} joined by \n; the query is sorted by key, {@code k=v} with raw
 * (URL-decoded) values joined by &amp;. Signature = Base64(HMAC-SHA1(secret, StringToSign)).
 */
public final class V1Signer {
    /**
     * The Python SDK adds {@code x-log-date} after it computes a V1 signature, so a verifier must
     * leave it out of the canonical headers (V4 does sign it).
     */
    public static final String UNSIGNED_DATE_HEADER = "x-log-date";

    private V1Signer() {
    }

    /**
     * @param headers request headers; names are matched case-insensitively
     * @param params  URL-decoded query parameters
     */
    public static String stringToSign(String method, String resourcePath, Map<String, String> params, Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        StringBuilder sb = new StringBuilder(256);
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
        sb.append(lower.getOrDefault("content-md5", "")).append('\n');
        sb.append(lower.getOrDefault("content-type", "")).append('\n');
        sb.append(lower.getOrDefault("date", "")).append('\n');
        boolean first = true;
        for (Map.Entry<String, String> h : lower.entrySet()) {
            String name = h.getKey();
            if ((name.startsWith("x-log-") || name.startsWith("x-acs-")) && !name.equals(UNSIGNED_DATE_HEADER)) {
                if (!first) {
                    sb.append('\n');
                }
                sb.append(name).append(':').append(h.getValue());
                first = false;
            }
        }
        sb.append('\n');
        sb.append(resourcePath);
        if (!params.isEmpty()) {
            sb.append('?');
            boolean firstParam = true;
            for (Map.Entry<String, String> p : new TreeMap<>(params).entrySet()) {
                if (!firstParam) {
                    sb.append('&');
                }
                sb.append(p.getKey()).append('=').append(p.getValue() == null ? "" : p.getValue());
                firstParam = false;
            }
        }
        return sb.toString();
    }

    public static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code Authorization} header value. */
    public static String authorization(String accessKeyId, String accessKeySecret, String stringToSign) {
        return "LOG " + accessKeyId + ":" + sign(accessKeySecret, stringToSign);
    }

    /** Content-MD5 as the SDK sends it: uppercase hex MD5 of the body bytes on the wire. */
    public static String contentMd5(byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
