package io.drydock.cli.image;

import io.drydock.cli.CliException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSourceTest {

    @Test
    void readsRegistryReferencesIncludingOnesWithAPortAndADigest() {
        assertThat(ImageSource.parse("registry.example.com/team/app:1.4"))
                .isEqualTo(new ImageSource.Registry("registry.example.com/team/app:1.4"));
        assertThat(ImageSource.parse("localhost:5000/app:1")).isEqualTo(new ImageSource.Registry("localhost:5000/app:1"));
        assertThat(ImageSource.parse("alpine")).isEqualTo(new ImageSource.Registry("alpine"));
        assertThat(ImageSource.parse("docker://docker.io/library/alpine:3.20"))
                .isEqualTo(new ImageSource.Registry("docker.io/library/alpine:3.20"));
        String digest = "sha256:" + "a".repeat(64);
        assertThat(ImageSource.parse("repo/app@" + digest)).isEqualTo(new ImageSource.Registry("repo/app@" + digest));
    }

    @Test
    void readsArchivesAndLayoutsByTheirTransportPrefix() {
        assertThat(ImageSource.parse("docker-archive:/tmp/app.tar")).isEqualTo(
                new ImageSource.Archive(ImageSource.ArchiveFormat.DOCKER_ARCHIVE, Path.of("/tmp/app.tar")));
        assertThat(ImageSource.parse("oci-archive:build/app.oci.tar")).isEqualTo(
                new ImageSource.Archive(ImageSource.ArchiveFormat.OCI_ARCHIVE, Path.of("build/app.oci.tar")));
        assertThat(ImageSource.parse("oci-dir:./layout")).isEqualTo(new ImageSource.OciDirectory(Path.of("./layout")));
        assertThat(ImageSource.parse("oci-dir:/path/with:colon"))
                .as("everything after the prefix is the path").isEqualTo(new ImageSource.OciDirectory(Path.of("/path/with:colon")));
        assertThat(ImageSource.ArchiveFormat.OCI_ARCHIVE.label()).isEqualTo("oci-archive");
        assertThat(ImageSource.ArchiveFormat.DOCKER_ARCHIVE.label()).isEqualTo("docker-archive");
    }

    @Test
    void refusesWhatIsNeitherWithAMessageSayingWhatToWrite() {
        assertThatThrownBy(() -> ImageSource.parse("./app.tar")).isInstanceOf(CliException.class)
                .hasMessageContaining("looks like a file").hasMessageContaining("docker-archive:./app.tar");
        assertThatThrownBy(() -> ImageSource.parse("/srv/layout")).hasMessageContaining("oci-dir:/srv/layout");
        assertThatThrownBy(() -> ImageSource.parse("oci:/srv/layout:1.0")).isInstanceOf(CliException.class)
                .hasMessageContaining("'oci:' images are not supported").hasMessageContaining("oci-dir:PATH");
        assertThatThrownBy(() -> ImageSource.parse("docker-archive:")).hasMessageContaining("needs a path");
        assertThatThrownBy(() -> ImageSource.parse("app name:1")).hasMessageContaining("is not an image reference");
        assertThatThrownBy(() -> ImageSource.parse("  ")).hasMessageContaining("no image given");
    }
}
