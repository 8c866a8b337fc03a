package org.slsconnect.emulator.hec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command-line parsing. */
class MainTest {
    @Test
    void parsesTokensAndTheirOptions() throws Exception {
        HecEmulator.Builder b = Main.parse(new String[] {"--port", "0", "--token", "A", "--ack", "true",
                "--index", "main,alicloud", "--token", "B", "--query-auth", "true", "--default-index", "x"});
        try (HecEmulator hec = b.build().start()) {
            HecToken a = hec.token("A");
            assertTrue(a.ack());
            assertEquals("main", a.defaultIndex());
            assertTrue(a.allows("alicloud"));
            assertFalse(a.allows("other"));
            HecToken t = hec.token("B");
            assertFalse(t.ack());
            assertTrue(t.queryStringAuth());
            assertEquals("x", t.defaultIndex());
            assertTrue(hec.port() > 0);
            assertEquals("http://127.0.0.1:" + hec.port(), hec.url());
            assertEquals(200, new Http(hec.url()).get("/services/collector/health").status());
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port", "1"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--ack", "true", "--token", "x"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--token", "x", "--ack", "yes"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--bogus"}));
        assertNull(Main.parse(new String[] {"--help"}));
    }
}
