package io.drydock.gateway.archive;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.account.AccountRepository;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.image.ImageArchives;
import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image archives uploaded through {@code POST /v1/images/archive}: archives written by a real tool (skopeo) from
 * images in the real test registry, recorded like images added by tag, their content kept in the object store.
 */
class ArchiveUploadIT extends GatewayIT {

    @Autowired
    DSLContext dsl;
    @Autowired
    AccountRepository accounts;

    @TempDir
    Path work;

    @Test
    void recordsADockerSaveArchiveUnderTheNameItCarries() throws Exception {
        TestImage image = image("docker-save", ImageFormat.DOCKER, "amd64", null);
        image.push(REGISTRY, "archives/docker-save", "1.0");
        Path tar = ImageArchives.export(REGISTRY, "archives/docker-save:1.0", "docker-archive",
                work.resolve("saved.tar"), "localbuild/app:1.0", false);

        Response response = admin().upload("/v1/images/archive", "archive_file", tar);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode record = response.body().get(0);
        String digest = record.get("imageDigest").asString();
        assertThat(record.get("analysis_status").asString()).isEqualTo("not_analyzed");
        assertThat(record.at("/image_detail/0/fulltag").asString()).as("skopeo writes the name normalised")
                .isEqualTo("docker.io/localbuild/app:1.0");
        assertThat(record.get("imageDigest").asString()).isEqualTo(record.get("parentDigest").asString());
        assertThat(record.at("/image_detail/0/imageId").asString())
                .as("the image id is the config digest, as for a pulled image")
                .isEqualTo(image.configDigest().substring("sha256:".length()));
        assertThat(dsl.select(ANALYSIS_JOB.SOURCE).from(ANALYSIS_JOB).where(ANALYSIS_JOB.IMAGE_DIGEST.eq(digest))
                .fetchOne(ANALYSIS_JOB.SOURCE)).isEqualTo("archive");
        assertStored(digest, image.layers().size() + 1);

        Response again = admin().upload("/v1/images/archive?tag=" + encode("localbuild/app:again"), "archive_file", tar);
        assertThat(again.body().get(0).get("imageDigest").asString())
                .as("the same archive always makes the same manifest").isEqualTo(digest);
    }

    @Test
    void keepsTheManifestOfAnOciArchiveSoTheDigestIsTheRegistrysDigest() {
        TestImage image = image("oci", ImageFormat.OCI, "amd64", null);
        String registryDigest = image.push(REGISTRY, "archives/oci", "2.0");
        Path tar = ImageArchives.export(REGISTRY, "archives/oci:2.0", "oci-archive", work.resolve("oci.tar"), "2.0", false);

        Response response = admin().upload("/v1/images/archive?tag=" + encode("registry.example.com/team/oci:2.0"),
                "archive_file", tar);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body().get(0).get("imageDigest").asString()).isEqualTo(registryDigest);
        assertThat(response.body().at("/0/image_detail/0/fulltag").asString()).isEqualTo("registry.example.com/team/oci:2.0");
        assertThat(admin().get("/v1/images/" + registryDigest).status()).isEqualTo(200);
    }

    @Test
    void picksThePlatformAskedForFromAMultiPlatformArchive() {
        TestImage amd64 = image("multi", ImageFormat.OCI, "amd64", null);
        TestImage arm64 = image("multi", ImageFormat.OCI, "arm64", "v8");
        String index = TestImage.pushIndex(REGISTRY, "archives/multi", "3.0", ImageFormat.OCI, List.of(amd64, arm64));
        Path tar = ImageArchives.export(REGISTRY, "archives/multi:3.0", "oci-archive", work.resolve("multi.tar"), "3.0", true);

        Response arm = admin().upload("/v1/images/archive?tag=multi:3.0&platform=linux/arm64", "archive_file", tar);
        Response absent = admin().upload("/v1/images/archive?tag=multi:3.0&platform=linux/s390x", "archive_file", tar);

        assertThat(arm.status()).as(arm.text()).isEqualTo(200);
        assertThat(arm.body().at("/0/imageDigest").asString()).isEqualTo(arm64.manifestDigest());
        assertThat(arm.body().at("/0/parentDigest").asString()).isEqualTo(index);
        assertThat(absent.status()).isEqualTo(400);
        assertThat(absent.body().get("message").asString()).contains("linux/s390x", "linux/amd64", "linux/arm64");
    }

    @Test
    void refusesBrokenArchivesWithTheReasonAndRecordsNothing() throws Exception {
        TestImage image = image("broken", ImageFormat.OCI, "amd64", null);
        image.push(REGISTRY, "archives/broken", "1.0");
        Path dir = ImageArchives.export(REGISTRY, "archives/broken:1.0", "oci", work.resolve("layout"), "1.0", false);
        // Replace a layer's content inside the layout: its file name (the digest) no longer matches it.
        Path layer = dir.resolve("blobs/sha256/" + image.layers().getFirst().digest().substring("sha256:".length()));
        byte[] original = Files.readAllBytes(layer);
        original[original.length / 2] ^= 0x55;
        Files.write(layer, original);
        Path corrupt = Tars.of(dir, work.resolve("corrupt.tar"));
        Path notATar = Files.writeString(work.resolve("notes.txt"), "this is not an image archive\n".repeat(100));

        Response corrupted = admin().upload("/v1/images/archive?tag=broken:1.0", "archive_file", corrupt);
        Response garbage = admin().upload("/v1/images/archive?tag=broken:1.0", "archive_file", notATar);
        Response missing = admin().post("/v1/images/archive", "");

        assertThat(corrupted.status()).as(corrupted.text()).isEqualTo(400);
        assertThat(corrupted.body().get("message").asString()).contains(image.layers().getFirst().digest(), "digest");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("message").asString()).contains("archive");
        assertThat(missing.status()).isEqualTo(415);
        assertThat(admin().get("/v1/images").body()).isEmpty();
        assertThat(Files.exists(OBJECTS.resolve("images/" + image.manifestDigest().substring(7) + "/manifest.json")))
                .as("no manifest for a refused image").isFalse();
    }

    @Test
    void anUploadedImageBelongsToTheUploadingAccountOnly() {
        TestImage image = image("tenant", ImageFormat.OCI, "amd64", null);
        String digest = image.push(REGISTRY, "archives/tenant", "1.0");
        Path tar = ImageArchives.export(REGISTRY, "archives/tenant:1.0", "oci-archive", work.resolve("t.tar"), "1.0", false);
        accounts.createAccount("team-archives", "user", null, Instant.now());

        assertThat(admin().actingAs("team-archives").upload("/v1/images/archive?tag=tenant:1.0", "archive_file", tar)
                .status()).isEqualTo(200);

        assertThat(admin().get("/v1/images/" + digest).status()).isEqualTo(404);
        assertThat(admin().actingAs("team-archives").get("/v1/images/" + digest).status()).isEqualTo(200);
        TestPostgres.shared().truncate("image", "image_tag", "analysis_job");
    }

    private static void assertStored(String digest, int blobs) throws Exception {
        Path root = OBJECTS.resolve("images/" + digest.substring("sha256:".length()));
        byte[] manifest = Files.readAllBytes(root.resolve("manifest.json"));
        assertThat("sha256:" + sha256(manifest)).isEqualTo(digest);
        try (var files = Files.list(root.resolve("blobs/sha256"))) {
            List<Path> stored = files.toList();
            assertThat(stored).hasSize(blobs);
            for (Path blob : stored) {
                assertThat(sha256(Files.readAllBytes(blob))).as("stored under its digest").isEqualTo(blob.getFileName().toString());
            }
        }
    }

    private static TestImage image(String marker, ImageFormat format, String architecture, String variant) {
        return TestImage.builder().format(format).platform("linux", architecture, variant)
                .layer(TestLayer.builder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n").build())
                .layer(TestLayer.builder().file("srv/" + marker + "-" + architecture, marker).build())
                .build();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
