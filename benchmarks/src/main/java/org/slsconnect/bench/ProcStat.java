package org.slsconnect.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU and memory of another process from Linux {@code /proc}: process CPU, CPU per thread (by the thread's
 * {@code comm}, which the JVM sets to the first 15 characters of the Java thread name) and resident memory.
 */
final class ProcStat {
    /** {@code USER_HZ}: the unit of the CPU fields in {@code /proc/.../stat} (100 on every Linux we run on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    /** User + system CPU seconds of the whole process so far. */
    static double cpuSeconds(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
    }

    /** Resident set size in bytes now, 0 if the process is gone. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException e) {
            // gone
        }
        return 0;
    }

    /** Thread id -> {comm, CPU seconds} of every live thread of the process. */
    static Map<Long, Object[]> threads(long pid) {
        Map<Long, Object[]> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    String comm = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim();
                    out.put(Long.parseLong(t.getFileName().toString()), new Object[] {comm, ticks(t.resolve("stat")) / TICKS_PER_SECOND});
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return out;
    }

    /** utime + stime (fields 14 and 15) of a stat line; the command name in parentheses may contain spaces. */
    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.UTF_8);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
