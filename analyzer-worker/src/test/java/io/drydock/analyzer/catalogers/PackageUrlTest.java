package io.drydock.analyzer.catalogers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageUrlTest {

    @Test
    void percentEncodesEpochAndPlusInVersions() {
        String purl = PackageUrl.builder("deb", "libgcrypt20").namespace("debian").version("1:1.10.1-3+deb12u1")
                .qualifier("arch", "amd64").build();

        assertThat(purl).isEqualTo("pkg:deb/debian/libgcrypt20@1%3A1.10.1-3%2Bdeb12u1?arch=amd64");
    }

    @Test
    void sortsQualifiersByKeyAndEncodesTheirValues() {
        String purl = PackageUrl.builder("deb", "libc6").namespace("debian").version("2.36-9+deb12u4")
                .qualifier("upstream", "glibc@2.36-9").qualifier("distro", "debian-12").qualifier("arch", "amd64")
                .build();

        assertThat(purl).isEqualTo(
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc%402.36-9");
    }

    @Test
    void leavesOutEmptyQualifiersAndVersion() {
        String purl = PackageUrl.builder("apk", "musl").namespace("alpine").qualifier("arch", null)
                .qualifier("distro", "").build();

        assertThat(purl).isEqualTo("pkg:apk/alpine/musl");
    }

    @Test
    void lowercasesNamesOfCaseInsensitiveTypesOnly() {
        assertThat(PackageUrl.builder("deb", "LibFoo").namespace("Debian").build()).isEqualTo("pkg:deb/debian/libfoo");
        assertThat(PackageUrl.builder("maven", "Foo").namespace("org.Example").version("1.0").build())
                .isEqualTo("pkg:maven/org.Example/Foo@1.0");
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        assertThat(PackageUrl.encode("ü é/x")).isEqualTo("%C3%BC%20%C3%A9%2Fx");
    }

    @Test
    void canonicalisesPypiNamesAsTheSpecificationSays() {
        assertThat(PackageUrl.builder("pypi", "Django_REST_framework").version("3.14.0").build())
                .isEqualTo("pkg:pypi/django-rest-framework@3.14.0");
    }

    @Test
    void lowercasesComposerVendorAndName() {
        assertThat(PackageUrl.builder("composer", "HTTP-Kernel").namespace("Symfony").version("v6.4.1").build())
                .isEqualTo("pkg:composer/symfony/http-kernel@v6.4.1");
    }

    @Test
    void keepsTheCaseOfNugetAndGemNames() {
        assertThat(PackageUrl.builder("nuget", "Newtonsoft.Json").version("13.0.3").build())
                .isEqualTo("pkg:nuget/Newtonsoft.Json@13.0.3");
        assertThat(PackageUrl.builder("gem", "ActiveSupport").version("7.1.2").build())
                .isEqualTo("pkg:gem/ActiveSupport@7.1.2");
    }
}
