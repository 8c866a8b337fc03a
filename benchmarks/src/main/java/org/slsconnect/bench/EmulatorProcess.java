package org.slsconnect.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Parent side of {@link EmulatorMain}: starts the child JVM and sends it commands. */
final class EmulatorProcess implements AutoCloseable {
    final Process process;
    final int port;
    final String endpoint;
    private final PrintWriter out;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    EmulatorProcess(String xmx) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx" + xmx, "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
            EmulatorMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("@@ ")) replies.add(line.substring(3));
                }
            } catch (Exception ignored) {
                // child gone
            }
        }, "emulator-stdout");
        t.setDaemon(true);
        t.start();
        String[] ready = take(120).split(" ");
        if (!ready[0].equals("READY")) throw new IllegalStateException("emulator: " + String.join(" ", ready));
        port = Integer.parseInt(ready[1]);
        endpoint = ready[2];
    }

    private String take(int seconds) throws InterruptedException {
        String s = replies.poll(seconds, TimeUnit.SECONDS);
        if (s == null) throw new IllegalStateException("emulator did not answer within " + seconds + " s");
        return s;
    }

    synchronized String[] call(String command) throws InterruptedException {
        out.println(command);
        String r = take(600);
        if (!r.startsWith("OK")) throw new IllegalStateException("emulator: " + command + " -> " + r);
        String rest = r.length() > 2 ? r.substring(3) : "";
        return rest.isEmpty() ? new String[0] : rest.split(" ");
    }

    long cpuNanos() throws InterruptedException { return Long.parseLong(call("cpu")[0]); }

    @Override
    public void close() {
        try {
            call("quit");
        } catch (Exception ignored) {
            // fall through
        }
        process.destroy();
    }
}
