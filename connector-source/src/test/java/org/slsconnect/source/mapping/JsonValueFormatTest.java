package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;

/** The per-thread generator is reused across values: each value stands alone, also after one was cut short. */
class JsonValueFormatTest {

    /** Writes {"n":<n>}, or throws half-way when told to. */
    private static final class Numbered extends JsonValueFormat {
        int n;
        boolean failHalfWay;

        Numbered(boolean bytes) { super(null, bytes); }

        @Override
        void write(JsonGenerator gen, LogContext c) throws IOException {
            gen.writeStartObject();
            gen.writeFieldName("n");
            if (failHalfWay) throw new IllegalStateException("cut short");
            gen.writeNumber(n);
            gen.writeEndObject();
        }
    }

    @Test
    void consecutiveValuesOnOneThreadAreSeparateDocumentsWithNothingBetween() {
        LogContext c = new LogContext();
        Numbered f = new Numbered(false);
        for (int i = 0; i < 3; i++) {
            f.n = i;
            assertEquals("{\"n\":" + i + "}", f.value(c));
            assertEquals(("{\"n\":" + i + "}").length(), c.valueBytes);
        }
    }

    @Test
    void aValueCutShortByAnExceptionDoesNotLeakIntoTheNext() {
        LogContext c = new LogContext();
        Numbered f = new Numbered(true);
        f.n = 1;
        assertEquals("{\"n\":1}", new String((byte[]) f.value(c), StandardCharsets.UTF_8));
        f.failHalfWay = true;
        assertThrows(IllegalStateException.class, () -> f.value(c));
        f.failHalfWay = false;
        f.n = 2;
        assertEquals("{\"n\":2}", new String((byte[]) f.value(c), StandardCharsets.UTF_8));
    }
}
