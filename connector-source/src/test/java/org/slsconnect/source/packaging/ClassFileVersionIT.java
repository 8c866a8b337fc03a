package org.slsconnect.source.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The plugin must load on Connect workers running Java 11 (Kafka 3.x workers still do): every class in the built
 * plugin directory is checked, ours for exactly Java 11 bytecode (major 55), the bundled libraries for 55 or older
 * (classes under {@code META-INF/versions/<n>/} of multi-release jars are only loaded on Java n and are skipped).
 */
class ClassFileVersionIT {

    private static final int JAVA_11 = 55;
    private static final Path LIB = Path.of(System.getProperty("plugin.dir")).resolve("lib");

    @Test
    void everyClassOfOursIsJava11Bytecode() throws IOException {
        int ours = 0;
        List<String> wrong = new ArrayList<>();
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : classes(zip)) {
                    if (!e.getName().startsWith("org/slsconnect/")) continue;
                    ours++;
                    int major = majorVersion(zip, e);
                    if (major != JAVA_11) wrong.add(jar.getFileName() + "!" + e.getName() + " major " + major);
                }
            }
        }
        assertTrue(ours > 50, "expected the connector's classes in " + LIB + ", found " + ours);
        assertEquals(List.of(), wrong, "classes of ours that are not Java 11 bytecode (major 55)");
    }

    @Test
    void bundledLibrariesLoadOnJava11() throws IOException {
        List<String> tooNew = new ArrayList<>();
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : classes(zip)) {
                    if (e.getName().startsWith("META-INF/versions/")) continue;
                    int major = majorVersion(zip, e);
                    if (major > JAVA_11) {
                        tooNew.add(jar.getFileName() + "!" + e.getName() + " major " + major);
                        break;   // one example per jar is enough
                    }
                }
            }
        }
        assertEquals(List.of(), tooNew, "bundled classes a Java 11 worker cannot load");
    }

    private static List<Path> jars() throws IOException {
        try (Stream<Path> files = Files.list(LIB)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(!jars.isEmpty(), "no jars in " + LIB + "; run mvn package first");
            return jars;
        }
    }

    private static List<ZipEntry> classes(ZipFile zip) {
        List<ZipEntry> out = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) out.add(e);
        }
        return out;
    }

    /** Class file header: magic (4 bytes), minor (2), major (2). */
    private static int majorVersion(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e); DataInputStream data = new DataInputStream(in)) {
            int magic = data.readInt();
            assertEquals(0xCAFEBABE, magic, e.getName() + " is not a class file");
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
