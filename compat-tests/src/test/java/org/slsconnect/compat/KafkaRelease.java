package org.slsconnect.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kafka release line of the matrix. The module {@code compat-tests/workers/kafka-<line>} pins the exact release
 * and resolves its broker + Connect worker classpath from Maven Central at build time ({@code target/classpath.txt});
 * the release's version is read from that classpath, so it is written in one place only.
 */
record KafkaRelease(String line, String note) {

    static final Path WORKERS = Path.of(System.getProperty("compat.workers.dir", "workers"));
    private static final Pattern CONNECT_RUNTIME = Pattern.compile("connect-runtime-(\\d+\\.\\d+\\.\\d+)\\.jar");

    /** The exact release, e.g. 3.9.1. */
    String version() {
        Matcher m = CONNECT_RUNTIME.matcher(classpath());
        if (!m.find()) throw new IllegalStateException("no connect-runtime jar in the classpath of " + WORKERS.resolve("kafka-" + line));
        return m.group(1);
    }

    /** {@code PUT /connectors/<name>/stop} (KIP-875, 3.5) and {@code PATCH/DELETE /offsets} (3.6). */
    boolean hasOffsetsApi() { return atLeast(3, 6); }

    /** {@code SourceTaskContext.pluginMetrics()} (KIP-877, 4.1). */
    boolean hasPluginMetrics() { return atLeast(4, 1); }

    boolean atLeast(int major, int minor) {
        String[] p = line.split("\\.");
        int ma = Integer.parseInt(p[0]);
        int mi = Integer.parseInt(p[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    String classpath() {
        Path file = WORKERS.resolve("kafka-" + line).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + file.toAbsolutePath() + ": build the matrix with -am, e.g."
                + " mvn -B verify -pl compat-tests -am (compat-tests/workers/kafka-" + line + " writes it)");
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() { return "Kafka " + version() + (note.isEmpty() ? "" : " (" + note + ")"); }
}
