package org.slsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the README command in check mode as a child process: 20,000 logs must reach Kafka and, through Splunk's sink
 * (the shared jar, or {@code SPLUNK_SINK_JAR}) and the shipped {@code splunk-sink.json} over https, the HEC emulator.
 * Without a sink jar only the Kafka leg is checked, except under {@code CI=true}, where that fails.
 */
class QuickstartCheckIT {

    @Test
    void checkModePassesEndToEnd() throws Exception {
        Path repo = new File("..").getCanonicalFile().toPath();
        String given = System.getenv("SPLUNK_SINK_JAR");
        boolean sinkJar = given != null && !given.isBlank() || Files.isRegularFile(repo.resolve(Quickstart.SHARED_SINK_JAR).normalize());
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(sinkJar, "CI runs the Splunk leg: no jar at " + repo.resolve(Quickstart.SHARED_SINK_JAR).normalize()
                + " and SPLUNK_SINK_JAR is not set");
        }
        Path out = Path.of("target/quickstart-check.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quickstart.jar", "--check", "--logs", "20000", "--timeout", "180",
                "--rest-port", "0", "--data-dir", "target/quickstart-it-data", "--repo", repo.toString())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(300, TimeUnit.SECONDS);
        if (!exited) p.destroyForcibly();
        String output = Files.readString(out);
        assertTrue(exited, "quickstart --check did not exit within 300 s:\n" + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("POSTed     connector-config/sls-source.json"), output);
        if (sinkJar) {
            assertTrue(output.contains("POSTed     connector-config/splunk-sink.json"), output);
            assertTrue(output.contains("CHECK PASSED: 20000 logs written to SLS, 20000 records in Kafka, 20000 events at HEC"), output);
        } else {
            assertTrue(output.contains("CHECK PASSED: 20000 logs written to SLS, 20000 records in Kafka"), output);
        }
        assertTrue(Files.size(Path.of("target/quickstart-it-data/logs/quickstart.log")) > 0, "Kafka/Connect log file");
    }
}
