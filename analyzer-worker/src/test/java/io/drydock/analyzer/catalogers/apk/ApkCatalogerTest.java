package io.drydock.analyzer.catalogers.apk;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.distro.Distro;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApkCatalogerTest {

    private static final Distro ALPINE = Distro.of("alpine", "3.20.1", "alpine");

    /** Shaped after alpine:3.20's database (checksums and dependencies shortened). */
    private static final String INSTALLED = """
            C:Q1JZnaPPc8vcz4QgXNWWGv1E8kQp0=
            P:musl
            V:1.2.5-r0
            A:x86_64
            S:411323
            I:643072
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Natanael Copa <ncopa@alpinelinux.org>
            t:1712148108
            c:e8d6f2fbcd4e5fa8a2c66d0c4b2d0c8d3d8b3d4a
            p:so:libc.musl-x86_64.so.1=1
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1Vg3sPo2N0DDeLJ1SrUQnFt0pzxk=
            R:libc.musl-x86_64.so.1

            C:Q1OBh4a2V3g0Ebq5HV2sE8KNPtjVY=
            P:libcrypto3
            V:3.3.1-r0
            A:x86_64
            I:4968448
            T:Crypto library from openssl
            L:Apache-2.0
            o:openssl
            m:Ariadne Conill <ariadne@dereferenced.org>
            F:usr
            F:usr/lib
            R:libcrypto.so.3

            C:Q1abc=
            P:busybox
            V:1.36.1-r29
            A:x86_64
            I:946176
            L:GPL-2.0-only AND (MIT OR BSD-2-Clause)
            o:busybox
            F:bin
            R:busybox
            """;

    private static List<PackageRecord> catalog(byte[]... layers) {
        ApkCataloger cataloger = new ApkCataloger();
        return cataloger.catalog(TestImage.stack(cataloger.contentSelector(), layers), ALPINE);
    }

    @Test
    void readsPackagesFromTheInstalledDatabase() {
        byte[] layer = tar().file("lib/apk/db/installed", INSTALLED).gzip();

        List<PackageRecord> packages = catalog(layer);

        assertThat(packages).extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version,
                        PackageRecord::arch, PackageRecord::sourceName, PackageRecord::size, PackageRecord::location)
                .containsExactly(
                        tuple("APKG", "busybox", "1.36.1-r29", "x86_64", "busybox", 946176L, "/lib/apk/db/installed"),
                        tuple("APKG", "libcrypto3", "3.3.1-r0", "x86_64", "openssl", 4968448L,
                                "/lib/apk/db/installed"),
                        tuple("APKG", "musl", "1.2.5-r0", "x86_64", "musl", 643072L, "/lib/apk/db/installed"));
        PackageRecord crypto = packages.get(1);
        assertThat(crypto.purl())
                .isEqualTo("pkg:apk/alpine/libcrypto3@3.3.1-r0?arch=x86_64&distro=alpine-3.20.1&upstream=openssl");
        assertThat(crypto.files()).containsExactly("/usr/lib/libcrypto.so.3");
        assertThat(crypto.licenses()).containsExactly("Apache-2.0");
        assertThat(crypto.origin()).isEqualTo("Ariadne Conill <ariadne@dereferenced.org>");
        assertThat(packages.get(0).licenses()).containsExactly("GPL-2.0-only", "MIT", "BSD-2-Clause");
        assertThat(packages.get(2).purl()).isEqualTo("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.1");
        assertThat(packages.get(2).files()).containsExactly("/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1");
    }

    @Test
    void attributesAnUpgradeToTheLayerThatInstalledIt() {
        byte[] base = tar().file("lib/apk/db/installed", INSTALLED).gzip();
        byte[] upgrade = tar().file("lib/apk/db/installed", INSTALLED.replace("V:3.3.1-r0", "V:3.3.2-r0")).gzip();

        List<PackageRecord> packages = catalog(base, upgrade);

        assertThat(packages).extracting(PackageRecord::name, PackageRecord::layerDigest)
                .containsExactly(
                        tuple("busybox", TestTar.describe(base).digest()),
                        tuple("libcrypto3", TestTar.describe(upgrade).digest()),
                        tuple("musl", TestTar.describe(base).digest()));
    }

    @Test
    void findsNothingOnceTheDatabaseIsDeleted() {
        byte[] base = tar().file("lib/apk/db/installed", INSTALLED).gzip();
        byte[] cleanup = tar().file("lib/apk/db/.wh.installed", "").gzip();

        assertThat(catalog(base, cleanup)).isEmpty();
    }
}
