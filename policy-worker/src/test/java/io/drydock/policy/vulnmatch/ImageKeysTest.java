package io.drydock.policy.vulnmatch;

import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.policy.vulnmatch.ImageKeys.KeyedPackage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.drydock.policy.vulnmatch.ImageAnalyses.analysis;
import static io.drydock.policy.vulnmatch.ImageAnalyses.apk;
import static io.drydock.policy.vulnmatch.ImageAnalyses.dpkg;
import static io.drydock.policy.vulnmatch.ImageAnalyses.jar;
import static io.drydock.policy.vulnmatch.ImageAnalyses.npm;
import static io.drydock.policy.vulnmatch.ImageAnalyses.python;
import static org.assertj.core.api.Assertions.assertThat;

class ImageKeysTest {

    @Test
    void keysOsPackagesByBinaryAndSourceNameInTheImagesRelease() {
        ImageKeys keys = ImageKeys.of(analysis("sha256:" + "a".repeat(64), "debian", "12", "debian", List.of()),
                List.of(dpkg("libc6", "2.36-9+deb12u1", "glibc"), dpkg("bash", "5.2.15-2+b2", "bash")));

        assertThat(keys.packages()).extracting(KeyedPackage::keys).containsExactly(
                List.of("Debian:12/libc6", "Debian:12/glibc"), List.of("Debian:12/bash"));
        assertThat(keys.packages()).extracting(KeyedPackage::path).containsOnly("pkgdb");
    }

    @Test
    void keysAlpinePackagesByTheirOriginAndRpmsByTheirSourceRpmName() {
        ImageKeys alpine = ImageKeys.of(analysis("sha256:" + "b".repeat(64), "alpine", "3.20.3", null, List.of()),
                List.of(apk("libssl3", "3.3.2-r1", "openssl")));
        ImageKeys alma = ImageKeys.of(analysis("sha256:" + "c".repeat(64), "almalinux", "9.4", "rhel centos fedora",
                List.of()), List.of(new StoredPackage("rpm", "openssl-libs", "1:3.0.7-27.el9", "x86_64", "openssl",
                "1:3.0.7-27.el9", "ASL 2.0", 1L, "AlmaLinux", null, "/var/lib/rpm/rpmdb.sqlite", null, List.of(),
                Map.of())));

        assertThat(alpine.packages().getFirst().keys()).containsExactly("Alpine:v3.20/libssl3", "Alpine:v3.20/openssl");
        assertThat(alma.packages().getFirst().keys()).containsExactly("AlmaLinux:9/openssl-libs", "AlmaLinux:9/openssl");
    }

    @Test
    void keysLanguagePackagesInTheirEcosystemWhereverTheyWereFound() {
        StoredPackage inferredGroup = new StoredPackage("java", "commons-io", "2.11.0", null, null, null, "", null,
                "commons-io", null, "/app/app.ear:lib/web.war:WEB-INF/lib/commons-io-2.11.0.jar",
                "pkg:maven/commons-io/commons-io@2.11.0", List.of(), Map.of("java-type", "JAVA-JAR"));
        StoredPackage noGroup = new StoredPackage("java", "oro", "2.0.8", null, null, null, "", null, null, null,
                "/app/oro.jar", null, List.of(), Map.of());
        ImageKeys keys = ImageKeys.of(analysis("sha256:" + "d".repeat(64), "debian", "12", "debian", List.of()),
                List.of(jar("org.apache.logging.log4j", "log4j-core", "2.14.1",
                                "/app/shop.war:WEB-INF/lib/log4j-core-2.14.1.jar"),
                        inferredGroup, noGroup,
                        npm("@babel/core", "7.24.0", "/app/node_modules/@babel/core/package.json"),
                        python("Jinja2", "3.1.2", "/usr/lib/python3/dist-packages"),
                        new StoredPackage("binary", "openssl", "3.0.15", null, null, null, "", null, null, null,
                                "/usr/bin/openssl", "pkg:generic/openssl@3.0.15", List.of(), Map.of())));

        assertThat(keys.packages()).extracting(KeyedPackage::keys).containsExactly(
                List.of("Maven/org.apache.logging.log4j:log4j-core"),
                List.of("Maven/commons-io:commons-io"),
                List.of(),
                List.of("npm/@babel/core"),
                List.of("PyPI/jinja2"),
                List.of());
        assertThat(keys.packages().getFirst().path()).isEqualTo("/app/shop.war:WEB-INF/lib/log4j-core-2.14.1.jar");
        assertThat(keys.languageEcosystems()).containsExactly("Maven", "PyPI", "npm");
    }

    @Test
    void givesTheOsPackagesOfAnUnknownDistroNoKeys() {
        ImageKeys keys = ImageKeys.of(analysis("sha256:" + "e".repeat(64), "plan9", "4", null, List.of()),
                List.of(dpkg("libc6", "2.36-9+deb12u1", "glibc"), npm("lodash", "4.17.15", "/n/lodash/package.json")));

        assertThat(keys.distroNamespace()).isEmpty();
        assertThat(keys.distroLabel()).isEqualTo("plan9:4");
        assertThat(keys.allKeys()).containsExactly("npm/lodash");
    }
}
