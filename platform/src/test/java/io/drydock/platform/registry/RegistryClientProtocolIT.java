package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/** Registry answers a real registry does not give on demand: corrupt content, schema 1, sparse headers. */
class RegistryClientProtocolIT {

    private static final TestImage IMAGE = TestImage.builder().format(ImageFormat.OCI).omitManifestMediaType()
            .layer(TestLayer.builder().file("etc/issue", "Debian GNU/Linux 12\n").build())
            .build();

    private FakeRegistry fake;
    private RegistryClient client;

    @BeforeEach
    void start() {
        fake = FakeRegistry.start();
        client = new RegistryClient(LoopbackSettings.plainHttp(fake.hostPort()).withSleeper(wait -> { }),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void failsAtTheEndOfABlobWhoseBytesDoNotMatchItsDigest() {
        String digest = IMAGE.layers().getFirst().digest();
        fake.respond("/v2/app/blobs/" + digest, 200, Map.of(), "tampered".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> {
            try (InputStream blob = client.openBlob(ref("app"), digest, "tampered".length(), null)) {
                blob.readAllBytes();
            }
        }).isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageContaining("blob " + digest + " digest mismatch");
        assertThatThrownBy(() -> client.fetchBlob(ref("app"), digest, null, 1024))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("blob " + digest + " digest mismatch");
    }

    @Test
    void rejectsDockerSchema1Manifests() {
        byte[] schema1 = """
                {"schemaVersion": 1, "name": "old/app", "tag": "v1", "architecture": "amd64",
                 "fsLayers": [{"blobSum": "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"}],
                 "history": [{"v1Compatibility": "{}"}]}
                """.getBytes(StandardCharsets.UTF_8);
        fake.respond("/v2/old/app/manifests/v1", 200,
                Map.of("Content-Type", MediaTypes.DOCKER_SCHEMA1_SIGNED), schema1);
        fake.respond("/v2/old/app/manifests/unsigned", 200, Map.of("Content-Type", "application/json"), schema1);

        for (String tag : new String[] {"v1", "unsigned"}) {
            assertThatThrownBy(() -> client.resolve(ref("old/app:" + tag), null, null))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                    .hasMessageContaining("Docker schema 1");
        }
    }

    @Test
    void tellsTheManifestTypeFromTheBodyWhenTheContentTypeIsGeneric() {
        fake.respond("/v2/app/manifests/v1", 200, Map.of("Content-Type", "application/json"), IMAGE.manifestBytes());

        ResolvedImage resolved = client.resolve(ref("app:v1"), null, null);

        assertThat(resolved.manifestMediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(resolved.digest()).isEqualTo(IMAGE.manifestDigest());
    }

    @Test
    void rejectsAManifestThatDoesNotMatchItsDigest() {
        fake.respond("/v2/app/manifests/v1", 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST,
                "Docker-Content-Digest", "sha256:" + "1".repeat(64)), IMAGE.manifestBytes());
        fake.respond("/v2/app/manifests/" + "sha256:" + "2".repeat(64), 200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST), IMAGE.manifestBytes());

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageContaining("digest mismatch");
        assertThatThrownBy(() -> client.resolve(ref("app@sha256:" + "2".repeat(64)), null, null))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("digest mismatch");
    }

    @Test
    void reportsServerErrorsAsTransientAndForbiddenAsPermissionDenied() {
        fake.respond("/v2/app/manifests/v1", 503, Map.of(), new byte[0]);
        fake.respond("/v2/app/manifests/v2", 403, Map.of("Content-Type", "application/json"),
                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageContaining("answered HTTP 503");
        assertThatThrownBy(() -> client.resolve(ref("app:v2"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_PERMISSION_DENIED))
                .hasMessageContaining("DENIED requested access to the resource is denied");
    }

    @Test
    void followsRelativeAndAbsoluteNextLinksWhenListingTags() {
        fake.respond("/v2/app/tags/list", 200, Map.of("Content-Type", "application/json",
                        "Link", "</v2/app/tags/list-2?last=b&n=2>; rel=\"next\""),
                "{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8));
        fake.respond("/v2/app/tags/list-2", 200, Map.of("Content-Type", "application/json",
                        "Link", "<" + fake.baseUrl() + "/v2/app/tags/list-3?last=d&n=2>; rel=\"next\""),
                "{\"name\":\"app\",\"tags\":[\"c\",\"d\"]}".getBytes(StandardCharsets.UTF_8));
        fake.respond("/v2/app/tags/list-3", 200, Map.of("Content-Type", "application/json"),
                "{\"name\":\"app\",\"tags\":[\"e\"]}".getBytes(StandardCharsets.UTF_8));

        assertThat(client.listTags(ref("app"), null)).containsExactly("a", "b", "c", "d", "e");
        assertThat(fake.requests()).extracting(FakeRegistry.Request::query)
                .containsExactly("n=1000", "last=b&n=2", "last=d&n=2");
    }

    @Test
    void listsNoTagsForARepositoryWithoutAny() {
        fake.respond("/v2/app/tags/list", 200, Map.of("Content-Type", "application/json"),
                "{\"name\":\"app\",\"tags\":null}".getBytes(StandardCharsets.UTF_8));

        assertThat(client.listTags(ref("app"), null)).isEmpty();
    }

    private ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(fake.hostPort() + "/" + repositoryAndTag);
    }
}
