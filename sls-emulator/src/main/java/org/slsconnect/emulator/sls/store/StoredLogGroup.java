package org.slsconnect.emulator.sls.store;

/**
 * One log group as stored: already framed as a LogGroupList element
 * ({@code 0x0A varint(len) bytes}) so that pull bodies are plain concatenations.
 *
 * @param framed       the framed bytes
 * @param headerLength length of the {@code 0x0A varint} prefix; the LogGroup itself follows
 * @param receiveTime  server receive time, unix seconds
 */
public record StoredLogGroup(byte[] framed, int headerLength, long receiveTime) {
    public int logGroupLength() {
        return framed.length - headerLength;
    }

    public byte[] logGroupBytes() {
        byte[] out = new byte[logGroupLength()];
        System.arraycopy(framed, headerLength, out, 0, out.length);
        return out;
    }
}
