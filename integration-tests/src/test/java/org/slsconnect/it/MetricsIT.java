package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.SlsEmulator;
import org.slsconnect.testsupport.Http;
import org.slsconnect.testsupport.Ports;

/**
 * A worker JVM (the packaged plugin on {@code plugin.path}) started with the Prometheus JMX exporter agent and
 * monitoring/prometheus/jmx-exporter.yml, as docs/metrics.md tells operators to: its /metrics endpoint must expose
 * every attribute docs/metrics.md documents for every shard, and nothing undocumented; the Grafana dashboard and the
 * alert rules may only use metric names that exist; while SLS is unreachable the time since the last successful pull
 * keeps growing.
 */
class MetricsIT {

    private static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void prometheusExporterScrapesEveryDocumentedMetricOfARunningWorker() throws Exception {
        Set<String> shardAttributes = documented("Per shard");
        Set<String> taskAttributes = documented("Per task");
        assertTrue(shardAttributes.contains("sls-ms-since-last-pull"), shardAttributes.toString());
        Set<String> expected = new TreeSet<>();
        Stream.concat(shardAttributes.stream(), taskAttributes.stream()).forEach(a -> expected.add(a.replace('-', '_')));

        String ls = "metrics_it";
        int port = Ports.free();
        try (SlsEmulator sls = SlsEmulator.builder().port(0)
                 .accessKey(ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET).build().start()) {
            sls.createProject(ConnectHarness.PROJECT);
            sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
            int written = TestLogs.write(sls, ConnectHarness.PROJECT, ls, 0, 5, 10, "m").size()
                + TestLogs.write(sls, ConnectHarness.PROJECT, ls, 1, 5, 10, "m").size();
            EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new java.util.Properties());
            kafka.start();
            try (ConnectWorkerProcess worker = new ConnectWorkerProcess(ls, kafka.bootstrapServers(), ls, Map.of(),
                     Files.createDirectories(Path.of("target", "metrics-worker")))) {
                worker.jvmArgs("-javaagent:" + agentJar() + "=127.0.0.1:" + port + ":"
                    + REPO.resolve("monitoring/prometheus/jmx-exporter.yml")).start();
                worker.putConnector(ls, ConnectHarness.sourceConfig(sls, ls, ls, 1));

                // Wait until both shards' logs were read, as the exporter reports them.
                String[] scrape = new String[1];
                ConnectHarness.await(() -> {
                    scrape[0] = scrape(port);
                    return scrape[0] != null && sum(scrape[0], "sls_records_total") >= written;
                }, WAIT, written + " logs counted in sls_records_total");
                String text = scrape[0];
                Files.writeString(Path.of("target", "metrics-worker", "scrape.txt"), text);   // for a failure's diagnosis

                Set<String> exposed = new TreeSet<>();
                Matcher m = Pattern.compile("(?m)^(sls_[a-z_]+)\\{").matcher(text);
                while (m.find()) exposed.add(m.group(1));
                assertEquals(expected, exposed, "docs/metrics.md vs what the worker exposes through the exporter");
                for (String a : shardAttributes) {
                    String name = a.replace('-', '_');
                    for (int shard = 0; shard < 2; shard++) {
                        assertTrue(text.contains(name + "{connector=\"" + ls + "\",logstore=\"" + ls + "\",shard=\"" + shard
                            + "\",task=\"0\"}"), name + " of shard " + shard + " in\n" + text);
                    }
                }
                assertEquals(written, sum(text, "sls_records_total"));
                assertTrue(text.contains("kafka_connect_connector_task_status{connector=\"" + ls + "\",status=\"running\",task=\"0\"} 1.0"),
                    "task status series for the alert rule:\n" + text);

                // The dashboard and the alerts only use names the exporter produces.
                for (String file : List.of("monitoring/grafana/sls-connector-dashboard.json", "monitoring/prometheus/alerts.yml")) {
                    Matcher used = Pattern.compile("\\b(sls_[a-z_]+|kafka_connect_connector_task_status|kafka_consumer_records_lag_max)\\b")
                        .matcher(Files.readString(REPO.resolve(file)));
                    Set<String> names = new TreeSet<>();
                    while (used.find()) names.add(used.group(1));
                    assertTrue(names.size() >= 5, file + ": " + names);
                    for (String n : names) {
                        assertTrue(exposed.contains(n) || n.startsWith("kafka_"), file + " uses " + n + ", which is not exposed");
                    }
                }

                // SLS unreachable: the time since the last successful pull keeps growing, and retries show why.
                sls.faults().unreachable(true);
                ConnectHarness.await(() -> {
                    String t = scrape(port);
                    return t != null && values(t, "sls_ms_since_last_pull").min().orElse(0) > 3000 && sum(t, "sls_retries_total") > 0;
                }, WAIT, "sls_ms_since_last_pull above 3 s on every shard while SLS is unreachable");
                double during = values(scrape(port), "sls_ms_since_last_pull").min().orElseThrow();
                ConnectHarness.await(() -> {
                    String t = scrape(port);
                    return t != null && values(t, "sls_ms_since_last_pull").min().orElse(0) > during + 1000;
                }, WAIT, "sls_ms_since_last_pull still growing");
                sls.faults().unreachable(false);
                ConnectHarness.await(() -> {
                    String t = scrape(port);
                    return t != null && values(t, "sls_ms_since_last_pull").max().orElse(Double.MAX_VALUE) < during;
                }, WAIT, "sls_ms_since_last_pull back down once SLS answers again");
            } finally {
                kafka.stop();
            }
        }
    }

    /** The backticked attribute names of the first column of docs/metrics.md's table under "## {@code section}". */
    private static Set<String> documented(String section) throws IOException {
        String doc = Files.readString(REPO.resolve("docs/metrics.md"));
        String part = doc.substring(doc.indexOf("## " + section));
        part = part.substring(0, part.indexOf("\n## ", 3) < 0 ? part.length() : part.indexOf("\n## ", 3));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(sls-[a-z-]+)` \\|").matcher(part);
        while (m.find()) names.add(m.group(1));
        assertTrue(!names.isEmpty(), "no table under " + section);
        return names;
    }

    private static double sum(String scrape, String metric) {
        return values(scrape, metric).sum();
    }

    /** The values of every series of {@code metric} in a Prometheus text scrape. */
    private static DoubleStream values(String scrape, String metric) {
        return scrape.lines().filter(l -> l.startsWith(metric + "{"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
    }

    private static String scrape(int port) {
        return Http.getOrNull(URI.create("http://127.0.0.1:" + port + "/metrics"), Duration.ofSeconds(10));
    }

    private static String agentJar() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> e.contains("jmx_prometheus_javaagent")).findFirst()
            .orElseThrow(() -> new IllegalStateException("jmx_prometheus_javaagent not on the test class path"));
    }
}
