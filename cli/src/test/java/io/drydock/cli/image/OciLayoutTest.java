package io.drydock.cli.image;

import io.drydock.cli.CliException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciLayoutTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temporary;
    private Path dir;
    private String layer;
    private String config;
    private String manifest;

    /** A small but complete layout: one manifest, its config and a layer, as skopeo writes one. */
    @BeforeEach
    void writeLayout() throws IOException {
        dir = Files.createDirectory(temporary.resolve("layout"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
        layer = blob(new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5});
        config = blob("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                .getBytes(StandardCharsets.UTF_8));
        manifest = blob(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", config) + ","
                + "\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer) + "]}")
                .getBytes(StandardCharsets.UTF_8));
        writeIndex(descriptor("application/vnd.oci.image.manifest.v1+json", manifest));
    }

    @Test
    void packsExactlyTheLayoutsFilesWithTheSameBytes() throws Exception {
        OciLayout layout = OciLayout.open(dir, JSON);
        Path tar = temporary.resolve("layout.tar");

        layout.packTo(tar);

        Map<String, byte[]> packed = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(entry.isFile()).as(entry.getName()).isTrue();
                packed.put(entry.getName(), in.readAllBytes());
            }
        }
        Map<String, byte[]> onDisk = new TreeMap<>();
        for (String name : new String[]{"oci-layout", "index.json", "blobs/sha256/" + hex(layer),
                "blobs/sha256/" + hex(config), "blobs/sha256/" + hex(manifest)}) {
            onDisk.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        assertThat(packed).containsOnlyKeys(onDisk.keySet());
        onDisk.forEach((name, bytes) -> assertThat(packed.get(name)).as(name).isEqualTo(bytes));
        assertThat(layout.files()).hasSize(5);
    }

    @Test
    void packsNamesLongerThanAPlainTarHeaderHolds() throws Exception {
        byte[] content = "a blob under a 128-character sha512 name".getBytes(StandardCharsets.UTF_8);
        Path sha512 = Files.createDirectories(dir.resolve("blobs/sha512")).resolve("b".repeat(128));
        Files.write(sha512, content);
        Path tar = temporary.resolve("layout.tar");

        OciLayout.open(dir, JSON).packTo(tar);

        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            boolean found = false;
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("blobs/sha512/" + "b".repeat(128))) {
                    found = true;
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void packsTheSameLayoutToTheSameBytes() throws Exception {
        Path first = temporary.resolve("first.tar");
        Path second = temporary.resolve("second.tar");
        OciLayout.open(dir, JSON).packTo(first);
        Files.setLastModifiedTime(dir.resolve("index.json"), java.nio.file.attribute.FileTime.fromMillis(0));

        OciLayout.open(dir, JSON).packTo(second);

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void refusesALayoutWithoutItsMarkerFileOrWithAnUnreadableIndex() throws IOException {
        Files.delete(dir.resolve("oci-layout"));
        assertThatThrownBy(() -> OciLayout.open(dir, JSON)).isInstanceOf(CliException.class)
                .hasMessageContaining("is not a usable OCI image layout: oci-layout is missing");

        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"manifests\": [");
        assertThatThrownBy(() -> OciLayout.open(dir, JSON)).hasMessageContaining("index.json is not valid JSON");

        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\": 2, \"manifests\": []}");
        assertThatThrownBy(() -> OciLayout.open(dir, JSON)).hasMessageContaining("index.json lists no manifests");

        assertThatThrownBy(() -> OciLayout.open(dir.resolve("absent"), JSON)).hasMessageContaining("is not a directory");
    }

    @Test
    void namesEveryBlobTheIndexReachesThatIsMissingOrOfTheWrongSize() throws IOException {
        Files.delete(dir.resolve("blobs/sha256/" + hex(layer)));
        Files.write(dir.resolve("blobs/sha256/" + hex(config)), "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> OciLayout.open(dir, JSON)).isInstanceOf(CliException.class)
                .hasMessageContaining("blobs/sha256/" + hex(layer) + " (layer of manifest " + manifest + ") is missing")
                .hasMessageContaining("blobs/sha256/" + hex(config) + " (config of manifest " + manifest + ") is 2 bytes");
    }

    @Test
    void followsNestedIndexesToTheirManifests() throws IOException {
        String nested = blob(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[" + descriptor("application/vnd.oci.image.manifest.v1+json", manifest) + ","
                + descriptor("application/vnd.oci.image.manifest.v1+json", "sha256:" + "c".repeat(64), 10) + "]}")
                .getBytes(StandardCharsets.UTF_8));
        writeIndex(descriptor("application/vnd.oci.image.index.v1+json", nested));

        assertThatThrownBy(() -> OciLayout.open(dir, JSON))
                .hasMessageContaining("blobs/sha256/" + "c".repeat(64) + " (listed in index " + nested + ") is missing");
    }

    @Test
    void refusesDigestsThatWouldNameAPathOutsideBlobs() throws IOException {
        writeIndex("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:../../oci-layout\","
                + "\"size\":31}");

        assertThatThrownBy(() -> OciLayout.open(dir, JSON))
                .hasMessageContaining("has an invalid digest 'sha256:../../oci-layout'");
    }

    private void writeIndex(String... descriptors) throws IOException {
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", descriptors)
                + "]}");
    }

    private String blob(byte[] content) throws IOException {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Files.write(Files.createDirectories(dir.resolve("blobs/sha256")).resolve(hex), content);
            return "sha256:" + hex;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String descriptor(String mediaType, String digest) throws IOException {
        return descriptor(mediaType, digest, Files.size(dir.resolve("blobs/sha256/" + hex(digest))));
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
