package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import io.drydock.testkit.image.DebianRootfs;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;

/**
 * SLOW THE FIRST TIME ON A MACHINE: builds a Debian bookworm root file system with debootstrap (about 30 s, needs
 * root and the Debian mirror), then reuses it from the cache. Pushes it as a single-layer image and pulls it back.
 */
class DebianRootfsImageIT {

    @Test
    void pushesAndResolvesADebootstrappedRootFileSystem() throws IOException {
        TestRegistry registry = TestRegistry.shared();
        TestLayer rootfs = TestLayer.fromDirectory(DebianRootfs.path());
        TestImage image = TestImage.builder().layer(rootfs, "debootstrap --variant=minbase bookworm").cmd("bash").build();
        String digest = image.push(registry, "drydock/debian", "bookworm");
        ImageReference ref = ImageReference.parse(registry.hostPort() + "/drydock/debian:bookworm");

        try (RegistryClient client = new RegistryClient(
                LoopbackSettings.plainHttp(registry.hostPort()),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY))) {
            ResolvedImage resolved = client.resolve(ref, null, null);

            assertThat(resolved.digest()).isEqualTo(digest);
            assertThat(resolved.layers()).singleElement().satisfies(layer -> {
                assertThat(layer.digest()).isEqualTo(rootfs.digest());
                assertThat(layer.size()).isGreaterThan(10_000_000L);
            });
            Set<String> names = new HashSet<>();
            boolean sawHardLinkOrSymlink = false;
            try (InputStream blob = client.openBlob(ref, rootfs.digest(), resolved.layers().getFirst().size(), null);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(blob))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    names.add(entry.getName());
                    sawHardLinkOrSymlink |= entry.isSymbolicLink() || entry.isLink();
                }
                // Drain the gzip trailer so that the stream reaches its end and verifies the digest.
                blob.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(names).contains("var/lib/dpkg/status", "etc/os-release", "usr/bin/dpkg", "etc/");
            assertThat(sawHardLinkOrSymlink).isTrue();
        }
    }

}
