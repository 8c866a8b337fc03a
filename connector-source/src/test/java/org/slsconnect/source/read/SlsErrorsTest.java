package org.slsconnect.source.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.slsconnect.source.read.SlsErrors.Verdict;

import com.aliyun.openservices.log.exception.LogException;

/**
 * Issue 15, bug 5: one classifier decides what a failure means. Before, any RuntimeException inside a pull
 * (a mapping bug included) was counted as an undecodable SLS response, retried and reported as corrupt data.
 */
class SlsErrorsTest {

    private static LogException sls(int status, String code) {
        LogException e = new LogException(code, "message of " + code, "req-1");
        e.setHttpCode(status);
        return e;
    }

    @Test
    void aRuntimeExceptionOutsideDecodingIsABugNotCorruptData() {
        assertEquals(Verdict.BUG, SlsErrors.classify(new NullPointerException("mapper")));
        assertEquals(Verdict.BUG, SlsErrors.classify(new IllegalStateException()));
        assertEquals(Verdict.BUG, SlsErrors.classify(new AssertionError()));
    }

    @Test
    void eachSlsErrorHasOneVerdict() {
        assertEquals(Verdict.RETRY, SlsErrors.classify(sls(503, "ServerBusy")));
        assertEquals(Verdict.RETRY, SlsErrors.classify(sls(500, "InternalServerError")));
        assertEquals(Verdict.RETRY, SlsErrors.classify(sls(403, "ReadQuotaExceed")));
        assertEquals(Verdict.RETRY, SlsErrors.classify(sls(-1, "RequestError")), "network: no HTTP status");
        // No HTTP status either, but an answer arrived: it must not be retried forever as a network error.
        assertEquals(Verdict.DECODE, SlsErrors.classify(sls(-1, "DecompressException")));
        assertEquals(Verdict.DECODE, SlsErrors.classify(sls(200, "BadResponse")));
        assertEquals(Verdict.DECODE, SlsErrors.classify(sls(200, "LogGroupCountNotMatch")));
        assertEquals(Verdict.EXPIRED, SlsErrors.classify(sls(400, "InvalidCursor")));
        assertEquals(Verdict.GONE, SlsErrors.classify(sls(404, "ShardNotExist")));
        assertEquals(Verdict.FATAL, SlsErrors.classify(sls(404, "ProjectNotExist")));
        assertEquals(Verdict.FATAL, SlsErrors.classify(sls(404, "LogStoreNotExist")));
        assertEquals(Verdict.FATAL, SlsErrors.classify(sls(401, "SignatureNotMatch")));
        assertEquals(Verdict.FATAL, SlsErrors.classify(sls(403, "Unauthorized")));
        assertEquals(Verdict.FATAL, SlsErrors.classify(new ConnectException("bad offset")));
    }
}
