package org.slsconnect.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slsconnect.testsupport.Ports;

/** A Kafka main class in its own JVM, with its output in a log file, as operators run brokers and workers. */
final class JvmProcess implements AutoCloseable {

    private final Path java;
    private final String classpath;
    private final Path logFile;
    private Process process;

    JvmProcess(Path javaHome, String classpath, Path logFile) {
        this.java = javaHome.resolve("bin/java");
        this.classpath = classpath;
        this.logFile = logFile;
    }

    /** Starts {@code mainClass} with the JVM options and arguments given; output is appended to the log file. */
    JvmProcess start(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", classpath));
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        return this;
    }

    /** Runs {@code mainClass} to completion (a tool such as the storage formatter); fails on a non-zero exit. */
    void run(String mainClass, String... args) throws IOException, InterruptedException {
        start(List.of(), mainClass, args);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish in 120 s: see " + logFile);
        }
        if (process.exitValue() != 0) throw new AssertionError(mainClass + " exited " + process.exitValue() + ": see " + logFile);
    }

    boolean alive() { return process != null && process.isAlive(); }

    /** SIGKILL: no shutdown hooks, no offset flush, no graceful leave of the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    Path logFile() { return logFile; }

    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, as an operator's restart does; SIGKILL if it has not exited in 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    static void writeProperties(Path file, Map<String, String> props) throws IOException {
        Files.writeString(file, new TreeMap<>(props).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
    }


    /** Bounded polling on a condition (every 200 ms). */
    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /** {@code dir}, emptied of what an earlier run left there. */
    static Path freshDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
