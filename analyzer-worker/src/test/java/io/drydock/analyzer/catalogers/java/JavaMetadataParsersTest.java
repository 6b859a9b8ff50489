package io.drydock.analyzer.catalogers.java;

import static io.drydock.analyzer.TestZip.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaMetadataParsersTest {

    @Test
    void manifestJoinsContinuationLinesAndKeepsNamedSections() {
        JarManifest manifest = JarManifest.parse("""
                Manifest-Version: 1.0\r
                Bundle-SymbolicName: org.example.very.long.symbolic.name.that.the.writer.had.t\r
                 o.wrap;singleton:=true\r
                Main-Class: org.example.Main\r
                \r
                Name: org/example/\r
                Implementation-Version: 1.2.3\r
                \r
                """);

        assertThat(manifest.mainValue("Bundle-SymbolicName"))
                .contains("org.example.very.long.symbolic.name.that.the.writer.had.to.wrap;singleton:=true");
        assertThat(manifest.mainValue("Implementation-Version")).isEmpty();
        assertThat(manifest.value("Implementation-Version")).contains("1.2.3");
        assertThat(manifest.sections()).singleElement().satisfies(section -> assertThat(section)
                .containsEntry("Name", "org/example/"));
        assertThat(GroupIds.fromManifest(manifest))
                .contains("org.example.very.long.symbolic.name.that.the.writer.had.to.wrap");
    }

    @Test
    void manifestIgnoresLinesThatAreNotAttributes() {
        JarManifest manifest = JarManifest.parse(" orphan continuation\nnot an attribute\nImplementation-Title: x\n");

        assertThat(manifest.main()).containsExactly(Map.entry("Implementation-Title", "x"));
    }

    @Test
    void groupIdFromAMainClassIsItsPackage() {
        JarManifest manifest = JarManifest.parse("Main-Class: io.example.tool.Launcher\nImplementation-Vendor: ACME\n");

        assertThat(GroupIds.fromManifest(manifest)).contains("io.example.tool");
        assertThat(GroupIds.fromManifest(JarManifest.parse("Implementation-Vendor: ACME Corp\n"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "commons-lang3-3.12.0.jar | commons-lang3 | 3.12.0",
            "guava-31.1-jre.jar | guava | 31.1-jre",
            "spring-core-5.3.20.RELEASE.jar | spring-core | 5.3.20.RELEASE",
            "app-1.0-SNAPSHOT.war | app | 1.0-SNAPSHOT",
            "my-http2-server-5.jar | my-http2-server | 5",
            "jetpack-build235-rc5.jar | jetpack | build235-rc5",
            "ironman-r4-2009.jar | ironman | r4-2009",
            "org.eclipse.osgi_3.18.0.v20220516.jar | org.eclipse.osgi | 3.18.0.v20220516",
            "javax.inject.jar | javax.inject | ''",
            "git.hpi | git | ''",
    })
    void fileNameGivesNameAndVersion(String file, String name, String version) {
        assertThat(ArchiveFileName.of("/x/" + file)).extracting(ArchiveFileName::name, ArchiveFileName::version)
                .containsExactly(name, version);
    }

    @Test
    void pomXmlInheritsFromItsParentAndResolvesItsOwnProperties() {
        Optional<PomXml> pom = PomXml.parse("""
                <project>
                  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>3.1</version></parent>
                  <artifactId>${base}-core</artifactId>
                  <version>${project.parent.version}.${patch}</version>
                  <properties><base>widgets</base><patch>7</patch></properties>
                  <dependencies><dependency><groupId>other</groupId><version>9</version></dependency></dependencies>
                </project>
                """);

        assertThat(pom).contains(new PomXml("org.example", "widgets-core", "3.1.7"));
    }

    @Test
    void pomXmlWithAnUnresolvableVersionNamesNoPackage() {
        assertThat(PomXml.parse("<project><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>${revision}</version></project>")).isEmpty();
        assertThat(PomXml.parse("<project><artifactId>a</artifactId><version>${a}</version>"
                + "<properties><a>${b}</b><b>${a}</b></properties></project>")).isEmpty();
        assertThat(PomXml.parse("not xml")).isEmpty();
    }

    @Test
    void pomXmlNeverExpandsExternalOrInternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE project [
                  <!ENTITY secret SYSTEM "file:///etc/hostname">
                  <!ENTITY lol "lol">
                  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                ]>
                <project><groupId>g</groupId><artifactId>a&secret;</artifactId><version>1&lol2;</version></project>
                """;

        Optional<PomXml> pom = PomXml.parse(xxe);

        // The DTD is skipped, and entity references are left out of the text rather than expanded.
        assertThat(pom).contains(new PomXml("g", "a", "1"));
    }

    @Test
    void pomXmlNestedTooDeepIsRejected() {
        String deep = "<project>" + "<a>".repeat(PomXml.MAX_DEPTH) + "</a>".repeat(PomXml.MAX_DEPTH)
                + "<artifactId>a</artifactId><version>1</version></project>";

        assertThat(PomXml.parse(deep)).isEmpty();
    }

    @Test
    void pomPropertiesNeedsAnArtifactIdAndAVersion() {
        assertThat(PomProperties.parse("#Generated by Maven\ngroupId=g\nartifactId=a\nversion=1.0\n"))
                .contains(new PomProperties("g", "a", "1.0"));
        assertThat(PomProperties.parse("groupId=g\nartifactId=a\n")).isEmpty();
    }

    @Test
    void cpesAreBoundedAndQuoteSpecialCharacters() {
        assertThat(JavaCpes.candidates("org.jenkins-ci.plugins", "git-client", null, "4.0+build:1"))
                .first().isEqualTo("cpe:2.3:a:jenkins-ci:git-client:4.0\\+build\\:1:*:*:*:*:*:*:*");
        assertThat(JavaCpes.candidates("com.a.b.c.d.e.f.g.h", "b-c-d-e-f-g-h", "Some Vendor", "1"))
                .hasSize(JavaCpes.MAX_CPES);
        assertThat(JavaCpes.candidates("org.example", "x", null, null)).isEmpty();
    }

    @Test
    void zipDirectoryCheckRefusesMoreEntriesThanTheLimit() throws IOException {
        byte[] six = zip().entry("a", "1").entry("b", "2").entry("c", "3").entry("d", "4").entry("e", "5")
                .entry("f", "6").bytes();

        try (SeekableByteChannel channel = ScannedFile.inMemory("/x.jar", six).channel()) {
            assertThat(ZipDirectory.check(channel, 6, 1 << 20)).isEqualTo(6);
            assertThatThrownBy(() -> ZipDirectory.check(channel, 5, 1 << 20))
                    .isInstanceOf(InvalidArchiveException.class)
                    .hasMessage("declares 6 entries, more than 5 (limit)");
            assertThatThrownBy(() -> ZipDirectory.check(channel, 6, 100))
                    .isInstanceOf(InvalidArchiveException.class)
                    .hasMessageMatching("has a central directory of \\d+ bytes, more than 100 \\(limit\\)");
        }
    }

    @Test
    void zipDirectoryCheckReadsZip64Records() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip64 = new ZipArchiveOutputStream(out)) {
            zip64.setUseZip64(Zip64Mode.Always);
            for (String name : List.of("a", "b", "c")) {
                zip64.putArchiveEntry(new ZipArchiveEntry(name));
                zip64.write(name.getBytes(StandardCharsets.UTF_8));
                zip64.closeArchiveEntry();
            }
        }
        byte[] bytes = out.toByteArray();
        // commons-compress writes the real values into the classic record too; a zip64 writer may leave 0xFFFF... there
        // (APPNOTE 4.4.1.4), so that only the zip64 record tells them.
        Arrays.fill(bytes, bytes.length - 22 + 8, bytes.length - 22 + 20, (byte) 0xff);

        try (SeekableByteChannel channel = ScannedFile.inMemory("/x.jar", bytes).channel()) {
            assertThat(ZipDirectory.check(channel, 3, 1 << 20)).isEqualTo(3);
            assertThatThrownBy(() -> ZipDirectory.check(channel, 2, 1 << 20))
                    .hasMessage("declares 3 entries, more than 2 (limit)");
        }
    }

    @Test
    void zipDirectoryCheckCountsHeadersNotTheDeclaredNumber() throws IOException {
        byte[] six = zip().entry("a", "1").entry("b", "2").entry("c", "3").entry("d", "4").entry("e", "5")
                .entry("f", "6").bytes();
        // End of central directory record: total entries at offset 10 (APPNOTE 4.3.16); claim 2.
        int eocd = six.length - 22;
        six[eocd + 8] = 2;
        six[eocd + 10] = 2;

        try (SeekableByteChannel channel = ScannedFile.inMemory("/x.jar", six).channel()) {
            assertThatThrownBy(() -> ZipDirectory.check(channel, 5, 1 << 20))
                    .isInstanceOf(InvalidArchiveException.class)
                    .hasMessage("has more than 5 entries (limit)");
        }
    }
}
