package io.drydock.platform.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/** A registry (WireMock on loopback) that serves content other than what the digests and sizes promise. */
class RegistryClientIntegrityIT {

    private static final TestImage IMAGE = TestImage.builder().format(ImageFormat.OCI)
            .layer(TestLayer.builder().file("etc/issue", "Debian GNU/Linux 12\n").build())
            .build();
    private static final TestLayer LAYER = IMAGE.layers().getFirst();

    private WireMockServer registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        client = new RegistryClient(LoopbackSettings.plainHttp(hostPort()).withSleeper(wait -> { }),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.stop();
    }

    @Test
    void failsAtTheEndOfALayerWhoseBytesDoNotMatchItsDigest() {
        byte[] tampered = LAYER.blobBytes().clone();
        tampered[tampered.length / 2] ^= 1;
        registry.stubFor(get("/v2/app/blobs/" + LAYER.digest()).willReturn(aResponse().withBody(tampered)));

        assertThatThrownBy(() -> {
            try (InputStream blob = client.openBlob(ref("app"), LAYER.digest(), LAYER.size(), null)) {
                blob.readAllBytes();
            }
        }).isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessage("blob " + LAYER.digest() + " digest mismatch: the registry served content with digest "
                        + Digests.sha256(tampered));
    }

    @Test
    void refusesAConfigWhoseBytesDoNotMatchItsDigest() {
        registry.stubFor(get("/v2/app/blobs/" + IMAGE.configDigest())
                .willReturn(aResponse().withBody("{\"architecture\":\"evil\"}")));

        assertThatThrownBy(() -> client.fetchBlob(ref("app"), IMAGE.configDigest(), null, 1 << 20))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("blob " + IMAGE.configDigest() + " digest mismatch");
    }

    @Test
    void refusesAManifestWhoseDockerContentDigestLies() {
        registry.stubFor(get("/v2/app/manifests/v1").willReturn(aResponse()
                .withHeader("Content-Type", IMAGE.manifestMediaType())
                .withHeader("Docker-Content-Digest", "sha256:" + "1".repeat(64))
                .withBody(IMAGE.manifestBytes())));

        assertThatThrownBy(() -> client.resolve(ref("app:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessage("manifest v1 of " + hostPort() + "/app digest mismatch: Docker-Content-Digest says sha256:"
                        + "1".repeat(64) + " but the content has digest " + IMAGE.manifestDigest());
    }

    @Test
    void refusesAManifestAskedForByDigestThatHasAnother() {
        String asked = "sha256:" + "2".repeat(64);
        registry.stubFor(get("/v2/app/manifests/" + asked).willReturn(aResponse()
                .withHeader("Content-Type", IMAGE.manifestMediaType()).withBody(IMAGE.manifestBytes())));

        assertThatThrownBy(() -> client.resolve(ref("app@" + asked), null, null))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("digest mismatch: the registry " + hostPort() + " served content with digest "
                        + IMAGE.manifestDigest());
    }

    @Test
    void refusesALayerLongerThanItsManifestSaysAsItStreams() {
        serveManifestDeclaringLayerSize(10);
        registry.stubFor(get("/v2/app/blobs/" + LAYER.digest()).willReturn(aResponse().withBody(LAYER.blobBytes())));

        ResolvedImage resolved = client.resolve(ref("app:lying"), null, null);
        Descriptor layer = resolved.layers().getFirst();

        assertThat(layer.size()).isEqualTo(10);
        assertThatThrownBy(() -> {
            try (InputStream blob = client.openBlob(ref("app"), layer.digest(), layer.size(), null)) {
                blob.readAllBytes();
            }
        }).isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                .hasMessage("blob " + LAYER.digest() + " of " + hostPort() + "/app is larger than its descriptor says "
                        + "(10 bytes)");
    }

    @Test
    void refusesALayerLongerThanItsManifestSaysFromItsContentLength() {
        registry.stubFor(get("/v2/app/blobs/" + LAYER.digest()).willReturn(aResponse()
                .withHeader("Content-Length", String.valueOf(LAYER.size())).withBody(LAYER.blobBytes())));

        assertThatThrownBy(() -> client.openBlob(ref("app"), LAYER.digest(), 10, null))
                .isInstanceOf(RegistryException.class)
                .hasMessage("blob " + LAYER.digest() + " of " + hostPort() + "/app is larger than its descriptor says "
                        + "(10 bytes): the registry announced " + LAYER.size());
    }

    @Test
    void refusesALayerShorterThanItsManifestSays() {
        long declared = LAYER.size() + 100;
        serveManifestDeclaringLayerSize(declared);
        registry.stubFor(get("/v2/app/blobs/" + LAYER.digest()).willReturn(aResponse().withBody(LAYER.blobBytes())));

        Descriptor layer = client.resolve(ref("app:lying"), null, null).layers().getFirst();

        assertThatThrownBy(() -> {
            try (InputStream blob = client.openBlob(ref("app"), layer.digest(), layer.size(), null)) {
                blob.readAllBytes();
            }
        }).isInstanceOf(RegistryException.class)
                .hasMessage("blob " + LAYER.digest() + " of " + hostPort() + "/app is smaller than its descriptor says ("
                        + declared + " bytes): it ended after " + LAYER.size());
    }

    @Test
    void refusesAManifestWithALayerWithoutSize() {
        registry.stubFor(get("/v2/app/manifests/sizeless").willReturn(aResponse()
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .withBody(manifest("").getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> client.resolve(ref("app:sizeless"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                .hasMessageContaining("has a layer without a valid size");
    }

    private void serveManifestDeclaringLayerSize(long size) {
        registry.stubFor(get("/v2/app/manifests/lying").willReturn(aResponse()
                .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                .withBody(manifest(",\"size\":" + size).getBytes(StandardCharsets.UTF_8))));
    }

    /** An OCI manifest of the image whose layer descriptor ends with {@code layerSize}. */
    private static String manifest(String layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + IMAGE.configDigest() + "\",\"size\":" + IMAGE.configBytes().length + "},"
                + "\"layers\":[{\"mediaType\":\"" + LAYER.mediaType(ImageFormat.OCI) + "\",\"digest\":\"" + LAYER.digest()
                + "\"" + layerSize + "}]}";
    }

    private String hostPort() {
        return "127.0.0.1:" + registry.port();
    }

    private ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(hostPort() + "/" + repositoryAndTag);
    }
}
