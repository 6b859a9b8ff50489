package io.drydock.analyzer.catalogers.java;

import static io.drydock.analyzer.TestZip.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.testkit.MavenCentral;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.layer.TempSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaArchiveCatalogerTest {

    private static final String LOG4J = "org.apache.logging.log4j:log4j-core:2.14.1:jar";
    private static final String LANG3 = "org.apache.commons:commons-lang3:3.12.0:jar";
    /** Shades isorelax and xsdlib, with their pom.properties. */
    private static final String WOODSTOX = "com.fasterxml.woodstox:woodstox-core:6.5.1:jar";
    /** Built by Ant in 2003: a manifest with a named section, no Maven metadata. */
    private static final String ORO = "oro:oro:2.0.8:jar";
    /** A real war: WEB-INF/lib holds jolokia-core, jolokia-jsr160 and json-simple. */
    private static final String JOLOKIA_WAR = "org.jolokia:jolokia-war:1.7.2:war";

    private final JavaArchiveCataloger cataloger = new JavaArchiveCataloger();
    private final Warnings warnings = new Warnings(50);

    @TempDir
    Path temp;

    @Test
    void catalogsLog4jCoreOnceFromItsPomProperties() throws IOException {
        List<PackageRecord> packages = catalog("/app/lib/log4j-core-2.14.1.jar", MavenCentral.bytes(LOG4J));

        assertThat(packages).singleElement().satisfies(log4j -> {
            assertThat(log4j).extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version,
                            PackageRecord::origin, PackageRecord::location, PackageRecord::purl)
                    .containsExactly("java", "log4j-core", "2.14.1", "org.apache.logging.log4j",
                            "/app/lib/log4j-core-2.14.1.jar", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
            assertThat(log4j.metadata()).containsExactly(
                    entry("java-type", "JAVA-JAR"),
                    entry("specification-version", "2.14.1"),
                    entry("implementation-version", "2.14.1"),
                    entry("maven-version", "2.14.1"),
                    entry("pom.groupId", "org.apache.logging.log4j"),
                    entry("pom.artifactId", "log4j-core"),
                    entry("pom.version", "2.14.1"),
                    entry("manifest.Implementation-Title", "Apache Log4j Core"),
                    entry("manifest.Implementation-Vendor", "The Apache Software Foundation"),
                    entry("manifest.Specification-Title", "Apache Log4j Core"),
                    entry("manifest.Specification-Vendor", "The Apache Software Foundation"),
                    entry("manifest.Bundle-SymbolicName", "org.apache.logging.log4j.core"),
                    entry("manifest.Bundle-Version", "2.14.1"),
                    entry("manifest.Bundle-Vendor", "The Apache Software Foundation"),
                    entry("manifest.Automatic-Module-Name", "org.apache.logging.log4j.core"));
            assertThat(log4j.cpes()).startsWith("cpe:2.3:a:apache:log4j-core:2.14.1:*:*:*:*:*:*:*")
                    .contains("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*")
                    .hasSizeLessThanOrEqualTo(JavaCpes.MAX_CPES)
                    .doesNotHaveDuplicates();
        });
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void catalogsCommonsLang3() throws IOException {
        List<PackageRecord> packages = catalog("/opt/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3));

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl,
                        pkg -> pkg.metadata().get("specification-version"))
                .containsExactly(tuple("commons-lang3", "3.12.0", "pkg:maven/org.apache.commons/commons-lang3@3.12.0",
                        "3.12"));
        assertThat(packages.getFirst().cpes()).first()
                .isEqualTo("cpe:2.3:a:apache:commons-lang3:3.12.0:*:*:*:*:*:*:*");
    }

    @Test
    void reportsEveryArtifactShadedIntoAJarAndTheJarItself() throws IOException {
        List<PackageRecord> packages = catalog("/app/woodstox-core-6.5.1.jar", MavenCentral.bytes(WOODSTOX));

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::origin,
                        PackageRecord::location, PackageRecord::purl)
                .containsExactly(
                        tuple("woodstox-core", "6.5.1", "com.fasterxml.woodstox", "/app/woodstox-core-6.5.1.jar",
                                "pkg:maven/com.fasterxml.woodstox/woodstox-core@6.5.1"),
                        tuple("isorelax", "20090621", "com.sun.xml.bind.jaxb", "/app/woodstox-core-6.5.1.jar",
                                "pkg:maven/com.sun.xml.bind.jaxb/isorelax@20090621"),
                        tuple("xsdlib", "2013.6.1", "net.java.dev.msv", "/app/woodstox-core-6.5.1.jar",
                                "pkg:maven/net.java.dev.msv/xsdlib@2013.6.1"));
        assertThat(packages.get(1).metadata()).containsEntry("java-type", "JAVA-JAR")
                .containsEntry("implementation-version", "N/A").containsEntry("maven-version", "20090621")
                .containsEntry("pom.groupId", "com.sun.xml.bind.jaxb");
    }

    @Test
    void infersTheIdentityOfAJarWithoutMavenMetadata() throws IOException {
        List<PackageRecord> packages = catalog("/usr/share/java/oro-2.0.8.jar", MavenCentral.bytes(ORO));

        assertThat(packages).singleElement().satisfies(oro -> {
            assertThat(oro).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::origin,
                            PackageRecord::purl)
                    .containsExactly("oro", "2.0.8", "org.apache.oro", "pkg:maven/org.apache.oro/oro@2.0.8");
            assertThat(oro.metadata()).containsEntry("specification-version", "2.0.8")
                    .containsEntry("implementation-version", "2.0.8 2003-12-28 11:00:13")
                    .containsEntry("maven-version", "N/A")
                    .doesNotContainKey("pom.artifactId");
            assertThat(oro.cpes()).first().isEqualTo("cpe:2.3:a:apache:oro:2.0.8:*:*:*:*:*:*:*");
        });
    }

    @Test
    void followsArchivesInsideArchivesAndJoinsTheirLocations() throws IOException {
        byte[] ear = ear();

        List<PackageRecord> packages = catalog("/srv/shop.ear", ear);

        String war = "/srv/shop.ear:jolokia-war-1.7.2.war";
        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::location,
                        pkg -> pkg.metadata().get("java-type"))
                .containsExactly(
                        tuple("shop", "4.2.0", "/srv/shop.ear", "JAVA-EAR"),
                        tuple("jolokia-war", "1.7.2", war, "JAVA-WAR"),
                        tuple("jolokia-core", "1.7.2", war + ":WEB-INF/lib/jolokia-core-1.7.2.jar", "JAVA-JAR"),
                        tuple("json-simple", "1.1.1", war + ":WEB-INF/lib/json-simple-1.1.1.jar", "JAVA-JAR"),
                        tuple("jolokia-jsr160", "1.7.2", war + ":WEB-INF/lib/jolokia-jsr160-1.7.2.jar", "JAVA-JAR"),
                        tuple("commons-lang3", "3.12.0", "/srv/shop.ear:lib/commons-lang3-3.12.0.jar", "JAVA-JAR"));
        assertThat(packages.get(3).purl()).isEqualTo("pkg:maven/com.googlecode.json-simple/json-simple@1.1.1");
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void warnsAndStopsAtTheNestingLimit() throws IOException {
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxNestingDepth(1);

        List<PackageRecord> packages = catalog("/srv/shop.ear", ear(), limits);

        assertThat(packages).extracting(PackageRecord::name)
                .containsExactly("shop", "jolokia-war", "commons-lang3");
        assertThat(warnings.toList()).containsExactly(
                "java archive /srv/shop.ear:jolokia-war-1.7.2.war:WEB-INF/lib/jolokia-core-1.7.2.jar: nested 2 archives"
                        + " deep, more than 1 (limit); not opened",
                "java archive /srv/shop.ear:jolokia-war-1.7.2.war:WEB-INF/lib/json-simple-1.1.1.jar: nested 2 archives"
                        + " deep, more than 1 (limit); not opened",
                "java archive /srv/shop.ear:jolokia-war-1.7.2.war:WEB-INF/lib/jolokia-jsr160-1.7.2.jar: nested 2"
                        + " archives deep, more than 1 (limit); not opened");
    }

    @Test
    void readsNestedArchivesLargerThanTheMemoryLimitThroughTemporaryDisk() throws IOException {
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(100 * 1024);
        List<PackageRecord> packages;
        long peak;
        try (TempSpace space = new TempSpace(temp, limits.maxTempBytes())) {
            packages = cataloger.catalog(ScannedFile.inMemory("/srv/shop.ear", ear()),
                    new CatalogContext(limits, warnings, space));
            peak = space.peakBytes();
            try (Stream<Path> left = Files.walk(temp)) {
                assertThat(left.filter(Files::isRegularFile)).as("temporary files left after cataloguing").isEmpty();
            }
        }

        assertThat(packages).extracting(PackageRecord::name).containsExactly("shop", "jolokia-war", "jolokia-core",
                "json-simple", "jolokia-jsr160", "commons-lang3");
        // The war (349 KiB) holds jolokia-core (352 KiB) while both are on disk.
        assertThat(peak).isGreaterThan(600_000L);
        assertThat(warnings.toList()).isEmpty();
    }

    @Test
    void holdsAtMostOneFilesWorthOfNestedArchivesInMemoryAtOnce() throws IOException {
        // The war (349 KiB) fits in memory; jolokia-core (352 KiB) inside it would too, but not both together.
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(400 * 1024);
        long peak;
        List<PackageRecord> packages;
        try (TempSpace space = new TempSpace(temp, limits.maxTempBytes())) {
            byte[] ear = zip().entry("jolokia-war-1.7.2.war", MavenCentral.bytes(JOLOKIA_WAR)).bytes();
            packages = cataloger.catalog(ScannedFile.inMemory("/srv/shop.ear", ear),
                    new CatalogContext(limits, warnings, space));
            peak = space.peakBytes();
        }

        assertThat(packages).extracting(PackageRecord::name)
                .containsExactly("jolokia-war", "jolokia-core", "json-simple", "jolokia-jsr160");
        assertThat(peak).as("only jolokia-core-1.7.2.jar went to disk").isEqualTo(352_299L);
    }

    @Test
    void skipsAZipBombWithAWarningAndReadsTheRest() throws IOException {
        byte[] ear = zip()
                .entry("bomb-1.0.jar", new byte[20 * 1024 * 1024])
                .entry("lib/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3))
                .bytes();

        List<PackageRecord> packages = catalog("/srv/bomb.ear", ear);

        assertThat(packages).extracting(PackageRecord::name).containsExactly("commons-lang3");
        assertThat(warnings.toList()).containsExactly(
                "java archive /srv/bomb.ear:bomb-1.0.jar: expands more than 100 times (limit; a zip bomb?); skipped");
    }

    @Test
    void skipsANestedArchiveDeclaringAHugeSizeWithAWarning() throws IOException {
        byte[] ear = zip()
                .entry("lib/json-simple-1.1.1.jar", MavenCentral.bytes(LANG3))
                .entry("lib/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3))
                .bytes();
        declareUncompressedSize(ear, "lib/json-simple-1.1.1.jar", 0xfffffff0L - 1);
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxTempBytes(1L << 30);

        List<PackageRecord> packages = catalog("/srv/lying.ear", ear, limits);

        assertThat(packages).extracting(PackageRecord::name).containsExactly("commons-lang3");
        assertThat(warnings.toList()).singleElement().asString().isEqualTo(
                "java archive /srv/lying.ear:lib/json-simple-1.1.1.jar: declares 4294967279 bytes, more than the "
                        + "1073741824 still allowed to be decompressed from /srv/lying.ear (limit); skipped");
    }

    @Test
    void skipsANestedArchiveShorterThanItsDeclaredSize() throws IOException {
        byte[] ear = zip()
                .entry("lib/json-simple-1.1.1.jar", MavenCentral.bytes(LANG3))
                .entry("lib/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3))
                .bytes();
        declareUncompressedSize(ear, "lib/json-simple-1.1.1.jar", 5_000_000);

        List<PackageRecord> packages = catalog("/srv/lying.ear", ear);

        assertThat(packages).extracting(PackageRecord::name).containsExactly("commons-lang3");
        assertThat(warnings.toList()).singleElement().asString()
                .startsWith("java archive /srv/lying.ear:lib/json-simple-1.1.1.jar: ");
    }

    @Test
    void skipsACorruptNestedArchiveAndThrowsForACorruptTopLevelOne() throws IOException {
        byte[] lang3 = MavenCentral.bytes(LANG3);
        byte[] truncated = Arrays.copyOf(lang3, lang3.length / 2);
        byte[] ear = zip()
                .entry("lib/broken-1.0.jar", truncated)
                .entry("lib/commons-lang3-3.12.0.jar", lang3)
                .bytes();

        List<PackageRecord> packages = catalog("/srv/app.ear", ear);

        assertThat(packages).extracting(PackageRecord::name).containsExactly("commons-lang3");
        assertThat(warnings.toList()).containsExactly("java archive /srv/app.ear:lib/broken-1.0.jar: is not a zip file"
                + " (no end of central directory record); skipped");
        assertThatThrownBy(() -> catalog("/srv/broken.jar", truncated))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessage("is not a zip file (no end of central directory record)");
    }

    @Test
    void throwsForAFileThatOnlyLooksLikeAZip() {
        byte[] notAZip = "PK\u0003\u0004 and then nothing like a zip file".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(cataloger.wants("app/broken.jar", notAZip.length, notAZip)).isTrue();
        assertThatThrownBy(() -> catalog("/app/broken.jar", notAZip))
                .isInstanceOf(InvalidArchiveException.class)
                .hasMessage("is not a zip file (no end of central directory record)");
    }

    @Test
    void readsAJenkinsPluginManifest() throws IOException {
        // Jenkins plugin manifest attributes as the maven-hpi-plugin writes them (jenkins.io, "Plugin manifest").
        byte[] hpi = zip()
                .manifest("Short-Name: git", "Long-Name: Jenkins Git plugin", "Group-Id: org.jenkins-ci.plugins",
                        "Plugin-Version: 4.11.0", "Implementation-Version: 4.11.0", "Jenkins-Version: 2.263.1")
                .entry("WEB-INF/lib/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3))
                .bytes();

        List<PackageRecord> packages = catalog("/var/jenkins_home/plugins/git.hpi", hpi);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl,
                        pkg -> pkg.metadata().get("java-type"))
                .containsExactly(
                        tuple("git", "4.11.0", "pkg:maven/org.jenkins-ci.plugins/git@4.11.0", "JAVA-HPI"),
                        tuple("commons-lang3", "3.12.0", "pkg:maven/org.apache.commons/commons-lang3@3.12.0",
                                "JAVA-JAR"));
        assertThat(packages.getFirst().metadata()).containsEntry("manifest.Short-Name", "git")
                .containsEntry("manifest.Plugin-Version", "4.11.0");
    }

    @Test
    void fillsCoordinatesFromAPomXmlWhenPomPropertiesIsMissing() throws IOException {
        byte[] jar = zip()
                .manifest("Implementation-Title: billing")
                .entry("META-INF/maven/com.example/billing-core/pom.xml", """
                        <?xml version="1.0"?>
                        <project xmlns="http://maven.apache.org/POM/4.0.0">
                          <parent><groupId>com.example</groupId><artifactId>billing</artifactId>
                                  <version>2.3.1</version></parent>
                          <artifactId>billing-core</artifactId>
                        </project>
                        """)
                .bytes();

        List<PackageRecord> packages = catalog("/app/billing-core.jar", jar);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl)
                .containsExactly(tuple("billing-core", "2.3.1", "pkg:maven/com.example/billing-core@2.3.1"));
    }

    @Test
    void versionIsNotAvailableWhenNothingNamesOne() throws IOException {
        byte[] jar = zip().manifest("Created-By: 17 (Eclipse Adoptium)").entry("Main.class", "cafebabe").bytes();

        List<PackageRecord> packages = catalog("/app/app.jar", jar);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl,
                        PackageRecord::cpes)
                .containsExactly(tuple("app", "N/A", "pkg:maven/app/app", List.of()));
    }

    @Test
    void wantsZipsWithJavaArchiveExtensionsOnly() {
        byte[] zipHead = {'P', 'K', 3, 4, 0, 0};
        assertThat(cataloger.wants("app/x.JAR", 100, zipHead)).isTrue();
        assertThat(cataloger.wants("app/x.war", 100, zipHead)).isTrue();
        assertThat(cataloger.wants("app/x.hpi", 100, zipHead)).isTrue();
        assertThat(cataloger.wants("app/x.zip", 100, zipHead)).isFalse();
        assertThat(cataloger.wants("app/x.jar", 100, "#!/bin/sh".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(cataloger.wants("app.jar/readme", 100, zipHead)).isFalse();
    }

    /** An ear the way an application server takes it: a real war and a real library jar. */
    private static byte[] ear() {
        return zip()
                .manifest("Implementation-Title: Shop", "Implementation-Version: 4.2.0")
                .entry("jolokia-war-1.7.2.war", MavenCentral.bytes(JOLOKIA_WAR))
                .entry("lib/commons-lang3-3.12.0.jar", MavenCentral.bytes(LANG3))
                .bytes();
    }

    /** Rewrites an entry's uncompressed size in its central directory header (APPNOTE 4.3.12, offset 24). */
    private static void declareUncompressedSize(byte[] zip, String name, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50 && (buffer.getShort(i + 28) & 0xffff) == nameBytes.length
                    && Arrays.equals(zip, i + 46, i + 46 + nameBytes.length, nameBytes, 0, nameBytes.length)) {
                buffer.putInt(i + 24, (int) size);
                return;
            }
        }
        throw new IllegalArgumentException("no central directory header for " + name);
    }

    private List<PackageRecord> catalog(String path, byte[] content) throws IOException {
        return catalog(path, content, AnalyzerLimits.defaults());
    }

    private List<PackageRecord> catalog(String path, byte[] content, AnalyzerLimits limits) throws IOException {
        try (TempSpace space = new TempSpace(temp, limits.maxTempBytes())) {
            return cataloger.catalog(ScannedFile.inMemory(path, content), new CatalogContext(limits, warnings, space));
        }
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
