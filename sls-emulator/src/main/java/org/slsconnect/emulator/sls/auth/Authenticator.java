package org.slsconnect.emulator.sls.auth;

import org.slsconnect.emulator.sls.SlsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the Authorization header: the AccessKeyId must be registered, and (unless turned off)
 * the V1 or V4 signature must verify. With no keys registered every request is accepted
 * ("open" mode, for quick demos).
 */
public final class Authenticator {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private volatile boolean verifySignatures = true;

    public void addKey(String accessKeyId, String accessKeySecret) {
        secrets.put(accessKeyId, accessKeySecret);
    }

    public void verifySignatures(boolean on) {
        this.verifySignatures = on;
    }

    public boolean open() {
        return secrets.isEmpty();
    }

    public void authenticate(SignedRequest req) {
        if (secrets.isEmpty()) {
            return;
        }
        String authorization = req.headers().get("authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new SlsException(401, "Unauthorized", "Authorization header is missing");
        }
        authorization = authorization.trim();
        if (authorization.startsWith("LOG ")) {
            verifyV1(req, authorization.substring(4));
        } else if (authorization.startsWith(V4Signer.ALGORITHM + " ")) {
            verifyV4(req, authorization);
        } else {
            throw new SlsException(401, "Unauthorized", "Authorization header is malformed: expect 'LOG <ak>:<signature>' or " + V4Signer.ALGORITHM);
        }
    }

    private String secretOf(String accessKeyId) {
        String secret = secrets.get(accessKeyId);
        if (secret == null) {
            throw new SlsException(401, "Unauthorized", "AccessKeyId not found: " + accessKeyId);
        }
        return secret;
    }

    private void verifyV1(SignedRequest req, String credential) {
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            throw new SlsException(401, "Unauthorized", "Authorization header is malformed: expect 'LOG <ak>:<signature>'");
        }
        String ak = credential.substring(0, colon);
        String given = credential.substring(colon + 1);
        String secret = secretOf(ak);
        if (!verifySignatures) {
            return;
        }
        String stringToSign = V1Signer.stringToSign(req.method(), req.path(), req.params(), req.headers());
        if (equal(given, V1Signer.sign(secret, stringToSign))) {
            return;
        }
        if (!req.rawPath().equals(req.path())) { // a client that signed the still-encoded path
            String raw = V1Signer.stringToSign(req.method(), req.rawPath(), req.params(), req.headers());
            if (equal(given, V1Signer.sign(secret, raw))) {
                return;
            }
        }
        throw new SlsException(401, "SignatureNotMatch", "Signature " + given + " not matched; server string to sign: "
                + stringToSign.replace("\n", "\\n"));
    }

    private void verifyV4(SignedRequest req, String authorization) {
        V4Signer.Credential c = V4Signer.parse(authorization);
        if (c == null) {
            throw new SlsException(401, "Unauthorized", "malformed " + V4Signer.ALGORITHM + " Authorization header");
        }
        String secret = secretOf(c.accessKeyId());
        if (!verifySignatures) {
            return;
        }
        String dateTime = req.headers().get("x-log-date");
        if (dateTime == null || dateTime.length() < 8) {
            throw new SlsException(401, "SignatureNotMatch", "V4 request without x-log-date");
        }
        String declaredSha = req.headers().get("x-log-content-sha256");
        if (declaredSha != null && !declaredSha.equalsIgnoreCase(V4Signer.sha256Hex(req.body()))) {
            throw new SlsException(401, "SignatureNotMatch", "x-log-content-sha256 does not match the body");
        }
        for (boolean includeHost : new boolean[]{true, false}) {
            String canonical = V4Signer.canonicalRequest(req.method(), req.path(), req.params(), req.headers(), includeHost);
            if (equal(c.signature(), V4Signer.signature(secret, c.region(), dateTime, canonical))) {
                return;
            }
        }
        throw new SlsException(401, "SignatureNotMatch", "V4 signature " + c.signature() + " not matched");
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
