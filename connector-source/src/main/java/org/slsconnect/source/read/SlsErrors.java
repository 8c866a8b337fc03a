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
        "serverbusy", "internalservererror", "requesterror", "requesttimeout", "requesttimeexpired",
        "badresponse", "initloggroupserror", "loggroupcountnotmatch");

    /** Read quota exceeded: back off and retry. */
    public static boolean isThrottle(LogException e) {
        return THROTTLES.contains(code(e)) || e.getHttpCode() == 429;
    }

    /** Worth retrying: 5xx, throttling, network failures (the SDK reports those with no HTTP status). */
    public static boolean isRetryable(LogException e) {
        return isThrottle(e) || e.getHttpCode() >= 500 || e.getHttpCode() <= 0 || TRANSIENT.contains(code(e));
    }

    /** The cursor names data that no longer exists (past the logstore TTL) or is not a cursor at all. */
    public static boolean isInvalidCursor(LogException e) {
        return code(e).equals("invalidcursor");
    }

    public static boolean isShardGone(LogException e) {
        return code(e).equals("shardnotexist");
    }

    public static boolean isAlreadyExists(LogException e) {
        return code(e).endsWith("alreadyexist");
    }

    /**
     * A one-line description with a hint for the fix. The SDK's messages never contain the access key secret;
     * only the key id may appear (as the real service echoes it for an unknown key).
     */
    public static String describe(LogException e) {
        String base = "SLS error " + e.getErrorCode() + " (HTTP " + e.getHttpCode() + "): " + e.getMessage()
            + (e.getRequestId() == null || e.getRequestId().isEmpty() ? "" : " [request id " + e.getRequestId() + "]");
        String hint = hint(e);
        return hint == null ? base : base + ". " + hint;
    }

    private static String hint(LogException e) {
        switch (code(e)) {
            case "unauthorized":
                return e.getHttpCode() == 403
                    ? "The RAM user lacks permission: grant log:GetCursorOrData, log:ListShards and, for checkpoint mirroring, log:UpdateCheckPoint/log:CreateConsumerGroup"
                    : "Check sls.access.key.id and sls.access.key.secret";
            case "signaturenotmatch": return "Check sls.access.key.secret (and the machine clock)";
            case "invalidaccesskeyid": return "Check sls.access.key.id";
            case "securitytokenexpired":
            case "invalidsecuritytoken": return "Renew sls.security.token";
            case "projectnotexist": return "Check sls.project and that sls.endpoint is the project's region";
            case "logstorenotexist": return "Check sls.logstores";
            case "requesttimeexpired": return "The machine clock is more than 15 minutes off";
            default: return null;
        }
    }

    private static String code(LogException e) {
        return e.getErrorCode() == null ? "" : e.getErrorCode().toLowerCase(Locale.ROOT);
    }
}
