package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.drydock.platform.osv.DistroNamespaces.DistroNamespace;
import io.drydock.testkit.osv.OsvFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the distro table of ADR 23. */
class DistroNamespacesTest {

    @ParameterizedTest(name = "{0} {1} (like {2}) → {3} / {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "debian | 12 | - | Debian:12 | debian:12",
            "debian | 12.5 | - | Debian:12 | debian:12",
            "debian | 11 | - | Debian:11 | debian:11",
            "DEBIAN | 12 | - | Debian:12 | debian:12",
            "debian | unstable | - | - | -",
            "debian | 0 | - | - | -",
            "raspbian | 12 | debian | Debian:12 | debian:12",
            "ubuntu | 22.04 | debian | Ubuntu:22.04:LTS | ubuntu:22.04",
            "ubuntu | 24.04 | debian | Ubuntu:24.04:LTS | ubuntu:24.04",
            "ubuntu | 20.04 | debian | Ubuntu:20.04:LTS | ubuntu:20.04",
            "ubuntu | 23.10 | debian | Ubuntu:23.10 | ubuntu:23.10",
            "ubuntu | 23.04 | debian | Ubuntu:23.04 | ubuntu:23.04",
            "ubuntu | 22 | debian | - | -",
            "alpine | 3.20.3 | - | Alpine:v3.20 | alpine:3.20",
            "alpine | 3.18 | - | Alpine:v3.18 | alpine:3.18",
            "alpine | 3.21_alpha20240807 | - | - | -",
            "almalinux | 9.4 | rhel centos fedora | AlmaLinux:9 | almalinux:9",
            "almalinux | 8 | rhel centos fedora | AlmaLinux:8 | almalinux:8",
            "rocky | 9.3 | rhel centos fedora | Rocky Linux:9 | rocky:9",
            "rhel | 9.4 | fedora | Red Hat:enterprise_linux:9 | rhel:9",
            "rhel | 8 | fedora | Red Hat:enterprise_linux:8 | rhel:8",
            "centos | 7 | rhel fedora | Red Hat:enterprise_linux:7 | rhel:7",
            "centos | 9 | rhel fedora | Red Hat:enterprise_linux:9 | rhel:9",
            "sles | 15.5 | suse | SUSE:Linux Enterprise Server 15 SP5 | sles:15.5",
            "sles | 15 | suse | SUSE:Linux Enterprise Server 15 | sles:15",
            "sles | 12.5 | suse | SUSE:Linux Enterprise Server 12 SP5 | sles:12.5",
            "opensuse-leap | 15.5 | suse opensuse | openSUSE:Leap 15.5 | opensuse-leap:15.5",
            "opensuse-tumbleweed | 20240301 | opensuse suse | openSUSE:Tumbleweed | opensuse-tumbleweed:rolling",
            "wolfi | 20230201 | - | Wolfi | wolfi:rolling",
            "chainguard | 20230214 | - | Chainguard | chainguard:rolling",
            "mageia | 9 | mandriva fedora | Mageia:9 | mageia:9",
            "openEuler | 22.03 | - | openEuler:22.03-LTS | openeuler:22.03",
            "openeuler | 24.03 | - | openEuler:24.03-LTS | openeuler:24.03",
            "openeuler | 23.09 | - | openEuler:23.09 | openeuler:23.09",
            "azurelinux | 3.0 | - | Azure Linux:3 | azurelinux:3",
            "mariner | 2.0 | - | Azure Linux:2 | azurelinux:2",
            "amzn | 2023 | fedora | - | -",
            "amzn | 2 | centos rhel fedora | - | -",
            "ol | 9.3 | fedora | - | -",
            "fedora | 40 | - | - | -",
            "linuxmint | 21.2 | ubuntu debian | - | -",
            "devuan | 5 | debian | - | -",
            "eurolinux | 9.2 | rhel fedora centos | Red Hat:enterprise_linux:9 | rhel:9",
            "miraclelinux | 8.4 | rhel fedora | Red Hat:enterprise_linux:8 | rhel:8",
            "eurolinux | unknown | rhel | - | -",
            "busybox | 1.36.1 | busybox | - | -",
            "Unknown | 0 | Unknown | - | -"})
    void resolvesTheNamespaceOfADistro(String distro, String version, String like, String ecosystem, String group) {
        List<String> likes = like == null ? List.of() : Arrays.asList(like.split(" "));

        Optional<DistroNamespace> namespace = DistroNamespaces.resolve(distro, version, likes);

        if (ecosystem == null) {
            assertThat(namespace).isEmpty();
            return;
        }
        assertThat(namespace).contains(new DistroNamespace(ecosystem, group));
        assertThat(DistroNamespaces.groupOf(ecosystem)).isEqualTo(group);
        assertThat(namespace.get().covers(ecosystem)).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Debian:12 | debian:12",
            "Debian:11 | debian:11",
            "Ubuntu:22.04:LTS | ubuntu:22.04",
            "Ubuntu:23.10 | ubuntu:23.10",
            "Ubuntu:Pro:18.04:LTS | ubuntu:pro:18.04:lts",
            "Alpine:v3.20 | alpine:3.20",
            "AlmaLinux:9 | almalinux:9",
            "Rocky Linux:9 | rocky:9",
            "Red Hat:enterprise_linux:9 | rhel:9",
            "Red Hat:enterprise_linux:9::baseos | rhel:9",
            "Red Hat:enterprise_linux:9::appstream | rhel:9",
            "Red Hat:rhel_eus:9.4::baseos | red hat:rhel_eus:9.4::baseos",
            "SUSE:Linux Enterprise Server 15 SP5 | sles:15.5",
            "SUSE:Linux Enterprise Module for Basesystem 15 SP5 | sles:15.5",
            "SUSE:Linux Enterprise Server 15 | sles:15",
            "SUSE:Linux Enterprise Server for SAP Applications 15 SP5"
                    + " | suse:linux enterprise server for sap applications 15 sp5",
            "openSUSE:Leap 15.5 | opensuse-leap:15.5",
            "openSUSE:Tumbleweed | opensuse-tumbleweed:rolling",
            "Wolfi | wolfi:rolling",
            "Chainguard | chainguard:rolling",
            "Mageia:9 | mageia:9",
            "openEuler:22.03-LTS | openeuler:22.03",
            "openEuler:22.03-LTS-SP4 | openeuler:22.03-sp4",
            "openEuler:23.09 | openeuler:23.09",
            "Azure Linux:3 | azurelinux:3",
            "Maven | github:java",
            "PyPI | github:python",
            "npm | github:npm",
            "RubyGems | github:gem",
            "Go | github:go",
            "crates.io | github:rust",
            "NuGet | github:nuget",
            "Packagist | github:composer",
            "Photon OS:5.0 | photon os:5.0"})
    void groupOfEveryEcosystem(String ecosystem, String group) {
        assertThat(DistroNamespaces.groupOf(ecosystem)).isEqualTo(group);
    }

    @Test
    void redHatNamespaceCoversTheStreamsOfItsRelease() {
        DistroNamespace rhel9 = DistroNamespaces.resolve("rhel", "9.4", List.of("fedora")).orElseThrow();

        assertThat(rhel9.covers("Red Hat:enterprise_linux:9::baseos")).isTrue();
        assertThat(rhel9.covers("Red Hat:enterprise_linux:9::appstream")).isTrue();
        assertThat(rhel9.covers("Red Hat:enterprise_linux:8::baseos")).isFalse();
        assertThat(rhel9.covers("Red Hat:rhel_eus:9.4::baseos")).isFalse();
        assertThat(rhel9.covers("Red Hat:enterprise_linux:90::baseos")).isFalse();
    }

    @Test
    void productStreamsOfOneReleaseShareTheReleasesMatchKey() {
        DistroNamespace rhel9 = DistroNamespaces.resolve("rhel", "9.4", List.of("fedora")).orElseThrow();

        assertThat(affected("Red Hat:enterprise_linux:9::appstream", "glibc").matchKey())
                .isEqualTo(affected("Red Hat:enterprise_linux:9::baseos", "glibc").matchKey())
                .isEqualTo(MatchKeys.of(rhel9.osvEcosystem(), "glibc"))
                .isEqualTo("Red Hat:enterprise_linux:9/glibc");
        assertThat(affected("SUSE:Linux Enterprise Module for Basesystem 15 SP5", "openssl-3").matchKey())
                .isEqualTo("SUSE:Linux Enterprise Server 15 SP5/openssl-3");
        assertThat(affected("Ubuntu:Pro:18.04:LTS", "coreutils").matchKey())
                .isEqualTo("Ubuntu:Pro:18.04:LTS/coreutils");
    }

    @Test
    void slesNamespaceCoversTheModulesOfItsServicePack() {
        DistroNamespace sles = DistroNamespaces.resolve("sles", "15.5", List.of("suse")).orElseThrow();

        assertThat(sles.covers("SUSE:Linux Enterprise Module for Basesystem 15 SP5")).isTrue();
        assertThat(sles.covers("SUSE:Linux Enterprise Module for Server Applications 15 SP5")).isTrue();
        assertThat(sles.covers("SUSE:Linux Enterprise Module for Basesystem 15 SP4")).isFalse();
        assertThat(sles.covers("SUSE:Linux Enterprise Desktop 15 SP5")).isFalse();
    }

    @Test
    void aDebian12ImageIsCoveredByTheBookwormEntryOnly() throws Exception {
        DistroNamespace bookworm = DistroNamespaces.resolve("debian", "12", List.of()).orElseThrow();
        OsvRecord apt = OsvParser.parse(OsvFixtures.read("Debian", "DEBIAN-CVE-2011-3374"));

        assertThat(apt.affected()).filteredOn(affected -> bookworm.covers(affected.ecosystem()))
                .extracting(OsvAffected::matchKey).containsExactly("Debian:12/apt");
    }

    @Test
    void everyFixtureEcosystemHasAGroup() throws Exception {
        for (OsvFixtures.Fixture fixture : OsvFixtures.all()) {
            for (OsvAffected affected : OsvParser.parse(fixture.bytes()).affected()) {
                boolean pro = affected.ecosystem().startsWith("Ubuntu:Pro:");
                assertThat(DistroNamespaces.namespaceOf(affected.ecosystem()).isPresent())
                        .as(affected.ecosystem()).isEqualTo(!pro);
            }
        }
    }

    private static OsvAffected affected(String ecosystem, String name) {
        return new OsvAffected(ecosystem, name, null, List.of(), List.of(), List.of(), null, null);
    }
}
