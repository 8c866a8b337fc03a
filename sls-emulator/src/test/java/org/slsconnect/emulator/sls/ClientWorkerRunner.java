package org.slsconnect.emulator.sls;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Alibaba's loghub-client-lib {@code ClientWorker} ({@link ClientWorkerMain}) against an emulator in a child
 * JVM. 0.6.41 can only reach {@code <project>.<endpoint>:80} and has no proxy setting, so the child gets a hosts
 * file and a SOCKS5 relay to the emulator's real port: no root and no port 80 needed.
 */
public final class ClientWorkerRunner {

    /** What the worker printed and how it ended. */
    public record Result(boolean exited, int exitCode, String stdout, String stderrTail, int relayConnections) {
        /** True if the worker consumed exactly {@code expected} logs, each once. */
        public boolean consumedExactly(long expected) {
            return exited && exitCode == 0
                && stdout.contains("RESULT total=" + expected + " distinct=" + expected + " duplicates=0");
        }
        public String diagnostics() { return stdout + "\n--- stderr (tail) ---\n" + stderrTail; }
    }

    private ClientWorkerRunner() {}

    /** Consumes with consumer group {@code group} until {@code expected} logs arrived or {@code timeoutSec} passed. */
    public static Result run(SlsEmulator emu, String project, String logstore, String group, String accessKeyId,
                             String accessKeySecret, long expected, int timeoutSec, Path tmp)
            throws IOException, InterruptedException {
        try (Socks5Relay relay = new Socks5Relay(emu.port())) {
            Path hosts = tmp.resolve("hosts");
            String hostname;
            try {
                hostname = InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                hostname = "localhost";
            }
            Files.writeString(hosts, "127.0.0.1 localhost " + project + "." + emu.endpoint() + " " + emu.endpoint() + " " + hostname + "\n");
            Path stdout = tmp.resolve("worker-" + group + ".out");
            Path stderr = tmp.resolve("worker-" + group + ".err");
            List<String> cmd = new ArrayList<>();
            cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            cmd.add("-Xmx256m");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-Djdk.net.hosts.file=" + hosts);
            cmd.add("-DsocksProxyHost=127.0.0.1");
            cmd.add("-DsocksProxyPort=" + relay.port());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ClientWorkerMain.class.getName());
            cmd.addAll(List.of(emu.endpoint(), project, logstore, group, accessKeyId, accessKeySecret,
                Long.toString(expected), Integer.toString(timeoutSec)));
            Process child = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean exited = child.waitFor(timeoutSec + 20L, TimeUnit.SECONDS);
            if (!exited) child.destroyForcibly();
            String err = Files.readString(stderr);
            return new Result(exited, exited ? child.exitValue() : -1, Files.readString(stdout),
                err.length() <= 4000 ? err : err.substring(err.length() - 4000), relay.connections());
        }
    }
}
