package io.drydock.analyzer.catalogers.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.catalogers.TestCatalogContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against the real programs of this machine (Debian packages openssl, python3.11, nodejs and the JDKs under
 * /usr/lib/jvm) and Debian's busybox-static, fetched at test time: the version each reports of itself is what the
 * cataloger must find in its bytes.
 */
class BinaryCatalogerTest {

    private final BinaryCataloger cataloger = new BinaryCataloger();
    @RegisterExtension
    final TestCatalogContext catalog = new TestCatalogContext();

    @Test
    void findsTheVersionOfTheOpensslToolAndLibrary() throws Exception {
        Path tool = installed("/usr/bin/openssl", "openssl");
        // "OpenSSL 3.0.19 27 Jan 2026 (Library: OpenSSL 3.0.19 27 Jan 2026)"
        Matcher reported = Pattern.compile("^OpenSSL (\\S+) .*\\(Library: OpenSSL (\\S+) ")
                .matcher(BinaryFixtures.run(null, "openssl", "version"));
        assertThat(reported.find()).isTrue();

        assertThat(catalog("/usr/bin/openssl", tool)).singleElement().satisfies(openssl -> {
            assertThat(openssl.type()).isEqualTo("binary");
            assertThat(openssl.name()).isEqualTo("openssl");
            assertThat(openssl.version()).isEqualTo(reported.group(1));
            assertThat(openssl.purl()).isEqualTo("pkg:generic/openssl@" + reported.group(1));
            assertThat(openssl.cpes())
                    .containsExactly("cpe:2.3:a:openssl:openssl:" + reported.group(1) + ":*:*:*:*:*:*:*");
            assertThat(openssl.location()).isEqualTo("/usr/bin/openssl");
        });
        Path libcrypto = library("libcrypto.so.3");
        assertThat(catalog("/usr/lib/x86_64-linux-gnu/libcrypto.so.3", libcrypto))
                .extracting(PackageRecord::name, PackageRecord::version)
                .containsExactly(tuple("openssl", reported.group(2)));
    }

    /** OpenSSL 3's libssl has only symbol versions (OPENSSL_3.0.0), not the release: nothing rather than a guess. */
    @Test
    void libsslOfOpenssl3YieldsNothing() throws Exception {
        Path libssl = library("libssl.so.3");

        assertThat(cataloger.wants("usr/lib/x86_64-linux-gnu/libssl.so.3", Files.size(libssl), head(libssl)))
                .isTrue();
        assertThat(catalog("/usr/lib/x86_64-linux-gnu/libssl.so.3", libssl)).isEmpty();
    }

    @Test
    void findsTheVersionOfNode() throws Exception {
        String reported = BinaryFixtures.run(null, "node", "--version").strip(); // "v20.20.2"
        assumeTrue(reported.startsWith("v"), "node --version printed " + reported);
        // Node.js from nodejs.org is one static binary; Debian's node links libnode.so, which holds the version.
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/node").toRealPath());
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            libs.filter(p -> p.getFileName().toString().matches("libnode\\.so\\.\\d+")).forEach(candidates::add);
        }
        List<PackageRecord> found = new ArrayList<>();
        for (Path candidate : candidates) {
            String name = candidate.getFileName().toString();
            if (cataloger.wants("usr/lib/" + name, Files.size(candidate), head(candidate))) {
                found.addAll(catalog("/usr/lib/" + name, candidate));
            }
        }

        assertThat(found).isNotEmpty().allSatisfy(node -> {
            assertThat(node.name()).isEqualTo("node");
            assertThat(node.version()).isEqualTo(reported.substring(1));
            assertThat(node.cpes()).containsExactly("cpe:2.3:a:nodejs:node.js:" + reported.substring(1)
                    + ":*:*:*:*:*:*:*");
        });
    }

    /** The Debian interpreter, not whatever python3 is first on PATH (a pyenv shim on developer machines). */
    @Test
    void findsTheVersionOfPythonAndLibpython() throws Exception {
        Path python = installed("/usr/bin/python3.11", "python3.11");
        String reported = BinaryFixtures.run(null, python.toString(), "--version").strip()
                .substring("Python ".length()); // "Python 3.11.2"

        assertThat(catalog("/usr/bin/python3.11", python)).singleElement().satisfies(pkg -> {
            assertThat(pkg.name()).isEqualTo("python");
            assertThat(pkg.version()).isEqualTo(reported);
            assertThat(pkg.purl()).isEqualTo("pkg:generic/python@" + reported);
            assertThat(pkg.cpes()).containsExactly("cpe:2.3:a:python:python:" + reported + ":*:*:*:*:*:*:*");
        });
        Path libpython = Path.of("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0");
        if (Files.isRegularFile(libpython)) {
            assertThat(catalog("/usr/lib/libpython3.11.so.1.0", libpython)).extracting(PackageRecord::version)
                    .containsExactly(reported);
        }
    }

    @Test
    void findsTheVersionOfEveryJavaRuntimeInstalled() throws Exception {
        List<Path> runtimes;
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            runtimes = jvms.filter(p -> !Files.isSymbolicLink(p) && Files.isRegularFile(p.resolve("release"))
                    && Files.isExecutable(p.resolve("bin/java"))).toList();
        }
        assumeTrue(!runtimes.isEmpty(), "no Java runtime with a release file under /usr/lib/jvm");
        for (Path runtime : runtimes) {
            Path release = runtime.resolve("release");
            Matcher reported = Pattern.compile("java\\.version = (\\S+)").matcher(BinaryFixtures.run(null,
                    runtime.resolve("bin/java").toString(), "-XshowSettings:properties", "-version"));
            assertThat(reported.find()).isTrue();
            String path = "usr/lib/jvm/" + runtime.getFileName() + "/release";

            assertThat(cataloger.wants(path, Files.size(release), head(release))).as(path).isTrue();
            assertThat(catalog("/" + path, release)).as(path).singleElement().satisfies(java -> {
                assertThat(java.name()).isEqualTo("java");
                assertThat(java.version()).isEqualTo(reported.group(1));
                assertThat(java.purl()).isEqualTo("pkg:generic/java@" + reported.group(1));
                assertThat(java.cpes()).first().isEqualTo("cpe:2.3:a:oracle:openjdk:" + reported.group(1)
                        + ":*:*:*:*:*:*:*");
                assertThat(java.metadata()).containsKey("implementor");
            });
        }
    }

    @Test
    void findsTheVersionOfBusyboxFromDebian() throws Exception {
        BinaryFixtures.DebPackage busybox = BinaryFixtures.debPackage("busybox-static");
        // "1:1.35.0-4+deb12u1+b1": the upstream version lies between the epoch and the Debian revision.
        String upstream = busybox.version().replaceFirst("^\\d+:", "").replaceFirst("-[^-]*$", "");
        Path binary = busybox.root().resolve("bin/busybox");

        assertThat(cataloger.wants("bin/busybox", Files.size(binary), head(binary))).isTrue();
        assertThat(catalog("/bin/busybox", binary)).singleElement().satisfies(pkg -> {
            assertThat(pkg.name()).isEqualTo("busybox");
            assertThat(pkg.version()).isEqualTo(upstream);
            assertThat(pkg.purl()).isEqualTo("pkg:generic/busybox@" + upstream);
            assertThat(pkg.cpes()).containsExactly("cpe:2.3:a:busybox:busybox:" + upstream + ":*:*:*:*:*:*:*");
        });
    }

    @Test
    void wantsOnlyElfFilesWithAKnownNameAndJavaReleaseFiles() {
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".text", new byte[64]).build();
        byte[] elfHead = Arrays.copyOf(elf, Math.min(elf.length, FileCataloger.HEAD_BYTES));
        byte[] script = "#!/bin/sh\nexec python3.11 \"$@\"\n".repeat(4).getBytes(StandardCharsets.UTF_8);

        assertThat(cataloger.wants("usr/local/bin/python3.12", elf.length, elfHead)).isTrue();
        assertThat(cataloger.wants("usr/local/lib/libpython3.12.so.1.0", elf.length, elfHead)).isTrue();
        assertThat(cataloger.wants("usr/lib/libcrypto.so.1.1", elf.length, elfHead)).isTrue();
        assertThat(cataloger.wants("usr/local/bin/nodejs", elf.length, elfHead)).isTrue();
        assertThat(cataloger.wants("usr/local/bin/python3.11-config", script.length, script)).isFalse();
        assertThat(cataloger.wants("usr/local/bin/python3.11", script.length, script)).isFalse();
        assertThat(cataloger.wants("usr/bin/ls", elf.length, elfHead)).isFalse();
        byte[] release = "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n".getBytes(StandardCharsets.UTF_8);
        assertThat(cataloger.wants("opt/java/openjdk/release", release.length, release)).isTrue();
        byte[] other = "VERSION=\"1.0\"\n".getBytes(StandardCharsets.UTF_8);
        assertThat(cataloger.wants("opt/app/release", other.length, other)).isFalse();
    }

    @Test
    void javaReleaseFileOfAJreFromItsModules() throws Exception {
        byte[] release = """
                IMPLEMENTOR="Eclipse Adoptium"
                JAVA_VERSION="21.0.5"
                JAVA_RUNTIME_VERSION="21.0.5+11-LTS"
                MODULES="java.base java.logging jdk.unsupported"
                """.getBytes(StandardCharsets.UTF_8);

        assertThat(cataloger.catalog(ScannedFile.inMemory("/opt/java/openjdk/release", release), catalog.context()))
                .singleElement().satisfies(java -> {
                    assertThat(java.version()).isEqualTo("21.0.5");
                    assertThat(java.cpes()).containsExactly("cpe:2.3:a:oracle:openjdk:21.0.5:*:*:*:*:*:*:*",
                            "cpe:2.3:a:oracle:jre:21.0.5:*:*:*:*:*:*:*");
                    assertThat(java.metadata()).containsEntry("kind", "jre")
                            .containsEntry("java_runtime_version", "21.0.5+11-LTS");
                });
    }

    @Test
    void javaReleaseFileWithAnInvalidVersionIsAnError() {
        byte[] release = "JAVA_VERSION=\"$(rm -rf /)\"\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/opt/jdk/release", release),
                catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("JAVA_VERSION");
    }

    @Test
    void scannerFindsAVersionStraddlingTwoReads() throws Exception {
        byte[] content = new byte[3 * VersionScanner.CHUNK_BYTES];
        byte[] banner = "BusyBox v1.36.1 (2024-01-01)".getBytes(StandardCharsets.ISO_8859_1);
        int at = VersionScanner.CHUNK_BYTES - 7;
        System.arraycopy(banner, 0, content, at, banner.length);

        Optional<String> found = VersionScanner.find(new ByteArrayInputStream(content),
                Pattern.compile("BusyBox v(\\d+\\.\\d+\\.\\d+)"), Long.MAX_VALUE);

        assertThat(found).contains("1.36.1");
    }

    @Test
    void scannerStopsAtItsLimit() throws Exception {
        byte[] content = new byte[2 * VersionScanner.CHUNK_BYTES];
        byte[] banner = "BusyBox v1.36.1".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(banner, 0, content, VersionScanner.CHUNK_BYTES + 100, banner.length);
        Pattern pattern = Pattern.compile("BusyBox v(\\d+\\.\\d+\\.\\d+)");

        assertThat(VersionScanner.find(new ByteArrayInputStream(content), pattern, VersionScanner.CHUNK_BYTES))
                .isEmpty();
        assertThat(VersionScanner.find(new ByteArrayInputStream(content), pattern, content.length))
                .contains("1.36.1");
    }

    private List<PackageRecord> catalog(String path, Path file) throws IOException {
        return cataloger.catalog(ScannedFile.onDisk(path, file, Files.size(file)), catalog.context());
    }

    private static Path installed(String file, String debianPackage) {
        Path path = Path.of(file);
        assumeTrue(Files.isRegularFile(path), file + " is missing: install the Debian package " + debianPackage
                + " (./drydock test installs TEST_PACKAGES)");
        return path;
    }

    private static Path library(String name) throws IOException {
        Path path = Path.of("/usr/lib/x86_64-linux-gnu", name);
        assumeTrue(Files.isRegularFile(path), path + " is missing: install the Debian package libssl3");
        return path.toRealPath();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FileCataloger.HEAD_BYTES);
        }
    }
}
