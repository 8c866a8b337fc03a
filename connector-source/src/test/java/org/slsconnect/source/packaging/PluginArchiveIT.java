package org.slsconnect.source.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Opens the plugin archive that {@code mvn package} built and checks its layout, manifest and bundled jars. */
class PluginArchiveIT {

    private static final String VERSION = System.getProperty("plugin.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("plugin.archive"));
    private static final Path DIR = Path.of(System.getProperty("plugin.dir"));
    /** Confluent Hub's name: {@code <owner>-<name>-<version>}, for the archive and its one top directory. */
    private static final String TOP = System.getProperty("plugin.top") + "/";
    private static final Path REPO = Path.of(System.getProperty("repo.root"));

    @Test
    void manifestHasTheConfluentHubFields() throws IOException {
        try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
            ZipEntry entry = zip.getEntry(TOP + "manifest.json");
            assertTrue(entry != null, "no " + TOP + "manifest.json in " + ARCHIVE);
            JsonNode m;
            try (InputStream in = zip.getInputStream(entry)) {
                m = new ObjectMapper().readTree(in);
            }
            assertEquals(VERSION, m.path("version").asText());
            assertEquals("kafka-connect-sls-source", m.path("name").asText());
            for (String field : List.of("title", "description")) {
                assertFalse(m.path(field).asText().isBlank(), field);
            }
            String owner = m.path("owner").path("username").asText();
            assertEquals(owner + "-" + m.path("name").asText() + "-" + VERSION + ".zip", ARCHIVE.getFileName().toString(),
                "Confluent Hub names the archive <owner>-<name>-<version>.zip");
            for (String field : List.of("owner/name", "owner/url", "support/provider_name", "support/summary", "support/url")) {
                assertFalse(m.at("/" + field).asText().isBlank(), field);
            }
            for (String url : List.of("source_url", "documentation_url")) {
                assertTrue(m.path(url).asText().startsWith("https://"), url + " must be absolute: " + m.path(url));
            }
            assertTrue(m.path("release_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"), "release_date " + m.path("release_date"));
            assertFalse(m.path("requirements").path(0).asText().isBlank(), "requirements");
            assertEquals("[\"source\"]", m.path("component_types").toString());
            assertEquals("Apache License 2.0", m.path("license").path(0).path("name").asText());
            assertFalse(m.toString().contains("${"), "unfiltered placeholder in manifest.json: " + m);
        }
    }

    @Test
    void libHoldsTheConnectorAndTheSdkButNotKafkaOrSlf4j() throws IOException {
        List<String> lib = libJars();
        assertTrue(lib.contains("connector-source-" + VERSION + ".jar"), lib.toString());
        for (String jar : List.of("aliyun-log-0.6.151.jar", "lz4-java-1.10.2.jar",
                "zstd-jni-1.5.6-10.jar", "jackson-core-2.21.2.jar")) {
            assertTrue(lib.contains(jar), jar + " missing from lib: " + lib);
        }
        assertTrue(lib.stream().anyMatch(j -> j.startsWith("fastjson-")), lib.toString());
        assertTrue(lib.stream().anyMatch(j -> j.startsWith("httpclient5-")), lib.toString());
        // protobuf-java 2.5.0 (several CVEs) serves only the SDK's write path; the connector pulls without it.
        for (String banned : List.of("kafka-clients", "connect-api", "connect-runtime", "slf4j", "log4j", "protobuf")) {
            assertTrue(lib.stream().noneMatch(j -> j.startsWith(banned)), banned + " must not be bundled: " + lib);
        }
        assertTrue(lib.stream().noneMatch(j -> j.contains("jar-with-dependencies")), lib.toString());
    }

    @Test
    void connectorJarHasTheServiceLoaderManifestAndVersion() throws IOException {
        Path jar = DIR.resolve("lib/connector-source-" + VERSION + ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry services = zip.getEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector");
            assertTrue(services != null, "no ServiceLoader manifest in " + jar);
            try (InputStream in = zip.getInputStream(services)) {
                assertTrue(new String(in.readAllBytes()).contains("org.slsconnect.source.SlsSourceConnector"));
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("sls-connector-version.properties"))) {
                assertTrue(new String(in.readAllBytes()).contains("version=" + VERSION));
            }
        }
    }

    @Test
    void docsAndThePlainDirectoryMatchTheArchive() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> entries.add(e.getName()));
        }
        assertTrue(entries.stream().allMatch(n -> n.startsWith(TOP)), "one top directory: " + entries);
        assertTrue(entries.contains(TOP + "doc/README.md"), entries.toString());
        assertTrue(entries.contains(TOP + "doc/docs/configuration.md"), entries.toString());
        List<String> dirFiles;
        try (Stream<Path> walk = Files.walk(DIR)) {
            dirFiles = walk.filter(Files::isRegularFile)
                .map(p -> TOP + DIR.relativize(p).toString().replace('\\', '/'))
                .sorted().collect(Collectors.toList());
        }
        assertEquals(entries.stream().sorted().collect(Collectors.toList()), dirFiles);
    }

    @Test
    void everyBundledJarHasALicenceShippedWithIt() throws IOException {
        Map<String, String> entries = textEntries();
        String table = entries.get(TOP + "doc/licenses/THIRD-PARTY.md");
        assertTrue(table != null, "no doc/licenses/THIRD-PARTY.md");
        for (String name : List.of("doc/LICENSE", "doc/NOTICE", "doc/CHANGELOG.md", "doc/SECURITY.md")) {
            assertTrue(entries.containsKey(TOP + name), name + " missing");
        }
        assertTrue(entries.get(TOP + "doc/LICENSE").contains("Apache License") && entries.get(TOP + "doc/LICENSE").contains("Version 2.0"));
        for (String jar : libJars()) {
            if (jar.equals("connector-source-" + VERSION + ".jar")) continue;
            String row = table.lines().filter(l -> l.startsWith("| `" + jar + "`")).findFirst().orElse(null);
            assertTrue(row != null, jar + " is bundled but has no row in licenses/THIRD-PARTY.md");
            Matcher link = Pattern.compile("\\]\\(([^)]+)\\)").matcher(row);
            assertTrue(link.find(), "no licence text linked for " + jar);
            do {
                assertTrue(entries.containsKey(TOP + "doc/licenses/" + link.group(1)), jar + ": " + link.group(1) + " not shipped");
            } while (link.find());
        }
    }

    @Test
    void everyRelativeLinkOfTheShippedDocsResolvesInsideTheArchive() throws IOException {
        Map<String, String> entries = textEntries();
        Pattern mdLink = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!e.getKey().endsWith(".md")) continue;
            Path dir = Path.of(e.getKey()).getParent();
            Matcher m = mdLink.matcher(e.getValue());
            while (m.find()) {
                String target = m.group(1).replaceAll("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) continue;
                checked++;
                String resolved = dir.resolve(target).normalize().toString().replace('\\', '/');
                boolean isDir = entries.keySet().stream().anyMatch(n -> n.startsWith(resolved + "/"));
                if (!entries.containsKey(resolved) && !isDir) broken.add(e.getKey() + " -> " + m.group(1));
            }
        }
        assertTrue(checked > 20, "links checked: " + checked);
        assertEquals(List.of(), broken, "links in doc/ that do not resolve inside the archive");
    }

    @Test
    void etcHoldsTheSampleConfigsAndChecksumsMatch() throws Exception {
        Map<String, String> entries = textEntries();
        for (String f : List.of("sls-source.json", "splunk-sink.json")) {
            assertEquals(Files.readString(REPO.resolve("connector-config/" + f)), entries.get(TOP + "etc/" + f), "etc/" + f);
        }
        byte[] zip = Files.readAllBytes(ARCHIVE);
        for (String alg : List.of("SHA-256", "SHA-512")) {
            Path sum = ARCHIVE.resolveSibling(ARCHIVE.getFileName() + "." + alg.toLowerCase().replace("-", ""));
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(zip));
            assertEquals(hex + "  " + ARCHIVE.getFileName(), Files.readString(sum).trim(), sum.toString());
        }
    }

    @Test
    void sbomListsExactlyTheBundledJars() throws IOException {
        Map<String, String> entries = textEntries();
        JsonNode bom = new ObjectMapper().readTree(entries.get(TOP + "doc/sbom.cyclonedx.json"));
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        List<String> inBom = new ArrayList<>();
        // The plugin lists slf4j-api as the SDK's dependency although the worker provides it (not in lib/).
        bom.path("components").forEach(c -> {
            if (!c.path("group").asText().equals("org.slf4j")) inBom.add(c.path("name").asText() + "-" + c.path("version").asText() + ".jar");
        });
        List<String> bundled = new ArrayList<>(libJars());
        bundled.remove("connector-source-" + VERSION + ".jar");
        assertEquals(bundled.stream().sorted().collect(Collectors.toList()), inBom.stream().sorted().collect(Collectors.toList()));
        assertEquals(VERSION, bom.path("metadata").path("component").path("version").asText());
    }

    /** Every file of the archive that is not a jar, by its entry name, as UTF-8 text. */
    private static Map<String, String> textEntries() throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
            for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory() && !e.getName().endsWith(".jar")).toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    texts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    private static List<String> libJars() throws IOException {
        List<String> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ARCHIVE.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith(TOP + "lib/") && n.endsWith(".jar"))
                .forEach(n -> jars.add(n.substring((TOP + "lib/").length())));
        }
        return jars;
    }
}
