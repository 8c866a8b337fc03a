package org.slsconnect.source.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    private static final String TOP = "connector-source-" + VERSION + "/";

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
            assertFalse(m.path("owner").path("username").asText().isBlank(), "owner.username");
            assertEquals("[\"source\"]", m.path("component_types").toString());
            assertEquals("Apache License 2.0", m.path("license").path(0).path("name").asText());
            assertFalse(m.toString().contains("${"), "unfiltered placeholder in manifest.json: " + m);
        }
    }

    @Test
    void libHoldsTheConnectorAndTheSdkButNotKafkaOrSlf4j() throws IOException {
        List<String> lib = libJars();
        assertTrue(lib.contains("connector-source-" + VERSION + ".jar"), lib.toString());
        for (String jar : List.of("aliyun-log-0.6.151.jar", "protobuf-java-2.5.0.jar", "lz4-java-1.10.2.jar",
                "zstd-jni-1.5.6-10.jar", "jackson-core-2.21.2.jar")) {
            assertTrue(lib.contains(jar), jar + " missing from lib: " + lib);
        }
        assertTrue(lib.stream().anyMatch(j -> j.startsWith("fastjson-")), lib.toString());
        assertTrue(lib.stream().anyMatch(j -> j.startsWith("httpclient5-")), lib.toString());
        for (String banned : List.of("kafka-clients", "connect-api", "connect-runtime", "slf4j", "log4j")) {
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
        assertTrue(entries.contains(TOP + "doc/configuration.md"), entries.toString());
        List<String> dirFiles;
        try (Stream<Path> walk = Files.walk(DIR)) {
            dirFiles = walk.filter(Files::isRegularFile)
                .map(p -> TOP + DIR.relativize(p).toString().replace('\\', '/'))
                .sorted().collect(Collectors.toList());
        }
        assertEquals(entries.stream().sorted().collect(Collectors.toList()), dirFiles);
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
