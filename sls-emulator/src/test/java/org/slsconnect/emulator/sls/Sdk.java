package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.aliyun.openservices.log.common.FastLogGroup;
import com.aliyun.openservices.log.common.FastLogTag;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.http.client.ClientConfiguration;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How tests (and the connector) point the real SDK at the emulator: the emulator is its HTTP proxy. */
final class Sdk {
    private Sdk() {
    }

    static Client client(SlsEmulator emu, String accessKeyId, String accessKeySecret) {
        return new Client(emu.endpoint(), accessKeyId, accessKeySecret, config(emu, false));
    }

    /** A client that never retries, so every injected fault is seen exactly once. */
    static Client clientWithoutRetry(SlsEmulator emu, String accessKeyId, String accessKeySecret) {
        return new Client(emu.endpoint(), accessKeyId, accessKeySecret, config(emu, true));
    }

    static ClientConfiguration config(SlsEmulator emu, boolean retryDisabled) {
        ClientConfiguration cfg = new ClientConfiguration();
        cfg.setProxyHost(emu.host());
        cfg.setProxyPort(emu.port());
        cfg.setRetryDisabled(retryDisabled);
        cfg.setConnectionTimeout(3_000);
        cfg.setSocketTimeout(10_000);
        return cfg;
    }

    /** Asserts that the call fails with this SLS error code and returns the exception. */
    static LogException assertLogError(String errorCode, Executable call) {
        LogException e = assertThrows(LogException.class, call);
        assertEquals(errorCode, e.GetErrorCode(), () -> "message: " + e.GetErrorMessage());
        return e;
    }

    /** The exact bytes of a pulled group. */
    static byte[] bytesOf(FastLogGroup g) {
        return Arrays.copyOfRange(g.getRawBytes(), g.getBeginOffset(), g.getEndOffset());
    }

    /** Asserts an SDK-parsed group equals what the emulator's decoder reads from the written bytes. */
    static void assertSameGroup(byte[] written, FastLogGroup read) {
        assertArrayEquals(written, bytesOf(read), "group bytes");
        LogGroupDecoder.LogGroup expected = LogGroupDecoder.decode(written);
        assertEquals(expected.topic() == null ? "" : expected.topic(), nullToEmpty(read.getTopic()), "topic");
        assertEquals(expected.source() == null ? "" : expected.source(), nullToEmpty(read.getSource()), "source");
        assertEquals(expected.tags().size(), read.getLogTagsCount(), "tag count");
        for (int i = 0; i < expected.tags().size(); i++) {
            FastLogTag tag = read.getLogTags(i);
            assertArrayEquals(expected.tags().get(i).keyBytes(), tag.getKeyBytes());
            assertArrayEquals(expected.tags().get(i).valueBytes(), tag.getValueBytes());
        }
        List<LogGroupDecoder.Log> logs = expected.logs();
        assertEquals(logs.size(), read.getLogsCount(), "log count");
        for (int i = 0; i < logs.size(); i++) {
            FastLog log = read.getLogs(i);
            assertEquals(logs.get(i).time(), log.getTime(), "time");
            assertEquals(logs.get(i).timeNs() == null ? 0 : logs.get(i).timeNs(), log.getTimeNsPart(), "time ns part");
            assertEquals(logs.get(i).contents().size(), log.getContentsCount(), "content count");
            for (int j = 0; j < log.getContentsCount(); j++) {
                FastLogContent c = log.getContents(j);
                assertArrayEquals(logs.get(i).contents().get(j).keyBytes(), c.getKeyBytes(), "key");
                assertArrayEquals(logs.get(i).contents().get(j).valueBytes(), c.getValueBytes(), "value");
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Bounded polling instead of fixed sleeps. */
    static void eventually(long timeoutMillis, Check check) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    interface Check {
        void run() throws Exception;
    }
}
