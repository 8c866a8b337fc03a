package org.slsconnect.emulator.hec;

import java.nio.charset.StandardCharsets;

/** An HTTP answer computed by the service, written by the Netty handler. */
final class Reply {
    final int status;
    final byte[] body;
    /** HEC code of the reply, or -1 (admin / non-HEC replies). */
    final int code;
    long delayNanos;
    boolean closeWithoutReply;

    Reply(int status, byte[] body, int code) {
        this.status = status;
        this.body = body;
        this.code = code;
    }

    static Reply json(int status, String body, int code) {
        return new Reply(status, body.getBytes(StandardCharsets.UTF_8), code);
    }

    static Reply hec(HecCode c) {
        return json(c.httpStatus(), "{\"text\":\"" + c.text() + "\",\"code\":" + c.code() + "}", c.code());
    }

    static Reply hec(HecCode c, int invalidEventNumber) {
        return json(c.httpStatus(), "{\"text\":\"" + c.text() + "\",\"code\":" + c.code()
                + ",\"invalid-event-number\":" + invalidEventNumber + "}", c.code());
    }

    static Reply success(Long ackId) {
        return json(200, ackId == null ? "{\"text\":\"Success\",\"code\":0}"
                : "{\"text\":\"Success\",\"code\":0,\"ackId\":" + ackId + "}", 0);
    }

    static Reply closeWithoutReply() {
        Reply r = new Reply(0, new byte[0], -1);
        r.closeWithoutReply = true;
        return r;
    }
}
