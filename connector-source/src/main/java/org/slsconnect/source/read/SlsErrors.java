package org.slsconnect.source.read;

import java.util.Locale;
import java.util.Set;

import com.aliyun.openservices.log.exception.LogException;

/** Sorts SLS errors into what the connector does about them, and says what a user should fix. */
public final class SlsErrors {

    private SlsErrors() {}

    private static final Set<String> THROTTLES = Set.of(
        "readquotaexceed", "shardreadquotaexceed", "writequotaexceed", "shardwritequotaexceed",
        "quotaexceed", "exceedquota");
    private static final Set<String> TRANSIENT = Set.of(
        "serverbusy", "internalservererror", "requesterror", "requesttimeout", "requesttimeexpired");
    /**
     * A response that arrived but cannot be decoded. The SDK reports a body it cannot decompress as
     * DecompressException with no HTTP status, which would otherwise look like a network error and be retried
     * forever; "BadResponse" is what {@link ShardReader} reports for a damaged body.
     */
    private static final Set<String> UNDECODABLE = Set.of(
        "badresponse", "initloggroupserror", "loggroupcountnotmatch", "decompressexception");

    /** What the connector does about a failure; the one place that decides it. */
    public enum Verdict {
        /** SLS is busy, throttling or unreachable: back off and try again, indefinitely. */
        RETRY,
        /** SLS answered with a body that cannot be decoded: retry a few times, then fail (nothing is skipped). */
        DECODE,
        /** The cursor's data has expired past the logstore TTL: apply {@code expired.cursor.policy}. */
        EXPIRED,
        /** The shard no longer exists: it is done. */
        GONE,
        /** Only a user can fix it (credentials, permissions, missing project or logstore, bad offset): fail. */
        FATAL,
        /** Not SLS's doing: a bug in the connector. Fail with the stack trace. */
        BUG
    }

    public static Verdict classify(Throwable t) {
        if (t instanceof LogException) {
            LogException e = (LogException) t;
            String code = code(e);
            if (code.equals("invalidcursor")) return Verdict.EXPIRED;
            if (code.equals("shardnotexist")) return Verdict.GONE;
            if (UNDECODABLE.contains(code)) return Verdict.DECODE;
            return isRetryable(e) ? Verdict.RETRY : Verdict.FATAL;
        }
        // The connector's own verdicts (a bad offset, an oversize log) name their fix already.
        if (t instanceof org.apache.kafka.connect.errors.ConnectException) return Verdict.FATAL;
        return Verdict.BUG;
    }

    /** Read quota exceeded: back off and retry. */
    public static boolean isThrottle(LogException e) {
        return THROTTLES.contains(code(e)) || e.getHttpCode() == 429;
    }

    /** Worth retrying: 5xx, throttling, network failures (the SDK reports those with no HTTP status). */
    private static boolean isRetryable(LogException e) {
        return isThrottle(e) || e.getHttpCode() >= 500 || e.getHttpCode() <= 0 || TRANSIENT.contains(code(e));
    }

    public static boolean isAlreadyExists(LogException e) {
        return code(e).endsWith("alreadyexist");
    }

    /** The SLS call failed before any answer: refused, reset, timed out, unknown host (the SDK sets no HTTP status). */
    public static boolean isNetwork(LogException e) {
        return e.getHttpCode() <= 0;
    }

    /**
     * A one-line description with a hint for the fix. The SDK's messages never contain the access key secret;
     * only the key id may appear (as the real service echoes it for an unknown key).
     */
    public static String describe(LogException e) {
        return describe(e, null);
    }

    /**
     * As {@link #describe(LogException)}, naming the RAM action the failed call needs (e.g. {@code log:ListShards}),
     * so a permission error says exactly what to grant.
     */
    public static String describe(LogException e, String ramAction) {
        String base = "SLS error " + e.getErrorCode() + " (HTTP " + e.getHttpCode() + "): " + e.getMessage()
            + (e.getRequestId() == null || e.getRequestId().isEmpty() ? "" : " [request id " + e.getRequestId() + "]");
        String hint = hint(e, ramAction);
        return hint == null ? base : base + ". " + hint;
    }

    private static String hint(LogException e, String ramAction) {
        if (isNetwork(e) && String.valueOf(e.getMessage()).contains("PKIX path building failed")) {
            return "The https endpoint's certificate is not signed by a trusted CA: set sls.ssl.truststore.location "
                + "(and .password/.type) to a trust store with the CA that signed it";
        }
        if (isNetwork(e) && String.valueOf(e.getMessage()).contains("doesn't match any of the subject alternative names")) {
            return "The https endpoint's certificate does not name <project>.<endpoint>: use the endpoint the "
                + "certificate was issued for";
        }
        if (isNetwork(e)) {
            return "SLS could not be reached: check sls.endpoint (the project's region, e.g. cn-hangzhou.log.aliyuncs.com), "
                + "the network or firewall, and sls.proxy.host/sls.proxy.port if a proxy is used";
        }
        switch (code(e)) {
            case "unauthorized":
                if (e.getHttpCode() == 403) {
                    return "The RAM user of sls.access.key.id lacks a permission"
                        + (ramAction == null ? "" : ": this call needs " + ramAction)
                        + ". Grant log:ListShards and log:GetCursorOrData on the logstores and, for checkpoint mirroring "
                        + "and start.position=consumer_group, log:CreateConsumerGroup, log:ConsumerGroupUpdateCheckPoint "
                        + "and log:GetConsumerGroupCheckPoint";
                }
                return "The AccessKey is unknown, disabled or deleted: check sls.access.key.id (and sls.access.key.secret)";
            case "signaturenotmatch": return "Check sls.access.key.secret (and the machine clock)";
            case "invalidaccesskeyid": return "Check sls.access.key.id";
            case "securitytokenexpired":
            case "invalidsecuritytoken": return "Renew sls.security.token";
            case "projectnotexist": return "Check sls.project and that sls.endpoint is the project's region";
            case "logstorenotexist": return "Check sls.logstores";
            case "requesttimeexpired": return "The machine clock is more than 15 minutes off";
            case "":
            case "invaliderrorresponse":
                return "The answer is not from SLS: check that sls.endpoint (and sls.proxy.host/sls.proxy.port) point at "
                    + "the SLS endpoint of the project's region";
            default: return null;
        }
    }

    private static String code(LogException e) {
        return e.getErrorCode() == null ? "" : e.getErrorCode().toLowerCase(Locale.ROOT);
    }
}
