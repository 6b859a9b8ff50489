package io.drydock.analyzer.catalogers.dpkg;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.distro.Distro;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpkgCatalogerTest {

    private static final Distro DEBIAN_12 = Distro.of("debian", "12", "debian");

    private static final String STATUS = """
            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 12985
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u4
            Depends: libgcc-s1
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system.
             .
             This package includes shared versions of the standard C library.

            Package: libgcrypt20
            Status: install ok installed
            Installed-Size: 1587
            Maintainer: Debian GnuTLS Maintainers <pkg-gnutls-maint@lists.alioth.debian.org>
            Architecture: amd64
            Version: 1.10.1-3
            Description: LGPL Crypto library - runtime library

            Package: apt
            Status: hold ok installed
            Installed-Size: 4120
            Architecture: amd64
            Version: 2.6.1

            Package: libfoo1
            Status: install ok half-installed
            Architecture: amd64
            Version: 1.0-1

            Package: oldconf
            Status: deinstall ok config-files
            Architecture: all
            Version: 0.9-2

            Package: gone
            Status: purge ok not-installed
            Architecture: all

            Package: removing
            Status: deinstall ok installed
            Architecture: all
            Version: 3.1

            Package: libsystemd0
            Status: install ok installed
            Architecture: amd64
            Source: systemd (252.22-1~deb12u1)
            Version: 252.22-1~deb12u1+b1
            """;

    private static List<PackageRecord> catalog(Distro distro, byte[]... layers) {
        DpkgCataloger cataloger = new DpkgCataloger();
        return cataloger.catalog(TestImage.stack(cataloger.contentSelector(), layers), distro);
    }

    @Test
    void keepsOnlyInstalledPackagesFromTheStatusFile() {
        List<PackageRecord> packages = catalog(DEBIAN_12, tar().file("var/lib/dpkg/status", STATUS).gzip());

        assertThat(packages).extracting(PackageRecord::name)
                .containsExactly("apt", "libc6", "libgcrypt20", "libsystemd0");
    }

    @Test
    void readsVersionSourceSizeMaintainerAndPurl() {
        byte[] layer = tar().file("var/lib/dpkg/status", STATUS).gzip();

        List<PackageRecord> packages = catalog(DEBIAN_12, layer);

        PackageRecord libc = packages.stream().filter(p -> p.name().equals("libc6")).findFirst().orElseThrow();
        assertThat(libc).extracting(PackageRecord::type, PackageRecord::version, PackageRecord::arch,
                        PackageRecord::sourceName, PackageRecord::sourceVersion, PackageRecord::size,
                        PackageRecord::origin, PackageRecord::location, PackageRecord::layerDigest)
                .containsExactly("dpkg", "2.36-9+deb12u4", "amd64", "glibc", "2.36-9+deb12u4", 12985L * 1024,
                        "GNU Libc Maintainers <debian-glibc@lists.debian.org>", "/var/lib/dpkg/status",
                        TestTar.describe(layer).digest());
        assertThat(libc.purl())
                .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc");
        PackageRecord systemd = packages.stream().filter(p -> p.name().equals("libsystemd0")).findFirst()
                .orElseThrow();
        assertThat(systemd.sourceVersion()).isEqualTo("252.22-1~deb12u1");
        assertThat(systemd.purl()).isEqualTo("pkg:deb/debian/libsystemd0@252.22-1~deb12u1%2Bb1?arch=amd64"
                + "&distro=debian-12&upstream=systemd%40252.22-1~deb12u1");
        PackageRecord gcrypt = packages.stream().filter(p -> p.name().equals("libgcrypt20")).findFirst()
                .orElseThrow();
        assertThat(gcrypt.purl()).isEqualTo("pkg:deb/debian/libgcrypt20@1.10.1-3?arch=amd64&distro=debian-12");
    }

    @Test
    void encodesEpochInPurl() {
        String status = "Package: libgcrypt20\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 1:1.10.1-3\n";

        List<PackageRecord> packages = catalog(DEBIAN_12, tar().file("var/lib/dpkg/status", status).gzip());

        assertThat(packages.getFirst().version()).isEqualTo("1:1.10.1-3");
        assertThat(packages.getFirst().purl())
                .isEqualTo("pkg:deb/debian/libgcrypt20@1%3A1.10.1-3?arch=amd64&distro=debian-12");
    }

    @Test
    void readsDistrolessStatusDirectory() {
        byte[] layer = tar()
                .file("var/lib/dpkg/status.d/base", """
                        Package: base-files
                        Version: 12.4+deb12u5
                        Architecture: amd64
                        Maintainer: Santiago Vila <sanvila@debian.org>
                        Installed-Size: 340
                        """)
                .file("var/lib/dpkg/status.d/libssl3", """
                        Package: libssl3
                        Status: install ok installed
                        Version: 3.0.11-1~deb12u2
                        Architecture: amd64
                        Source: openssl
                        """)
                .file("var/lib/dpkg/status.d/libssl3.md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/lib/x\n")
                .gzip();

        List<PackageRecord> packages = catalog(DEBIAN_12, layer);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::sourceName,
                        PackageRecord::location)
                .containsExactly(
                        tuple("base-files", "12.4+deb12u5", "base-files", "/var/lib/dpkg/status.d/base"),
                        tuple("libssl3", "3.0.11-1~deb12u2", "openssl", "/var/lib/dpkg/status.d/libssl3"));
        assertThat(packages.get(1).files()).as("distroless keeps the owned files only in status.d/<pkg>.md5sums")
                .containsExactly("/usr/lib/x");
    }

    @Test
    void listsOwnedFilesWithoutDirectories() {
        // No entry for /lib itself: it is a directory only because something lies below it.
        byte[] layer = tar().file("var/lib/dpkg/status", STATUS).dir("lib/x86_64-linux-gnu")
                .file("lib/x86_64-linux-gnu/libc.so.6", "elf")
                .file("var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib\n/lib/x86_64-linux-gnu\n"
                        + "/lib/x86_64-linux-gnu/libc.so.6\n")
                .file("var/lib/dpkg/info/apt.list", "/usr/bin/apt\n")
                .gzip();

        List<PackageRecord> packages = catalog(DEBIAN_12, layer);

        assertThat(packages).filteredOn(p -> p.name().equals("libc6")).singleElement()
                .extracting(PackageRecord::files).asInstanceOf(LIST)
                .containsExactly("/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(packages).filteredOn(p -> p.name().equals("apt")).singleElement()
                .extracting(PackageRecord::files).asInstanceOf(LIST)
                .containsExactly("/usr/bin/apt");
    }

    @Test
    void readsLicensesFromMachineReadableCopyrightOnly() {
        byte[] layer = tar().file("var/lib/dpkg/status", STATUS)
                .file("usr/share/doc/libgcrypt20/copyright", """
                        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                        Upstream-Name: libgcrypt

                        Files: *
                        Copyright: 1996-2022 Free Software Foundation, Inc.
                        License: LGPL-2.1+

                        Files: src/*
                        License: GPL-2+

                        License: LGPL-2.1+
                         This library is free software; you can redistribute it.
                         License: not a field
                        """)
                .file("usr/share/doc/apt/copyright", "Apt is copyright 1997, 1998, 1999 Jason Gunthorpe and others.\n"
                        + "License: GPLv2+\n")
                .gzip();

        List<PackageRecord> packages = catalog(DEBIAN_12, layer);

        assertThat(packages).filteredOn(p -> p.name().equals("libgcrypt20")).singleElement()
                .extracting(PackageRecord::licenses).isEqualTo(List.of("LGPL-2.1+", "GPL-2+"));
        assertThat(packages).filteredOn(p -> p.name().equals("apt")).singleElement()
                .extracting(PackageRecord::licenses).isEqualTo(List.of());
    }

    @Test
    void attributesEachPackageToTheFirstLayerListingItsNameAndVersion() {
        String base = """
                Package: libssl3
                Status: install ok installed
                Architecture: amd64
                Version: 3.0.11-1~deb12u1

                Package: zlib1g
                Status: install ok installed
                Architecture: amd64
                Version: 1:1.2.13.dfsg-1
                """;
        String upgraded = base.replace("3.0.11-1~deb12u1", "3.0.11-1~deb12u2") + """

                Package: curl
                Status: install ok installed
                Architecture: amd64
                Version: 7.88.1-10+deb12u5
                """;
        byte[] one = tar().file("var/lib/dpkg/status", base).gzip();
        byte[] two = tar().file("etc/motd", "unrelated").gzip();
        byte[] three = tar().file("var/lib/dpkg/status", upgraded).gzip();

        List<PackageRecord> packages = catalog(DEBIAN_12, one, two, three);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::layerDigest)
                .containsExactly(
                        tuple("curl", "7.88.1-10+deb12u5", TestTar.describe(three).digest()),
                        tuple("libssl3", "3.0.11-1~deb12u2", TestTar.describe(three).digest()),
                        tuple("zlib1g", "1:1.2.13.dfsg-1", TestTar.describe(one).digest()));
    }

    @Test
    void findsNoPackagesWithoutADatabase() {
        assertThat(catalog(DEBIAN_12, tar().file("etc/hostname", "x").gzip())).isEmpty();
    }
}
