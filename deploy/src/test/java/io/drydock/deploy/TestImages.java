package io.drydock.deploy;

import io.drydock.testkit.image.Compression;
import io.drydock.testkit.image.DebianRootfs;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/** The images the end-to-end tests push: a real Debian root file system, and small Alpine-style images. */
final class TestImages {

    private TestImages() {
    }

    /** debootstrap's minbase bookworm as one layer; EXPOSE 22 and no HEALTHCHECK, so the default bundle stops it. */
    static TestImage debian() {
        return TestImage.builder()
                .layer(TestLayer.fromDirectory(DebianRootfs.path(), Compression.GZIP), "ADD rootfs.tar.gz / # debootstrap minbase bookworm")
                .emptyLayer("/bin/sh -c #(nop)  EXPOSE 22")
                .exposedPort("22/tcp")
                .emptyLayer("/bin/sh -c #(nop)  CMD [\"bash\"]")
                .cmd("bash")
                .build();
    }

    /**
     * An Alpine-style image: the package database format and release files of Alpine 3.20, written from the real
     * files' layout. {@code marker} makes the digest unique.
     */
    static TestImage alpine(String marker) {
        TestLayer base = TestLayer.builder()
                .file("etc/os-release", """
                        NAME="Alpine Linux"
                        ID=alpine
                        VERSION_ID=3.20.3
                        PRETTY_NAME="Alpine Linux v3.20"
                        HOME_URL="https://alpinelinux.org/"
                        BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
                        """)
                .file("etc/alpine-release", "3.20.3\n")
                .file("lib/apk/db/installed", """
                        C:Q1Zq8JEAOhJi0tJPnP1xjeGQmMAvE=
                        P:musl
                        V:1.2.5-r0
                        A:x86_64
                        S:412066
                        I:995328
                        T:the musl c library (libc) implementation
                        U:https://musl.libc.org/
                        L:MIT
                        o:musl
                        m:Natanael Copa <ncopa@alpinelinux.org>
                        t:1717151227
                        F:lib
                        R:ld-musl-x86_64.so.1
                        a:0:0:755

                        C:Q1Rk6iPsgJkyrzWl3Ufa3p5dV2T1o=
                        P:busybox
                        V:1.36.1-r29
                        A:x86_64
                        S:509356
                        I:963584
                        T:Size optimized toolbox of many common UNIX utilities
                        U:https://busybox.net/
                        L:GPL-2.0-only
                        o:busybox
                        m:Sören Tempel <soeren+alpine@soeren-tempel.net>
                        t:1717764566
                        F:bin
                        R:busybox

                        C:Q1Xb2d1fl0bkqxvIjvjKKmqyPSz/g=
                        P:apk-tools
                        V:2.14.4-r1
                        A:x86_64
                        S:121131
                        I:253952
                        T:Alpine Package Keeper - package manager for alpine
                        U:https://gitlab.alpinelinux.org/alpine/apk-tools
                        L:GPL-2.0-only
                        o:apk-tools
                        m:Natanael Copa <ncopa@alpinelinux.org>
                        t:1719934812
                        F:sbin
                        R:apk

                        """)
                .file("etc/drydock-test-marker", marker + "\n")
                .build();
        return TestImage.builder()
                .layer(base, "/bin/sh -c #(nop) ADD file:alpine-minirootfs.tar.gz in / ")
                .emptyLayer("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]")
                .healthcheck("CMD", "true")
                .cmd("/bin/sh")
                .build();
    }
}
