package org.slsconnect.it;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class whose run put a secret the ITs use (the SLS access key secret, the HEC tokens) into a log
 * event of any logger (INFO and up, see log4j2-test.properties; exception messages included) or onto
 * System.out/System.err. Registered for every test class of this module by JUnit's extension auto-detection
 * (META-INF/services + junit-platform.properties).
 *
 * <p>Everything is scanned as it is written and only the first few findings are kept, with the secret masked, so
 * memory stays bounded however much a class logs and a failure report never repeats the secret.
 */
public final class SecretsNeverLoggedExtension implements BeforeAllCallback, AfterAllCallback {

    /** Label -> secret. The HEC token is the one the Splunk tests give the HEC emulator. */
    private static final Map<String, String> SECRETS = Map.of(
        "ConnectHarness.ACCESS_KEY_SECRET", ConnectHarness.ACCESS_KEY_SECRET,
        "HEC token it-hec-token", "it-hec-token");
    private static final int MAX_FINDINGS = 10;
    private static final String APPENDER = "secrets-never-logged";

    /** Extra secrets a test registers for its class, e.g. a rotated key; cleared after each class. */
    private static final Map<String, String> extra = new ConcurrentHashMap<>();
    private static final List<String> findings = new ArrayList<>();
    private static long findingCount;

    private PrintStream originalOut;
    private PrintStream originalErr;
    private AbstractAppender appender;

    /** Watch one more secret until the end of the current test class. */
    static void watch(String label, String secret) { extra.put(label, secret); }

    /** The findings so far (masked), cleared: for a test that leaks a canary on purpose. */
    static synchronized List<String> takeFindings() {
        List<String> out = new ArrayList<>(findings);
        findings.clear();
        findingCount = 0;
        return out;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getEnclosingClass() != null) return;   // @Nested: the outer class scans
        takeFindings();
        LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = logContext.getConfiguration();
        appender = new AbstractAppender(APPENDER, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String where = "log " + event.getLevel() + " " + event.getLoggerName();
                scan(event.getMessage().getFormattedMessage(), where);
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    scan(t.toString(), where + " (exception)");
                    if (t.getCause() == t) break;
                }
            }
        };
        appender.start();
        config.addAppender(appender);
        // Root, plus every logger that does not pass events on to root.
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.isAdditive() && logger != config.getRootLogger()) logger.addAppender(appender, Level.ALL, null);
        }
        logContext.updateLoggers();

        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new ScanningStream(originalOut, "System.out"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ScanningStream(originalErr, "System.err"), true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (appender == null) return;
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        LoggerContext logContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = logContext.getConfiguration();
        config.getRootLogger().removeAppender(APPENDER);
        for (LoggerConfig logger : config.getLoggers().values()) logger.removeAppender(APPENDER);
        logContext.updateLoggers();
        appender.stop();
        appender = null;
        extra.clear();
        long count;
        List<String> found;
        synchronized (SecretsNeverLoggedExtension.class) {
            count = findingCount;
            found = takeFindings();
        }
        if (count > 0) {
            throw new AssertionError(count + " time(s) a secret appeared in a log event or on the console during "
                + context.getRequiredTestClass().getSimpleName() + " (secrets are Password configs, never logged):\n  "
                + String.join("\n  ", found));
        }
    }

    private static Map<String, String> secrets() {
        if (extra.isEmpty()) return SECRETS;
        Map<String, String> all = new LinkedHashMap<>(SECRETS);
        all.putAll(extra);
        return all;
    }

    static void scan(String text, String where) {
        if (text == null) return;
        for (Map.Entry<String, String> s : secrets().entrySet()) {
            int at = text.indexOf(s.getValue());
            if (at >= 0) record(s.getKey(), where, text, at, s.getValue());
        }
    }

    private static synchronized void record(String label, String where, String text, int at, String secret) {
        findingCount++;
        if (findings.size() >= MAX_FINDINGS) return;
        int from = Math.max(0, at - 80);
        int to = Math.min(text.length(), at + secret.length() + 80);
        String excerpt = text.substring(from, to).replace(secret, "<" + label + ">").replace('\n', ' ');
        findings.add(label + " in " + where + ": ..." + excerpt + "...");
    }

    /**
     * Passes bytes on and scans them. A secret split over two writes is still found: the last bytes of each write
     * are kept (fewer than the longest secret) and scanned together with the next one.
     */
    private static final class ScanningStream extends OutputStream {
        private final PrintStream target;
        private final String where;
        private byte[] tail = new byte[0];

        ScanningStream(PrintStream target, String where) {
            this.target = target;
            this.where = where;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            target.write(b, off, len);
            byte[] window = new byte[tail.length + len];
            System.arraycopy(tail, 0, window, 0, tail.length);
            System.arraycopy(b, off, window, tail.length, len);
            // Secrets are ASCII, so a byte-for-char view finds them in any UTF-8 text.
            String text = new String(window, StandardCharsets.ISO_8859_1);
            scan(text, where);
            int keep = 0;
            for (String s : secrets().values()) keep = Math.max(keep, s.length() - 1);
            keep = Math.min(keep, window.length);
            // Bytes of a match already reported stay out of the tail, so it is not reported twice.
            tail = new byte[keep];
            System.arraycopy(window, window.length - keep, tail, 0, keep);
            for (String s : secrets().values()) {
                if (new String(tail, StandardCharsets.ISO_8859_1).contains(s)) tail = new byte[0];
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
