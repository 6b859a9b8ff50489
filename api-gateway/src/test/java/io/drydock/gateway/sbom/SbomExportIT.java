package io.drydock.gateway.sbom;

import com.github.packageurl.PackageURL;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Download;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.gateway.image.TestImages;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.ImageRepository;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static io.drydock.gateway.ApiClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SBOM exports of an analysis stored the way analyzer-worker stores one (Debian packages with their source
 * packages, a Java archive with CPEs, npm packages, a binary; SPDX ids, an SPDX expression, Debian license names
 * outside the SPDX list, names with characters SPDX ids cannot hold): CycloneDX and SPDX documents that pass the
 * official schemas and carry every package, and the native gzip download.
 */
class SbomExportIT extends GatewayIT {

    private static final String LAYER = "sha256:" + "2b".repeat(32);
    private static final String OTHER_ACCOUNT = "sbom-other";
    private static final String OTHER_USER = "sbom-other-user";
    private static final String OTHER_PASSWORD = "sbom-other-password";

    @Autowired
    ImageRepository images;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    TransactionTemplate transactions;

    private final String repo = "drydock/sbom-" + UUID.randomUUID().toString().substring(0, 8);
    private String digest;
    private List<StoredPackage> packages;

    @BeforeEach
    void analysedImage() {
        digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        Response added = admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0"));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        Instant now = Instant.now();
        images.startAnalysis(digest, now);
        packages = packages();
        transactions.executeWithoutResult(s -> analyses.save(analysis(digest, now, packages)));
        images.completeAnalysis(digest, "cd".repeat(32), now);
    }

    @Test
    void exportsCycloneDxThatPassesTheOfficialSchemaWithEveryPackage() throws Exception {
        Response response = admin().get("/v1/images/" + digest + "/sboms/cyclonedx-json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/vnd.cyclonedx+json");
        assertThat(cycloneDxErrors(response.text())).as("bom-1.6.schema.json").isEmpty();

        JsonNode bom = response.body();
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("specVersion").asString()).isEqualTo("1.6");
        assertThat(bom.path("serialNumber").asString()).matches("urn:uuid:[0-9a-f-]{36}");
        JsonNode metadata = bom.path("metadata");
        assertThat(metadata.path("timestamp").asString()).isNotEmpty();
        assertThat(metadata.path("tools").path("components").get(0).path("name").asString()).isEqualTo("drydock");
        JsonNode image = metadata.path("component");
        assertThat(image.path("type").asString()).isEqualTo("container");
        assertThat(image.path("name").asString()).isEqualTo(REGISTRY.hostPort() + "/" + repo + ":1.0");
        assertThat(image.path("version").asString()).isEqualTo(digest);
        PackageURL purl = new PackageURL(image.path("purl").asString());
        assertThat(purl.getType()).isEqualTo("oci");
        assertThat(purl.getName()).isEqualTo(repo.substring(repo.indexOf('/') + 1));
        assertThat(purl.getVersion()).isEqualTo(digest);
        assertThat(purl.getQualifiers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "repository_url", REGISTRY.hostPort() + "/" + repo, "tag", "1.0"));

        JsonNode components = bom.path("components");
        assertThat(components.size()).as("every package and the distribution").isEqualTo(packages.size() + 1);
        JsonNode os = components.get(0);
        assertThat(os.path("type").asString()).isEqualTo("operating-system");
        assertThat(os.path("name").asString()).isEqualTo("debian");
        assertThat(os.path("version").asString()).isEqualTo("12");
        for (StoredPackage p : packages) {
            JsonNode component = componentWithPurl(components, p.purl());
            assertThat(component.path("name").asString()).isEqualTo(p.name());
            assertThat(component.path("version").asString()).isEqualTo(p.version());
            assertThat(component.path("cpe").asString(null)).isEqualTo(p.cpes().isEmpty() ? null : p.cpes().getFirst());
            assertThat(property(component, "drydock:package:type")).isEqualTo(p.pkgType());
            assertThat(property(component, "drydock:package:location")).isEqualTo(p.location());
            assertThat(property(component, "drydock:package:layer")).isEqualTo(LAYER);
        }
        JsonNode libssl = componentWithPurl(components, packages.get(0).purl());
        assertThat(libssl.path("type").asString()).isEqualTo("library");
        assertThat(libssl.path("licenses").get(0).path("license").path("id").asString()).isEqualTo("Apache-2.0");
        assertThat(property(libssl, "drydock:package:source-name")).isEqualTo("openssl");
        JsonNode libc = componentWithPurl(components, packages.get(1).purl());
        assertThat(libc.path("licenses").get(0).path("license").path("name").asString())
                .as("a Debian license name outside the SPDX list").isEqualTo("GPL-2");
        assertThat(libc.path("licenses").get(1).path("license").path("id").asString()).isEqualTo("LGPL-2.1");
        JsonNode log4j = componentWithPurl(components, packages.get(3).purl());
        assertThat(log4j.path("group").asString()).isEqualTo("org.apache.logging.log4j");
        assertThat(property(log4j, "drydock:package:cpe")).isEqualTo(packages.get(3).cpes().get(1));
        JsonNode typeFest = componentWithPurl(components, packages.get(5).purl());
        assertThat(typeFest.path("licenses").get(0).path("expression").asString()).isEqualTo("(MIT OR CC0-1.0)");
        JsonNode node = componentWithPurl(components, packages.get(6).purl());
        assertThat(node.path("type").asString()).isEqualTo("application");
        assertThat(node.has("licenses")).isFalse();

        JsonNode dependencies = bom.path("dependencies");
        assertThat(dependencies.size()).isEqualTo(1);
        assertThat(dependencies.get(0).path("ref").asString()).isEqualTo(image.path("bom-ref").asString());
        Set<String> refs = new HashSet<>();
        dependencies.get(0).path("dependsOn").forEach(r -> refs.add(r.asString()));
        Set<String> componentRefs = new HashSet<>();
        components.forEach(c -> componentRefs.add(c.path("bom-ref").asString()));
        assertThat(refs).isEqualTo(componentRefs).hasSize(packages.size() + 1);
    }

    @Test
    void theCycloneDxSchemaCheckRejectsALicenseIdOutsideTheSpdxList() throws IOException {
        ObjectNode bom = (ObjectNode) admin().get("/v1/images/" + digest + "/sboms/cyclonedx-json").body();
        ObjectNode license = (ObjectNode) componentWithPurl(bom.path("components"), packages.get(0).purl())
                .path("licenses").get(0).path("license");
        license.put("id", "Not-A-License");

        assertThat(cycloneDxErrors(JSON.writeValueAsString(bom))).isNotEmpty();
    }

    @Test
    void exportsSpdxThatPassesTheOfficialSchemaWithEveryPackage() {
        Response response = admin().get("/images/" + digest + "/sboms/spdx-json");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/spdx+json");
        assertThat(spdxErrors(response.text())).as("spdx-schema.json").isEmpty();

        JsonNode document = response.body();
        assertThat(document.path("spdxVersion").asString()).isEqualTo("SPDX-2.3");
        assertThat(document.path("dataLicense").asString()).isEqualTo("CC0-1.0");
        assertThat(document.path("SPDXID").asString()).isEqualTo("SPDXRef-DOCUMENT");
        assertThat(document.path("documentNamespace").asString()).startsWith("https://").doesNotContain("#");
        assertThat(document.path("creationInfo").path("creators").get(0).asString()).isEqualTo("Tool: drydock-0.1.0");
        assertThat(admin().get("/images/" + digest + "/sboms/spdx-json").body().path("documentNamespace").asString())
                .as("a namespace per document").isNotEqualTo(document.path("documentNamespace").asString());

        JsonNode spdxPackages = document.path("packages");
        assertThat(spdxPackages.size()).as("the image, the distribution and every package")
                .isEqualTo(packages.size() + 2);
        Set<String> ids = new HashSet<>();
        spdxPackages.forEach(p -> assertThat(ids.add(p.path("SPDXID").asString())).as("unique SPDXID").isTrue());
        JsonNode image = spdxPackages.get(0);
        assertThat(image.path("SPDXID").asString()).isEqualTo("SPDXRef-Image");
        assertThat(image.path("primaryPackagePurpose").asString()).isEqualTo("CONTAINER");
        assertThat(image.path("versionInfo").asString()).isEqualTo(digest);
        for (StoredPackage p : packages) {
            JsonNode pkg = packageWithPurl(spdxPackages, p.purl());
            assertThat(pkg.path("name").asString()).isEqualTo(p.name());
            assertThat(pkg.path("versionInfo").asString()).isEqualTo(p.version());
            assertThat(pkg.path("downloadLocation").asString()).isEqualTo("NOASSERTION");
            assertThat(pkg.path("licenseConcluded").asString()).isEqualTo("NOASSERTION");
            assertThat(pkg.path("filesAnalyzed").asBoolean(true)).isFalse();
            List<String> cpes = new ArrayList<>();
            pkg.path("externalRefs").forEach(ref -> {
                if (ref.path("referenceType").asString().equals("cpe23Type")) {
                    assertThat(ref.path("referenceCategory").asString()).isEqualTo("SECURITY");
                    cpes.add(ref.path("referenceLocator").asString());
                }
            });
            assertThat(cpes).isEqualTo(p.cpes());
        }
        assertThat(packageWithPurl(spdxPackages, packages.get(0).purl()).path("licenseDeclared").asString())
                .isEqualTo("Apache-2.0");
        JsonNode libc = packageWithPurl(spdxPackages, packages.get(1).purl());
        assertThat(libc.path("licenseDeclared").asString()).isEqualTo("LicenseRef-GPL-2 AND LGPL-2.1");
        assertThat(libc.path("sourceInfo").asString()).contains("source package glibc 2.36-9+deb12u9");
        JsonNode libstdcxx = packageWithPurl(spdxPackages, packages.get(2).purl());
        assertThat(libstdcxx.path("SPDXID").asString()).isEqualTo("SPDXRef-Package-dpkg-libstdc--6-12.2.0-14");
        assertThat(libstdcxx.path("licenseDeclared").asString()).isEqualTo("LicenseRef-GPL-3- AND GFDL-1.2");
        assertThat(packageWithPurl(spdxPackages, packages.get(5).purl()).path("licenseDeclared").asString())
                .isEqualTo("(MIT OR CC0-1.0)");
        assertThat(packageWithPurl(spdxPackages, packages.get(6).purl()).path("licenseDeclared").asString())
                .isEqualTo("NOASSERTION");
        Map<String, String> extracted = new LinkedHashMap<>();
        document.path("hasExtractedLicensingInfos").forEach(info ->
                extracted.put(info.path("licenseId").asString(), info.path("extractedText").asString()));
        assertThat(extracted).containsExactlyInAnyOrderEntriesOf(Map.of("LicenseRef-GPL-2", "GPL-2",
                "LicenseRef-GPL-3-", "GPL-3+"));

        JsonNode relationships = document.path("relationships");
        assertThat(relationships.get(0).path("spdxElementId").asString()).isEqualTo("SPDXRef-DOCUMENT");
        assertThat(relationships.get(0).path("relationshipType").asString()).isEqualTo("DESCRIBES");
        assertThat(relationships.get(0).path("relatedSpdxElement").asString()).isEqualTo("SPDXRef-Image");
        Set<String> contained = new HashSet<>();
        relationships.forEach(r -> {
            if (r.path("relationshipType").asString().equals("CONTAINS")) {
                assertThat(r.path("spdxElementId").asString()).isEqualTo("SPDXRef-Image");
                contained.add(r.path("relatedSpdxElement").asString());
            }
        });
        Set<String> expected = new HashSet<>(ids);
        expected.remove("SPDXRef-Image");
        assertThat(contained).isEqualTo(expected);
    }

    @Test
    void theSpdxSchemaCheckRejectsAnInvalidSpdxId() {
        ObjectNode document = (ObjectNode) admin().get("/v1/images/" + digest + "/sboms/spdx-json").body();
        ((ObjectNode) document.path("packages").get(1)).put("SPDXID", "SPDXRef-not_an_idstring");

        assertThat(spdxErrors(JSON.writeValueAsString(document))).isNotEmpty();
    }

    @Test
    void servesTheNativeDocumentAsAGzipAttachment() throws IOException {
        Download download = admin().download("/v1/images/" + digest + "/sboms/native");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"" + digest + "_native.json.gzip\"");
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/gzip");
        JsonNode document;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(download.body()))) {
            document = JSON.readTree(in);
        }
        assertThat(document.path("imageDigest").asString()).isEqualTo(digest);
        assertThat(document.path("distro").asString()).as("from the stored document").isEqualTo("debian");
        assertThat(document.path("packages").size()).isEqualTo(packages.size());
        JsonNode log4j = document.path("packages").get(3);
        assertThat(log4j.path("purl").asString()).isEqualTo(packages.get(3).purl());
        assertThat(log4j.path("cpes").size()).isEqualTo(2);
        assertThat(log4j.path("metadata").path("pom.groupId").asString()).isEqualTo("org.apache.logging.log4j");
    }

    @Test
    void answersNotFoundForAnImageNotYetAnalysed() {
        String pending = "drydock/sbom-pending-" + UUID.randomUUID().toString().substring(0, 8);
        String pendingDigest = TestImages.small(pending).push(REGISTRY, pending, "1.0");
        assertThat(admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + pending + ":1.0")).status())
                .isEqualTo(200);

        for (String format : List.of("cyclonedx-json", "spdx-json", "native")) {
            Response response = admin().get("/v1/images/" + pendingDigest + "/sboms/" + format);
            assertThat(response.status()).as(format).isEqualTo(404);
            assertThat(response.body().path("message").asString()).as(format)
                    .isEqualTo("image is not analyzed - analysis_status: not_analyzed");
        }
    }

    @Test
    void answersNotFoundForAnotherAccountsImage() {
        if (admin().get("/v1/accounts/" + OTHER_ACCOUNT).status() == 404) {
            assertThat(admin().post("/v1/accounts", Map.of("name", OTHER_ACCOUNT, "email", "o@example.com"))
                    .status()).isEqualTo(200);
            assertThat(admin().post("/v1/accounts/" + OTHER_ACCOUNT + "/users",
                    Map.of("username", OTHER_USER, "password", OTHER_PASSWORD)).status()).isEqualTo(200);
        }
        ApiClient other = as(OTHER_USER, OTHER_PASSWORD);
        for (String format : List.of("cyclonedx-json", "spdx-json", "native")) {
            Response response = other.get("/v1/images/" + digest + "/sboms/" + format);
            assertThat(response.status()).as(format).isEqualTo(404);
            assertThat(response.body().path("message").asString()).as(format).contains("not found");
        }
    }

    /** cyclonedx-core-java's own check against the bom-1.6.schema.json it ships. */
    private static List<String> cycloneDxErrors(String bom) throws IOException {
        return new JsonParser().validate(bom, Version.VERSION_16).stream().map(Throwable::getMessage).toList();
    }

    private static List<String> spdxErrors(String document) {
        try (InputStream schemaJson = SbomExportIT.class.getResourceAsStream("/schemas/spdx/spdx-schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                    .getSchema(schemaJson);
            return schema.validate(document, InputFormat.JSON).stream().map(Object::toString).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode componentWithPurl(JsonNode components, String purl) {
        for (JsonNode component : components) {
            if (component.path("purl").asString("").equals(purl)) {
                return component;
            }
        }
        throw new AssertionError("no component with purl " + purl);
    }

    private static JsonNode packageWithPurl(JsonNode packages, String purl) {
        for (JsonNode pkg : packages) {
            for (JsonNode ref : pkg.path("externalRefs")) {
                if (ref.path("referenceType").asString().equals("purl")
                        && ref.path("referenceLocator").asString().equals(purl)) {
                    return pkg;
                }
            }
        }
        throw new AssertionError("no package with purl " + purl);
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode property : component.path("properties")) {
            if (property.path("name").asString().equals(name)) {
                return property.path("value").asString();
            }
        }
        return null;
    }

    /** Packages as the dpkg, java, npm and binary catalogers store them (purls as PackageUrl writes them). */
    private static List<StoredPackage> packages() {
        Map<String, String> log4j = new LinkedHashMap<>();
        log4j.put("java-type", "JAVA-JAR");
        log4j.put("implementation-version", "2.14.1");
        log4j.put("pom.groupId", "org.apache.logging.log4j");
        log4j.put("pom.artifactId", "log4j-core");
        log4j.put("pom.version", "2.14.1");
        return List.of(
                new StoredPackage("dpkg", "libssl3", "3.0.15-1~deb12u1", "amd64", "openssl", "3.0.15-1~deb12u1",
                        "Apache-2.0", 6254592L, "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
                        LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&upstream=openssl&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("dpkg", "libc6", "2.36-9+deb12u9", "amd64", "glibc", "2.36-9+deb12u9",
                        "GPL-2 LGPL-2.1", 12988416L, "GNU Libc Maintainers <debian-glibc@lists.debian.org>", LAYER,
                        "/var/lib/dpkg/status",
                        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u9?arch=amd64&upstream=glibc&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("dpkg", "libstdc++6", "12.2.0-14", "amd64", "gcc-12", "12.2.0-14",
                        "GPL-3+ GFDL-1.2", 2731008L, "Debian GCC Maintainers <debian-gcc@lists.debian.org>", LAYER,
                        "/var/lib/dpkg/status",
                        "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64&upstream=gcc-12&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("java", "log4j-core", "2.14.1", null, null, null, "Apache-2.0", null,
                        "org.apache.logging.log4j", LAYER, "/app/app.war:WEB-INF/lib/log4j-core-2.14.1.jar",
                        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
                        List.of("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
                                "cpe:2.3:a:apache:log4j-core:2.14.1:*:*:*:*:*:*:*"), log4j),
                new StoredPackage("npm", "@babel/core", "7.24.0", null, null, null, "MIT", null,
                        "The Babel Team (https://babel.dev/team)", LAYER,
                        "/app/node_modules/@babel/core/package.json", "pkg:npm/%40babel/core@7.24.0",
                        List.of("cpe:2.3:a:babel:core:7.24.0:*:*:*:*:*:*:*"), Map.of()),
                new StoredPackage("npm", "type-fest", "2.19.0", null, null, null, "(MIT OR CC0-1.0)", null,
                        "Sindre Sorhus", LAYER, "/app/node_modules/type-fest/package.json",
                        "pkg:npm/type-fest@2.19.0", List.of(), Map.of()),
                new StoredPackage("binary", "node", "20.11.1", null, null, null, null, null, null, LAYER,
                        "/usr/local/bin/node", "pkg:generic/node@20.11.1",
                        List.of("cpe:2.3:a:nodejs:node.js:20.11.1:*:*:*:*:*:*:*"), Map.of()));
    }

    private static StoredAnalysis analysis(String digest, Instant now, List<StoredPackage> packages) {
        String document = """
                {"analyzerVersion": "test", "distro": "debian", "distroVersion": "12",
                 "dockerfileMode": "Guessed", "dockerHistory": [], "layers": ["%s"]}
                """.formatted(LAYER);
        return new StoredAnalysis(digest, "test", "cd".repeat(32), "debian", "12", "debian", "amd64", "linux",
                4096, 1, "Guessed", document, now, packages, List.of());
    }
}
