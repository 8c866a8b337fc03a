package org.slsconnect.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slsconnect.it.KafkaTopics.Rec;

/**
 * What a reliability scenario delivered: the ids written compared with the ids read back. Each scenario reports one
 * line (printed, and appended to {@code target/reliability-results.tsv}, the source of docs/reliability.md).
 */
record Delivery(String scenario, int written, int read, Set<String> missing, int duplicates) {

    static final Path RESULTS = Path.of("target", "reliability-results.tsv");

    static Delivery of(String scenario, Collection<String> written, List<Rec> read) {
        return new Delivery(scenario, written.size(), read.size(), KafkaTopics.missing(written, read),
            KafkaTopics.duplicates(read));
    }

    /** Prints and records the outcome; {@code seconds} is how long the scenario ran. */
    Delivery report(double seconds) {
        String line = String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%.1f", scenario, written, missing.size(), duplicates,
            seconds);
        System.out.println("reliability (scenario, written, missing, duplicates, seconds): " + line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + RESULTS, e);
        }
        return this;
    }

    String summary() {
        return scenario + ": written=" + written + " read=" + read + " missing=" + missing.size() + " duplicates="
            + duplicates + (missing.isEmpty() ? "" : " first missing=" + missing.stream().sorted().limit(5).toList());
    }
}
