package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.drydock.testkit.image.Compression;
import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;

/** {@link RegistryClient} against a real distribution registry ({@link TestRegistry#shared()}). */
class RegistryClientIT {

    private static TestRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.shared();
        client = new RegistryClient(LoopbackSettings.plainHttp(registry.hostPort()),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void resolvesAnImageByTagAndByDigest(ImageFormat format) {
        TestImage image = smallImage(format, "linux", "amd64", null);
        String repository = "drydock/small-" + format.name().toLowerCase();
        String digest = image.push(registry, repository, "v1");

        ResolvedImage byTag = client.resolve(ref(repository + ":v1"), null, null);
        ResolvedImage byDigest = client.resolve(ref(repository + "@" + digest), Platform.LINUX_AMD64, null);

        assertThat(byTag.digest()).isEqualTo(digest).isEqualTo(byTag.parentDigest());
        assertThat(byTag.fromIndex()).isFalse();
        assertThat(byTag.manifestMediaType()).isEqualTo(format.manifestMediaType());
        assertThat(byTag.manifestBytes()).isEqualTo(image.manifestBytes());
        assertThat(byTag.parentManifestBytes()).isEqualTo(image.manifestBytes());
        assertThat(byTag.configDigest()).isEqualTo(image.configDigest());
        assertThat(byTag.imageId()).isEqualTo(image.configDigest().substring("sha256:".length()));
        assertThat(byTag.layers()).extracting(Descriptor::digest)
                .containsExactlyElementsOf(image.layers().stream().map(TestLayer::digest).toList());
        assertThat(byTag.layers()).extracting(Descriptor::mediaType).containsOnly(format.layerMediaType(Compression.GZIP));
        assertThat(byTag.compressedSize()).isEqualTo(image.layers().stream().mapToLong(TestLayer::size).sum());
        assertThat(byDigest.digest()).isEqualTo(digest);
        assertThat(byDigest.configDigest()).isEqualTo(byTag.configDigest());
    }

    @Test
    void resolvesAnOciManifestThatOmitsItsMediaType() {
        TestImage image = TestImage.builder().format(ImageFormat.OCI).omitManifestMediaType()
                .layer(TestLayer.builder().file("etc/hostname", "umoci\n").build())
                .build();
        String digest = image.push(registry, "drydock/umoci-like", "v1");

        ResolvedImage resolved = client.resolve(ref("drydock/umoci-like:v1"), null, null);

        assertThat(resolved.digest()).isEqualTo(digest);
        assertThat(resolved.manifestMediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void streamsLayersAndFetchesTheConfigWithDigestVerification() throws IOException {
        TestImage image = TestImage.builder()
                .layer(TestLayer.builder().file("etc/os-release", "ID=debian\n").build())
                .layer(TestLayer.builder().compression(Compression.ZSTD).file("opt/app/app.jar", "jar").build())
                .layer(TestLayer.builder().compression(Compression.NONE).symlink("opt/app/current", "app.jar").build())
                .build();
        image.push(registry, "drydock/layers", "v1");
        ImageReference ref = ref("drydock/layers:v1");
        ResolvedImage resolved = client.resolve(ref, null, null);

        for (int i = 0; i < image.layers().size(); i++) {
            try (InputStream blob = client.openBlob(ref, resolved.layers().get(i).digest(), resolved.layers().get(i).size(), null)) {
                assertThat(blob.readAllBytes()).isEqualTo(image.layers().get(i).blobBytes());
            }
        }
        assertThat(client.fetchBlob(ref, resolved.configDigest(), null, 1 << 20)).isEqualTo(image.configBytes());
        assertThat(resolved.layers()).extracting(Descriptor::mediaType).containsExactly(
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "application/vnd.docker.image.rootfs.diff.tar.zstd",
                "application/vnd.docker.image.rootfs.diff.tar");
    }

    @Test
    void streamsALayerWrittenFromADirectoryTree(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/bin"));
        Path tool = Files.writeString(root.resolve("usr/bin/tool"), "#!/bin/sh\n");
        Files.setAttribute(tool, "unix:uid", 1234);
        Files.setAttribute(tool, "unix:gid", 5678);
        // After the chown: changing the owner clears the setuid bit.
        Files.setAttribute(tool, "unix:mode", 04750);
        Files.createLink(root.resolve("usr/bin/tool-again"), tool);
        Files.createSymbolicLink(root.resolve("usr/bin/t"), Path.of("tool"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("usr/bin/control.sock")));
            TestLayer layer = TestLayer.fromDirectory(root);
            TestImage image = TestImage.builder().layer(layer).build();
            image.push(registry, "drydock/tree", "v1");
            ImageReference ref = ref("drydock/tree:v1");

            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            Descriptor layerDescriptor = client.resolve(ref, null, null).layers().getFirst();
            try (InputStream blob = client.openBlob(ref, layerDescriptor.digest(), layerDescriptor.size(), null);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(blob))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    entries.put(entry.getName(), entry);
                }
            }

            assertThat(entries).containsOnlyKeys("usr/", "usr/bin/", "usr/bin/t", "usr/bin/tool", "usr/bin/tool-again");
            assertThat(entries.get("usr/bin/tool")).satisfies(entry -> {
                assertThat(entry.getMode() & 07777).isEqualTo(04750);
                assertThat(entry.getLongUserId()).isEqualTo(1234);
                assertThat(entry.getLongGroupId()).isEqualTo(5678);
                assertThat(entry.getSize()).isEqualTo(10);
            });
            assertThat(entries.get("usr/bin/tool-again")).satisfies(entry -> {
                assertThat(entry.isLink()).isTrue();
                assertThat(entry.getLinkName()).isEqualTo("usr/bin/tool");
            });
            assertThat(entries.get("usr/bin/t")).satisfies(entry -> {
                assertThat(entry.isSymbolicLink()).isTrue();
                assertThat(entry.getLinkName()).isEqualTo("tool");
            });
        }
    }

    @Test
    void refusesABlobLargerThanTheLimit() {
        TestImage image = smallImage(ImageFormat.DOCKER, "linux", "amd64", null);
        image.push(registry, "drydock/limits", "v1");

        assertThatThrownBy(() -> client.fetchBlob(ref("drydock/limits"), image.configDigest(), null, 10))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                .hasMessageContaining("larger than the limit of 10 bytes");
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void picksThePlatformFromAMultiArchIndex(ImageFormat format) {
        TestImage amd64 = smallImage(format, "linux", "amd64", null);
        TestImage arm64 = smallImage(format, "linux", "arm64", "v8");
        TestImage armv7 = smallImage(format, "linux", "arm", "v7");
        String repository = "drydock/multi-" + format.name().toLowerCase();
        String indexDigest = TestImage.pushIndex(registry, repository, "v1", format, List.of(armv7, arm64, amd64));

        ResolvedImage byDefault = client.resolve(ref(repository + ":v1"), null, null);
        ResolvedImage forArm64 = client.resolve(ref(repository + ":v1"), Platform.parse("linux/arm64/v8"), null);
        ResolvedImage byIndexDigest = client.resolve(ref(repository + "@" + indexDigest), Platform.parse("linux/arm/v7"), null);

        assertThat(byDefault.digest()).isEqualTo(amd64.manifestDigest());
        assertThat(byDefault.parentDigest()).isEqualTo(indexDigest);
        assertThat(byDefault.fromIndex()).isTrue();
        assertThat(byDefault.parentManifestBytes()).isEqualTo(TestImage.indexBytes(format, List.of(armv7, arm64, amd64)));
        assertThat(byDefault.configDigest()).isEqualTo(amd64.configDigest());
        assertThat(forArm64.digest()).isEqualTo(arm64.manifestDigest());
        assertThat(forArm64.parentDigest()).isEqualTo(indexDigest);
        assertThat(byIndexDigest.digest()).isEqualTo(armv7.manifestDigest());
        assertThat(byIndexDigest.parentDigest()).isEqualTo(indexDigest);
        assertThatThrownBy(() -> client.resolve(ref(repository + ":v1"), Platform.parse("linux/s390x"), null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.OSARCH_MISMATCH))
                .hasMessageContaining("no linux/s390x image in index " + indexDigest)
                .hasMessageContaining("available: linux/arm/v7, linux/arm64/v8, linux/amd64");
    }

    @Test
    void reportsMissingTagsRepositoriesAndBlobsAsNotFound() {
        smallImage(ImageFormat.DOCKER, "linux", "amd64", null).push(registry, "drydock/present", "v1");

        assertThatThrownBy(() -> client.resolve(ref("drydock/present:nope"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_IMAGE_NOT_FOUND))
                .hasMessageContaining("manifest nope of " + registry.hostPort() + "/drydock/present not found");
        assertThatThrownBy(() -> client.resolve(ref("drydock/absent:v1"), null, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_IMAGE_NOT_FOUND));
        assertThatThrownBy(() -> client.openBlob(ref("drydock/present"), "sha256:" + "0".repeat(64), 10, null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_IMAGE_NOT_FOUND));
    }

    @Test
    void listsTagsAcrossPages() {
        TestImage image = smallImage(ImageFormat.OCI, "linux", "amd64", null);
        List<String> tags = List.of("1.0", "1.1", "2.0", "latest", "edge");
        for (String tag : tags) {
            image.push(registry, "drydock/tagged", tag);
        }

        assertThat(client.listTags(ref("drydock/tagged"), null, 2)).containsExactlyInAnyOrderElementsOf(tags);
        assertThat(client.listTags(ref("drydock/tagged"), null)).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void retriesAnUnreachableRegistryThenReportsItAsNotAccessible() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String hostPort = "127.0.0.1:" + closedPort;
        List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RegistryClient shortTimeouts = new RegistryClient(
                LoopbackSettings.plainHttp(hostPort).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                        .withSleeper(wait -> sleeps.add(wait)),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY))) {

            assertThatThrownBy(() -> shortTimeouts.resolve(ImageReference.parse(hostPort + "/app:v1"), null, null))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE);
                        assertThat(e.isTransient()).isTrue();
                    })
                    .hasMessageContaining("registry " + hostPort + " not accessible")
                    .hasMessageContaining("gave up after 5 attempts");
            assertThat(sleeps).as("a wait between each two attempts").hasSize(4);
        }
    }

    private static ImageReference ref(String repositoryAndTag) {
        return ImageReference.parse(registry.hostPort() + "/" + repositoryAndTag);
    }

    private static TestImage smallImage(ImageFormat format, String os, String architecture, String variant) {
        return TestImage.builder()
                .format(format)
                .platform(os, architecture, variant)
                .layer(TestLayer.builder()
                        .dir("etc")
                        .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                        .file("etc/platform", (os + "/" + architecture).getBytes(StandardCharsets.UTF_8), 0600, 0, 0)
                        .build(), "ADD rootfs /")
                .emptyLayer("ENV PATH=/usr/bin")
                .layer(TestLayer.builder().dir("app", 0750, 1000, 1000).whiteout("etc/platform").build(), "RUN rm /etc/platform")
                .env("PATH=/usr/bin")
                .exposedPort("8080/tcp")
                .user("1000")
                .healthcheck("CMD", "true")
                .cmd("/app/run")
                .build();
    }
}
