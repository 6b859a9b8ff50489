package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            alpine                                 | docker.io             | alpine              | latest | -
            alpine:3.19                            | docker.io             | alpine              | 3.19   | -
            library/alpine                         | docker.io             | alpine              | latest | -
            docker.io/alpine                       | docker.io             | alpine              | latest | -
            docker.io/library/alpine:edge          | docker.io             | alpine              | edge   | -
            docker.io/library/team/app             | docker.io             | library/team/app    | latest | -
            bitnami/redis:7.2                      | docker.io             | bitnami/redis       | 7.2    | -
            team/sub/app                           | docker.io             | team/sub/app        | latest | -
            quay.io/coreos/etcd:v3.5.0             | quay.io               | coreos/etcd         | v3.5.0 | -
            registry.example.com:5000/app          | registry.example.com:5000 | app             | latest | -
            127.0.0.1:41234/drydock/small:v1       | 127.0.0.1:41234       | drydock/small       | v1     | -
            localhost/app:1                        | localhost             | app                 | 1      | -
            localhost:5000/app                     | localhost:5000        | app                 | latest | -
            localhost.localdomain/app              | localhost.localdomain | app                 | latest | -
            localbuild/app:dev                     | localbuild            | app                 | dev    | -
            myhost/app                             | docker.io             | myhost/app          | latest | -
            my_org/my-app.name:Tag_1.0-rc          | docker.io             | my_org/my-app.name  | Tag_1.0-rc | -
            ghcr.io/owner/repo/image:sha-abc       | ghcr.io               | owner/repo/image    | sha-abc | -
            """)
    void parsesPullStringsLikeAnchore(String input, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(input);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isEqualTo(digest);
    }

    @Test
    void parsesDigestReferenceWithoutTag() {
        ImageReference ref = ImageReference.parse("quay.io/team/app@" + DIGEST);

        assertThat(ref.registry()).isEqualTo("quay.io");
        assertThat(ref.repository()).isEqualTo("team/app");
        assertThat(ref.tag()).isNull();
        assertThat(ref.digest()).isEqualTo(DIGEST);
        assertThat(ref.fulltag()).isNull();
        assertThat(ref.manifestReference()).isEqualTo(DIGEST);
    }

    @Test
    void keepsTagNextToDigestButPullsByDigest() {
        ImageReference ref = ImageReference.parse("alpine:3.19@" + DIGEST);

        assertThat(ref.tag()).isEqualTo("3.19");
        assertThat(ref.digest()).isEqualTo(DIGEST);
        assertThat(ref.manifestReference()).isEqualTo(DIGEST);
        assertThat(ref).hasToString("docker.io/alpine:3.19@" + DIGEST);
    }

    @Test
    void digestReferenceOnRegistryWithPort() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/app@" + DIGEST);

        assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.repository()).isEqualTo("app");
        assertThat(ref.digest()).isEqualTo(DIGEST);
    }

    @Test
    void storedFormHasNoLibraryPrefixButTheWireFormHas() {
        ImageReference ref = ImageReference.parse("docker.io/library/alpine");

        assertThat(ref.fulltag()).isEqualTo("docker.io/alpine:latest");
        assertThat(ref.fulldigest(DIGEST)).isEqualTo("docker.io/alpine@" + DIGEST);
        assertThat(ref.wireRepository()).isEqualTo("library/alpine");
        assertThat(ref.wireRegistryHost()).isEqualTo("registry-1.docker.io");
        assertThat(ref).isEqualTo(ImageReference.parse("alpine"));
    }

    @Test
    void wireFormsLeaveOtherRegistriesAndNamespacedRepositoriesAlone() {
        assertThat(ImageReference.parse("bitnami/redis").wireRepository()).isEqualTo("bitnami/redis");
        ImageReference quay = ImageReference.parse("quay.io/app");
        assertThat(quay.wireRepository()).isEqualTo("app");
        assertThat(quay.wireRegistryHost()).isEqualTo("quay.io");
    }

    @Test
    void fulltagAndFulldigestUseRegistryAndRepository() {
        ImageReference ref = ImageReference.parse("127.0.0.1:41234/drydock/small:v1");

        assertThat(ref.fulltag()).isEqualTo("127.0.0.1:41234/drydock/small:v1");
        assertThat(ref.fulldigest(DIGEST)).isEqualTo("127.0.0.1:41234/drydock/small@" + DIGEST);
        assertThat(ref.withDigest(DIGEST).manifestReference()).isEqualTo(DIGEST);
    }

    @Test
    void constructorDefaultsTheTagAndNormalisesDockerHub() {
        ImageReference ref = new ImageReference("docker.io", "library/nginx", null, null);

        assertThat(ref.repository()).isEqualTo("nginx");
        assertThat(ref.tag()).isEqualTo("latest");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "",
            "alpine latest",
            "alpine!",
            "alpine:tag with space",
            "ALPINE$",
            "alpine:",
            "alpine@",
            "alpine@sha256:abc",
            "alpine@md5:" + "0123456789abcdef0123456789abcdef",
            "alpine@@" + "sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "sha256:0000000000000000000000000000000000000000000000000000000000000000",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "quay.io/",
            "quay.io//app",
            "quay.io/app/",
            "localhost:99999/app",
            "localhost:/app",
            "-bad/app",
            "app:-tag",
            "app:tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt",
            "a/b:c/d",
    })
    void rejectsWhatIsNotAPullString(String input) {
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidImageReferenceException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + input + "'");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ImageReference.parse(null)).isInstanceOf(InvalidImageReferenceException.class);
    }

    @Test
    void explainsDisallowedCharacters() {
        assertThatThrownBy(() -> ImageReference.parse("alpine;rm -rf"))
                .hasMessageContaining("[a-zA-Z0-9@:/_.-]");
    }
}
