package org.slsconnect.emulator.hec;

/** How the emulator behaves while it is "down". */
public enum DownMode {
    /**
     * The listening socket is closed (new connections are refused) and every open connection is closed.
     * The admin HTTP API on the main port is unreachable too (use the Java API, a separate admin port, or a duration).
     */
    REFUSE,
    /**
     * The socket keeps listening, but every HEC request makes the emulator close the connection without any response
     * (the client sees a reset / "no response"). {@code /_emulator/...} admin requests are still served.
     */
    CLOSE
}
