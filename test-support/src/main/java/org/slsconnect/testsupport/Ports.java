package org.slsconnect.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the brokers and workers that tests and benchmarks start as separate processes, which must be told their
 * port before they bind it.
 * <p>
 * Not {@code new ServerSocket(0)}: that hands out a port of the kernel's ephemeral range, the range every outgoing
 * connection takes its local port from, so between closing the probe and the child process binding the port, a
 * client connection elsewhere on the machine can take it (seen in CI: a worker's REST server failed with "Address
 * already in use"). These ports come from below the ephemeral range, are checked to be free, and are handed out at
 * most once per JVM (a broker asks for two before it binds either).
 */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {}

    /** A loopback port that is free now, outside the ephemeral range when the kernel says where that is. */
    public static synchronized int free() {
        int ephemeralLow = ephemeralLow();
        if (ephemeralLow - LOWEST < 1_000) return fromKernel();   // no room below it (or not Linux): the kernel's pick
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(LOWEST, ephemeralLow);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        return fromKernel();
    }

    /** The first port of the kernel's ephemeral range; Linux's default 32768 when it cannot be read. */
    static int ephemeralLow() {
        try {
            // readLine, not readString: a /proc file reports size 0, and a sized read may stop after one byte.
            try (var in = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int fromKernel() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
