package org.slsconnect.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kafka release of the matrix: its broker + Connect worker classpath is resolved from Maven Central by the module
 * {@code compat-tests/workers/kafka-<line>} at build time ({@code target/classpath.txt}).
 */
record KafkaRelease(String version, String line, String note) {

    static final Path WORKERS = Path.of(System.getProperty("compat.workers.dir", "workers"));

    /** {@code PUT /connectors/<name>/stop} (KIP-875, 3.5) and {@code PATCH/DELETE /offsets} (3.6). */
    boolean hasOffsetsApi() { return atLeast(3, 6); }

    /** {@code SourceTaskContext.pluginMetrics()} (KIP-877, 4.1). */
    boolean hasPluginMetrics() { return atLeast(4, 1); }

    boolean atLeast(int major, int minor) {
        String[] p = version.split("\\.");
        int ma = Integer.parseInt(p[0]);
        int mi = Integer.parseInt(p[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    String classpath() throws IOException {
        Path file = WORKERS.resolve("kafka-" + line).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + file.toAbsolutePath() + ": build the matrix with -am, e.g."
                + " mvn -B verify -pl compat-tests -am (compat-tests/workers/kafka-" + line + " writes it)");
        }
        return Files.readString(file).trim();
    }

    @Override
    public String toString() { return "Kafka " + version + (note.isEmpty() ? "" : " (" + note + ")"); }
}
