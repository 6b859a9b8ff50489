package io.drydock.gateway.image;

import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/** Small images for the API tests; the marker makes each digest unique. */
public final class TestImages {

    private TestImages() {
    }

    public static TestImage small(String marker) {
        return platform(marker, "amd64", null);
    }

    static TestImage platform(String marker, String architecture, String variant) {
        TestLayer layer = TestLayer.builder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("etc/drydock-test-marker", marker + "\n")
                .build();
        return TestImage.builder()
                .platform("linux", architecture, variant)
                .layer(layer, "/bin/sh -c #(nop) ADD file:rootfs.tar.gz in / ")
                .cmd("/bin/sh")
                .build();
    }
}
