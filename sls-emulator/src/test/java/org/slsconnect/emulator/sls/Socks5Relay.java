package org.slsconnect.emulator.sls;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SOCKS5 server that sends every CONNECT, whatever its target, to one local port.
 * It lets a JVM that must talk to {@code <project>.sls.test:80} (loghub-client-lib 0.6.41 has no
 * proxy settings) reach the emulator without root: start that JVM with
 * {@code -DsocksProxyHost=127.0.0.1 -DsocksProxyPort=<relay>} plus a hosts file.
 */
public final class Socks5Relay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger connections = new AtomicInteger();

    public Socks5Relay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "socks5-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> handle(client), "socks5-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client; Socket upstream = new Socket(Proxy.NO_PROXY)) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            // Greeting: VER NMETHODS METHODS...; answer "no authentication".
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readNBytes(in.readUnsignedByte());
            out.write(new byte[]{5, 0});
            // Request: VER CMD RSV ATYP DST.ADDR DST.PORT
            in.readUnsignedByte();
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte();
            int atyp = in.readUnsignedByte();
            switch (atyp) {
                case 1 -> in.readNBytes(4);
                case 3 -> in.readNBytes(in.readUnsignedByte());
                case 4 -> in.readNBytes(16);
                default -> {
                    return;
                }
            }
            in.readUnsignedShort();
            if (cmd != 1) {
                out.write(new byte[]{5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 3_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            out.write(new byte[]{5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            out.flush();
            connections.incrementAndGet();
            Thread back = new Thread(() -> pump(upstream, client), "socks5-back");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
            back.join(5_000);
        } catch (IOException | InterruptedException e) {
            // connection ended
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
