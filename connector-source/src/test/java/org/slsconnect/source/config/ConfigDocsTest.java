package org.slsconnect.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md equal to what the ConfigDef says. */
class ConfigDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void configurationReferenceIsUpToDate() throws IOException {
        String expected = ConfigDocs.markdown();
        if (Boolean.getBoolean("docs.update")) Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/configuration.md is out of date: run "
            + "mvn -pl connector-source test -Ddocs.update=true");
    }
}
