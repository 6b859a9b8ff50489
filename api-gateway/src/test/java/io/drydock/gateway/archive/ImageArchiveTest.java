package io.drydock.gateway.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Archives built entry by entry, for the cases no tool writes: hostile names and links, lies, several images. */
class ImageArchiveTest {

    private static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

    @TempDir
    Path dir;

    @Test
    void followsLayerSymlinksInsideTheArchiveAsDockerSaveWritesThem() throws IOException {
        Path tar = tar(t -> {
            file(t, "manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"app:1\"],\"Layers\":[\"abc/layer.tar\"]}]");
            file(t, "config.json", CONFIG);
            file(t, "blobs/sha256/0000", "layer bytes");
            symlink(t, "abc/layer.tar", "../blobs/sha256/0000");
        });

        try (ImageArchive archive = ImageArchive.open(tar, 100)) {
            ImageArchive.SelectedImage image = archive.select(null, null, null);
            assertThat(image.layers()).singleElement().satisfies(l -> {
                assertThat(l.size()).isEqualTo("layer bytes".length());
                assertThat(l.mediaType()).isEqualTo(ImageArchive.DOCKER_LAYER);
            });
            assertThat(image.names()).containsExactly("app:1");
            assertThat(ImageArchive.sha256(image.manifestBytes())).isEqualTo(image.digest());
        }
    }

    @Test
    void refusesLinksThatLeaveTheArchiveOrLoop() throws IOException {
        Path escaping = tar(t -> {
            file(t, "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"layer.tar\"]}]");
            file(t, "config.json", CONFIG);
            symlink(t, "layer.tar", "../../../etc/passwd");
        });
        Path looping = tar(t -> {
            file(t, "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"a\"]}]");
            file(t, "config.json", CONFIG);
            symlink(t, "a", "b");
            symlink(t, "b", "a");
        });

        try (ImageArchive archive = ImageArchive.open(escaping, 100)) {
            assertThatThrownBy(() -> archive.select(null, null, null)).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("outside the archive");
        }
        try (ImageArchive archive = ImageArchive.open(looping, 100)) {
            assertThatThrownBy(() -> archive.select(null, null, null)).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("chain of more than");
        }
    }

    @Test
    void asksWhichImageWhenADockerArchiveHoldsSeveral() throws IOException {
        Path tar = tar(t -> {
            file(t, "manifest.json", "[{\"Config\":\"c1.json\",\"RepoTags\":[\"one:1\"],\"Layers\":[]},"
                    + "{\"Config\":\"c2.json\",\"RepoTags\":[\"two:2\"],\"Layers\":[]}]");
            file(t, "c1.json", CONFIG);
            file(t, "c2.json", CONFIG.replace("amd64", "arm64"));
        });

        try (ImageArchive archive = ImageArchive.open(tar, 100)) {
            assertThatThrownBy(() -> archive.select(null, null, null)).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("one:1").hasMessageContaining("two:2");
            assertThat(archive.select(null, "two:2", null).names()).contains("two:2");
        }
    }

    @Test
    void refusesADescriptorThatLiesAboutABlobsSize() throws IOException {
        String layer = "sha256:" + "a".repeat(64);
        String config = ImageArchive.sha256(CONFIG.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + config + "\",\"size\":" + CONFIG.length()
                + "},\"layers\":[{\"digest\":\"" + layer + "\",\"size\":5}]}";
        String manifestDigest = ImageArchive.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        Path tar = tar(t -> {
            file(t, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
            file(t, "index.json", "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + ImageArchive.OCI_MANIFEST
                    + "\",\"digest\":\"" + manifestDigest + "\",\"size\":" + manifest.length() + "}]}");
            file(t, "blobs/sha256/" + manifestDigest.substring(7), manifest);
            file(t, "blobs/sha256/" + config.substring(7), CONFIG);
            file(t, "blobs/sha256/" + layer.substring(7), "more than five bytes");
        });

        try (ImageArchive archive = ImageArchive.open(tar, 100)) {
            assertThatThrownBy(() -> archive.select(null, null, null)).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("descriptor says 5");
        }
    }

    @Test
    void refusesArchivesWithAbsurdlyManyEntriesAndOnesThatAreNoImage() throws IOException {
        Path many = tar(t -> {
            for (int i = 0; i < 50; i++) {
                file(t, "junk/" + i, "x");
            }
        });
        Path other = tar(t -> file(t, "README", "not an image"));

        assertThatThrownBy(() -> ImageArchive.open(many, 20)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("50 entries");
        try (ImageArchive archive = ImageArchive.open(other, 100)) {
            assertThatThrownBy(archive::detectFormat).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("neither a docker save tar");
        }
    }

    @Test
    void matchesRequestedNamesAgainstTheArchivesOwn() {
        assertThat(ImageArchive.nameMatches("1.0", "registry.example.com/app:1.0")).isTrue();
        assertThat(ImageArchive.nameMatches("docker.io/library/app:1.0", "library/app:1.0")).isTrue();
        assertThat(ImageArchive.nameMatches("app:1.0", "app:1.0")).isTrue();
        assertThat(ImageArchive.nameMatches("app:2.0", "app:1.0")).isFalse();
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path tar(Entries entries) throws IOException {
        Path tar = Files.createTempFile(dir, "archive", ".tar");
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(out);
        }
        return tar;
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
