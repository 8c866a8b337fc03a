package org.slsconnect.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Runs the README command in check mode as a child process: 20,000 logs must reach Kafka within the timeout. */
class QuickstartCheckIT {

    @Test
    void checkModePassesEndToEnd() throws Exception {
        Path out = Path.of("target/quickstart-check.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quickstart.jar", "--check", "--logs", "20000", "--timeout", "180",
                "--rest-port", "0", "--data-dir", "target/quickstart-it-data", "--repo", new File("..").getCanonicalPath())
            .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean exited = p.waitFor(300, TimeUnit.SECONDS);
        if (!exited) p.destroyForcibly();
        String output = Files.readString(out);
        assertTrue(exited, "quickstart --check did not exit within 300 s:\n" + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("CHECK PASSED: 20000 logs written to SLS, 20000 records in Kafka"), output);
        assertTrue(output.contains("POSTed     connector-config/sls-source.json"), output);
        assertTrue(Files.size(Path.of("target/quickstart-it-data/logs/quickstart.log")) > 0, "Kafka/Connect log file");
    }
}
