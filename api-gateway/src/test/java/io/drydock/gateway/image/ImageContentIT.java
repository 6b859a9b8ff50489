package io.drydock.gateway.image;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredFile;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.ImageRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content and metadata endpoints (Anchore §1.4, §3.4) over an analysis stored the way analyzer-worker stores one:
 * every content type's record shape, files streamed whole or paged by path, and the metadata types.
 */
class ImageContentIT extends GatewayIT {

    private static final String LAYER = "sha256:" + "1a".repeat(32);
    private static final int FILES = 2_503;

    @Autowired
    ImageRepository images;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    TransactionTemplate transactions;

    private final String repo = "drydock/content-" + UUID.randomUUID().toString().substring(0, 8);
    private String digest;

    @BeforeEach
    void analysedImage() {
        digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        Response added = admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0"));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        Instant now = Instant.now();
        images.startAnalysis(digest, now);
        transactions.executeWithoutResult(s -> analyses.save(analysis(digest, now)));
        images.completeAnalysis(digest, "ab".repeat(32), now);
    }

    @Test
    void listsTheContentAndMetadataTypes() {
        assertThat(strings(admin().get("/v1/images/" + digest + "/content").body()))
                .containsExactly("os", "files", "npm", "gem", "python", "java", "binary", "go", "nuget", "rust",
                        "composer");
        assertThat(strings(admin().get("/v1/images/" + digest + "/metadata").body()))
                .containsExactly("manifest", "docker_history", "dockerfile");
    }

    @Test
    void servesOsPackagesWithTheirCpesAndLayer() {
        JsonNode body = admin().get("/v1/images/" + digest + "/content/os").body();
        assertThat(body.path("content_type").asString()).isEqualTo("os");
        JsonNode row = body.path("content").get(0);
        assertThat(row.path("package").asString()).isEqualTo("libssl3");
        assertThat(row.path("version").asString()).isEqualTo("3.0.15-1~deb12u1");
        assertThat(row.path("sourcepkg").asString()).isEqualTo("openssl");
        assertThat(row.path("licenses").get(0).asString()).isEqualTo("Apache-2.0");
        assertThat(row.path("size").asString()).isEqualTo("6254592");
        assertThat(row.path("layer").asString()).isEqualTo(LAYER);
        assertThat(body.path("content").size()).as("only OS package types").isEqualTo(1);
    }

    @Test
    void servesJavaPackagesInAnchoresShape() {
        JsonNode row = admin().get("/v1/images/" + digest + "/content/java").body().path("content").get(0);
        assertThat(row.path("package").asString()).isEqualTo("log4j-core");
        assertThat(row.path("type").asString()).isEqualTo("JAVA-JAR");
        assertThat(row.path("location").asString()).isEqualTo("/app/app.war:WEB-INF/lib/log4j-core-2.14.1.jar");
        assertThat(row.path("implementation-version").asString()).isEqualTo("2.14.1");
        assertThat(row.path("specification-version").asString()).isEqualTo("N/A");
        assertThat(row.path("maven-version").asString()).isEqualTo("2.14.1");
        assertThat(row.path("origin").asString()).isEqualTo("org.apache.logging.log4j");
        assertThat(row.path("metadata").path("pom.properties").path("artifactId").asString()).isEqualTo("log4j-core");
        assertThat(row.path("cpes").get(0).asString())
                .isEqualTo("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
        assertThat(row.path("purl").asString()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    }

    @Test
    void servesOtherLanguagePackagesInTheGenericShape() {
        JsonNode npm = admin().get("/v1/images/" + digest + "/content/npm").body().path("content").get(0);
        assertThat(npm.path("package").asString()).isEqualTo("lodash");
        assertThat(npm.path("type").asString()).isEqualTo("NPM");
        assertThat(npm.path("location").asString()).isEqualTo("/app/node_modules/lodash/package.json");
        assertThat(npm.path("license").asString()).isEqualTo("MIT");
        assertThat(npm.path("origin").asString()).isEqualTo("John-David Dalton");
        JsonNode go = admin().get("/v1/images/" + digest + "/content/go").body();
        assertThat(go.path("content").size()).isZero();
    }

    @Test
    void refusesUnknownContentAndMetadataTypes() {
        Response content = admin().get("/v1/images/" + digest + "/content/malware");
        assertThat(content.status()).isEqualTo(404);
        assertThat(content.body().path("message").asString()).contains("content type (malware) not available");
        assertThat(admin().get("/v1/images/" + digest + "/metadata/layers").status()).isEqualTo(404);
    }

    @Test
    void streamsEveryFileInPathOrder() {
        Response response = admin().get("/v1/images/" + digest + "/content/files");
        assertThat(response.status()).isEqualTo(200);
        JsonNode content = response.body().path("content");
        assertThat(content.size()).as(response.text().substring(0, Math.min(500, response.text().length())))
                .isEqualTo(FILES);
        assertThat(content.get(0).path("filename").asString()).isEqualTo("/bin/sh");
        JsonNode passwd = find(content, "/usr/bin/passwd");
        assertThat(passwd.path("mode").asString()).isEqualTo("04755");
        assertThat(passwd.path("type").asString()).isEqualTo("file");
        assertThat(passwd.path("sha256").asString()).isEqualTo("4d".repeat(32));
        assertThat(find(content, "/bin/sh").path("linkdest").asString()).isEqualTo("dash");
        assertThat(find(content, "/bin/sh").path("sha256").isNull()).isTrue();
    }

    @Test
    void pagesFilesByPath() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Response page = admin().get("/v1/images/" + digest + "/content/files?limit=1000"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.body().path("content").forEach(row -> seen.add(row.path("filename").asString()));
            after = page.body().path("next").asString(null);
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(FILES).doesNotHaveDuplicates().isSorted();
        assertThat(admin().get("/v1/images/" + digest + "/content/files?limit=0").status()).isEqualTo(400);
    }

    @Test
    void servesTheManifestHistoryAndOnlyAnActualDockerfile() {
        JsonNode manifest = admin().get("/v1/images/" + digest + "/metadata/manifest").body();
        assertThat(manifest.path("metadata_type").asString()).isEqualTo("manifest");
        assertThat(decode(manifest)).contains("\"layers\"").contains("\"config\"");
        JsonNode history = admin().get("/v1/images/" + digest + "/metadata/docker_history").body();
        assertThat(decode(history)).contains("apt-get install -y openssl");
        JsonNode dockerfile = admin().get("/v1/images/" + digest + "/metadata/dockerfile").body();
        assertThat(decode(dockerfile)).as("a guessed Dockerfile is not served as metadata").isEmpty();
    }

    @Test
    void servesRetrievedFilesAndWhereSecretsWereFound() {
        JsonNode retrieved = admin().get("/v1/images/" + digest + "/artifacts/retrieved_files").body();
        assertThat(retrieved.get(0).path("path").asString()).isEqualTo("/etc/passwd");
        assertThat(new String(Base64.getDecoder().decode(retrieved.get(0).path("b64_content").asString()),
                StandardCharsets.UTF_8)).startsWith("root:x:0:0");
        JsonNode secrets = admin().get("/v1/images/" + digest + "/artifacts/secret_search").body();
        assertThat(secrets.get(0).path("path").asString()).isEqualTo("/root/.aws/credentials");
        assertThat(secrets.get(0).path("matches").get(0).path("name").asString()).isEqualTo("AWS_ACCESS_KEY");
        assertThat(secrets.get(0).path("matches").get(0).path("lines").get(0).asInt()).isEqualTo(2);
        assertThat(admin().get("/v1/images/" + digest + "/artifacts/file_content_search").body().size()).isZero();
        assertThat(admin().get("/v1/images/" + digest + "/artifacts/malware").status()).isEqualTo(404);
    }

    private static String decode(JsonNode metadata) {
        return new String(Base64.getDecoder().decode(metadata.path("metadata").asString()), StandardCharsets.UTF_8);
    }

    private static JsonNode find(JsonNode rows, String filename) {
        for (JsonNode row : rows) {
            if (row.path("filename").asString().equals(filename)) {
                return row;
            }
        }
        throw new AssertionError(filename + " not listed");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static StoredAnalysis analysis(String digest, Instant now) {
        String document = """
                {"analyzerVersion": "test", "distro": "debian", "distroVersion": "12",
                 "dockerfileMode": "Guessed", "dockerfile": "FROM scratch\\nRUN apt-get install -y openssl\\n",
                 "dockerHistory": [{"Created": "2024-06-12T00:00:00Z", "CreatedBy": "/bin/sh -c apt-get install -y openssl",
                                    "Comment": null, "Id": "%s", "Size": 1024, "Tags": []}],
                 "retrievedFiles": [{"path": "/etc/passwd", "b64Content": "%s"}],
                 "secretSearch": [{"path": "/root/.aws/credentials",
                                   "matches": [{"name": "AWS_ACCESS_KEY", "regex": ".*", "lines": [2]}]}],
                 "contentSearch": []}
                """.formatted(LAYER, Base64.getEncoder().encodeToString(
                        "root:x:0:0:root:/root:/bin/bash\n".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> javaMetadata = new LinkedHashMap<>();
        javaMetadata.put("java-type", "JAVA-JAR");
        javaMetadata.put("implementation-version", "2.14.1");
        javaMetadata.put("maven-version", "2.14.1");
        javaMetadata.put("pom.groupId", "org.apache.logging.log4j");
        javaMetadata.put("pom.artifactId", "log4j-core");
        javaMetadata.put("pom.version", "2.14.1");
        List<StoredPackage> packages = List.of(
                new StoredPackage("dpkg", "libssl3", "3.0.15-1~deb12u1", "amd64", "openssl", "3.0.15-1~deb12u1",
                        "Apache-2.0", 6254592L, "Debian OpenSSL Team", LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&upstream=openssl&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("java", "log4j-core", "2.14.1", null, null, null, "Apache-2.0", null,
                        "org.apache.logging.log4j", LAYER, "/app/app.war:WEB-INF/lib/log4j-core-2.14.1.jar",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                        List.of("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"), javaMetadata),
                new StoredPackage("npm", "lodash", "4.17.15", null, null, null, "MIT", null, "John-David Dalton",
                        LAYER, "/app/node_modules/lodash/package.json", "pkg:npm/lodash@4.17.15",
                        List.of("cpe:2.3:a:lodash:lodash:4.17.15:*:*:*:*:*:*:*"), Map.of()));
        List<StoredFile> files = new ArrayList<>();
        files.add(new StoredFile("/bin/sh", "slink", 0777, 0, 0, 0, null, "dash", LAYER));
        files.add(new StoredFile("/usr/bin/passwd", "file", 04755, 0, 0, 68248, "4d".repeat(32), null, LAYER));
        for (int i = 0; i < FILES - 2; i++) {
            // Quotes, commas and a newline in names: what COPY must carry through unchanged.
            String name = i % 500 == 0 ? "/data/odd \"name\", line\nbreak " + i : "/data/file-" + i;
            files.add(new StoredFile(name, "file", 0644, 1000, 1000, i, "%064x".formatted(i), null, LAYER));
        }
        return new StoredAnalysis(digest, "test", "ab".repeat(32), "debian", "12", "debian", "amd64", "linux",
                1024, 1, "Guessed", document, now, packages, files);
    }
}
