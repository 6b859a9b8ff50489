package io.drydock.gateway.query;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.gateway.vulnerability.VulnerabilityData;
import io.drydock.gateway.vulnerability.VulnerabilityData.AffectedEntry;
import io.drydock.gateway.vulnerability.VulnerabilityData.Analysed;
import io.drydock.gateway.vulnerability.VulnerabilityData.Match;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.drydock.gateway.vulnerability.VulnerabilityData.pkg;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query endpoints (§1.13): vulnerability records by id or alias (global), and the account's images by
 * vulnerability or by package, sorted by digest and paged as Anchore pages them.
 */
class QueryApiIT extends GatewayIT {

    private static final String OTHER_ACCOUNT = "query-other";
    private static final String OTHER_USER = "query-other-user";
    private static final String OTHER_PASSWORD = "other-secret-2";
    private static final String LOG4J = "CVE-2021-44228";
    private static final String GHSA = "GHSA-jfh8-c2jp-5v3q";
    private static final Instant ANALYZED = Instant.parse("2024-06-01T10:00:00Z");

    @Autowired
    DSLContext dsl;
    @Autowired
    VulnerabilityData data;

    private Analysed first;
    private Analysed second;
    private Analysed patched;
    private Analysed others;

    @BeforeEach
    void imagesMatchesAndRecords() throws IOException {
        data.reset();
        VulnerabilityData.ensureAccount(admin(), OTHER_ACCOUNT, OTHER_USER, OTHER_PASSWORD);
        first = data.analysedImage("admin", "registry.example.com/team/api:1.0", ANALYZED, List.of(
                pkg("dpkg", "libssl3", "3.0.11-1~deb12u2", "/var/lib/dpkg/status", List.of()),
                pkg("java", "log4j-core", "2.14.1", "/app/log4j-core.jar", List.of())));
        second = data.analysedImage("admin", "registry.example.com/team/worker:2.1", ANALYZED, List.of(
                pkg("java", "log4j-core", "2.14.1", "/app/a/log4j-core.jar", List.of()),
                pkg("java", "log4j-core", "2.14.1", "/app/b/log4j-core.jar", List.of())));
        patched = data.analysedImage("admin", "registry.example.com/team/patched:3.0", ANALYZED, List.of(
                pkg("java", "log4j-core", "2.17.1", "/app/log4j-core.jar", List.of())));
        others = data.analysedImage(OTHER_ACCOUNT, "registry.example.com/other/api:1.0", ANALYZED, List.of(
                pkg("java", "log4j-core", "2.14.1", "/app/log4j-core.jar", List.of())));
        Instant detected = ANALYZED.plusSeconds(60);
        Match log4j = Match.of(LOG4J, "log4j-core", "2.14.1", "java", "github:java", "Critical").fixedIn("2.15.0")
                .from(GHSA);
        data.match(first.digest(), log4j.at("/app/log4j-core.jar"), detected);
        data.match(second.digest(), log4j.at("/app/a/log4j-core.jar"), detected);
        data.match(second.digest(), log4j.at("/app/b/log4j-core.jar"), detected);
        data.match(others.digest(), log4j.at("/app/log4j-core.jar"), detected);
        data.match(first.digest(), Match.of("CVE-2023-5678", "libssl3", "3.0.11-1~deb12u2", "dpkg", "debian:12",
                "Medium").fixedIn("3.0.13-1~deb12u1"), detected);
        data.match(first.digest(), Match.of("CVE-2024-0727", "libssl3", "3.0.11-1~deb12u2", "dpkg", "debian:12",
                "Low").wontFix(), detected);

        data.feed("vulnerabilities", true, ANALYZED, ANALYZED);
        data.group("vulnerabilities", "github:java", "Maven", true, ANALYZED, ANALYZED, 1, null);
        data.group("vulnerabilities", "debian:12", "Debian:12", true, ANALYZED, ANALYZED, 1, null);
        String ghsa = resource("/io/drydock/testkit/osv/Maven/GHSA-jfh8-c2jp-5v3q.json");
        JsonNode ghsaRecord = ApiClient.JSON.readTree(ghsa);
        List<AffectedEntry> ghsaAffected = new ArrayList<>();
        ghsaRecord.path("affected").forEach(a -> ghsaAffected.add(new AffectedEntry("Maven",
                a.path("package").path("name").asString(), a.toString())));
        data.record("vulnerabilities", "github:java", GHSA, List.of(LOG4J), ghsa, ghsaAffected);
        String debianAffected = """
                {"package": {"ecosystem": "Debian:12", "name": "openssl"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.13-1~deb12u1"}]}]}""";
        data.record("vulnerabilities", "debian:12", "CVE-2023-5678", List.of(), """
                {"id": "CVE-2023-5678", "modified": "2024-01-01T00:00:00Z", "summary": "openssl: DH key checks",
                 "affected": [%s],
                 "references": [{"type": "WEB", "url": "https://security-tracker.debian.org/tracker/CVE-2023-5678"}]}"""
                .formatted(debianAffected), List.of(new AffectedEntry("Debian:12", "openssl", debianAffected)));
        String unimportant = """
                {"package": {"ecosystem": "Debian:12", "name": "openssl"},
                 "ecosystem_specific": {"urgency": "unimportant"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}""";
        data.record("vulnerabilities", "debian:12", "CVE-2024-0727", List.of(), """
                {"id": "CVE-2024-0727", "modified": "2024-02-01T00:00:00Z", "details": "PKCS12 NULL dereference",
                 "affected": [%s]}""".formatted(unimportant),
                List.of(new AffectedEntry("Debian:12", "openssl", unimportant)));
        data.nvd(LOG4J, "CRITICAL", new BigDecimal("10.0"), new BigDecimal("3.9"), new BigDecimal("6.0"),
                new BigDecimal("9.3"));
        data.nvd("CVE-2023-5678", "MEDIUM", new BigDecimal("5.3"), new BigDecimal("3.9"), new BigDecimal("1.4"), null);
    }

    @Test
    void findsTheAccountsImagesWithAVulnerabilitySortedByDigest() {
        Response response = admin().get("/v1/query/images/by_vulnerability?vulnerability_id=" + LOG4J);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("page").asString()).isEqualTo("1");
        assertThat(body.path("returned_count").asInt()).isEqualTo(2);
        assertThat(body.has("next_page")).isFalse();
        assertThat(digests(body)).containsExactlyElementsOf(sorted(first.digest(), second.digest()));
        JsonNode api = entry(body, first.digest());
        assertThat(api.path("image").path("imageId").asString()).isEqualTo(first.imageId());
        assertThat(api.path("image").path("analyzed_at").asString()).isEqualTo("2024-06-01T10:00:00Z");
        JsonNode tag = api.path("image").path("tag_history").get(0);
        assertThat(tag.path("registry").asString()).isEqualTo("registry.example.com");
        assertThat(tag.path("repo").asString()).isEqualTo("team/api");
        assertThat(tag.path("tag").asString()).isEqualTo("1.0");
        assertThat(tag.path("fulltag").asString()).isEqualTo("registry.example.com/team/api:1.0");
        assertThat(tag.path("tag_detected_at").asString()).isEqualTo("2024-06-01T10:00:00Z");
        JsonNode vulnerable = api.path("vulnerable_packages").get(0);
        assertThat(vulnerable.path("name").asString()).isEqualTo("log4j-core");
        assertThat(vulnerable.path("version").asString()).isEqualTo("2.14.1");
        assertThat(vulnerable.path("type").asString()).isEqualTo("java");
        assertThat(vulnerable.path("namespace").asString()).isEqualTo("github:java");
        assertThat(vulnerable.path("severity").asString()).isEqualTo("Critical");
        assertThat(entry(body, second.digest()).path("vulnerable_packages").size())
                .as("one package at two paths is listed once").isEqualTo(1);
    }

    @Test
    void findsImagesByAnAdvisoryTheFindingCameFrom() {
        JsonNode body = admin().get("/v1/query/images/by_vulnerability?vulnerability_id=" + GHSA).body();
        assertThat(digests(body)).containsExactlyElementsOf(sorted(first.digest(), second.digest()));
    }

    @Test
    void filtersImagesByNamespacePackageSeverityAndVendorOnly() {
        String base = "/v1/query/images/by_vulnerability?vulnerability_id=";
        assertThat(digests(admin().get(base + LOG4J + "&namespace=debian:12").body())).isEmpty();
        assertThat(digests(admin().get(base + LOG4J + "&namespace=github:java&severity=Critical").body())).hasSize(2);
        assertThat(digests(admin().get(base + LOG4J + "&severity=High").body())).isEmpty();
        assertThat(digests(admin().get(base + LOG4J + "&affected_package=libssl3").body())).isEmpty();
        assertThat(admin().get(base + LOG4J + "&severity=Severe").status()).isEqualTo(400);
        assertThat(admin().get("/v1/query/images/by_vulnerability").status()).isEqualTo(400);
        assertThat(digests(admin().get(base + "CVE-2024-0727").body())).as("won't fix, left out by default").isEmpty();
        assertThat(digests(admin().get(base + "CVE-2024-0727&vendor_only=False").body()))
                .containsExactly(first.digest());
    }

    @Test
    void pagesImagesWithANextPageWhileMoreRemain() {
        String base = "/v1/query/images/by_vulnerability?vulnerability_id=" + LOG4J + "&limit=1";
        List<String> order = sorted(first.digest(), second.digest());
        JsonNode one = admin().get(base).body();
        assertThat(one.path("page").asString()).isEqualTo("1");
        assertThat(one.path("returned_count").asInt()).isEqualTo(1);
        assertThat(one.path("total_count").asInt()).isEqualTo(2);
        assertThat(one.path("next_page").asString()).isEqualTo("2");
        assertThat(digests(one)).containsExactly(order.get(0));
        JsonNode two = admin().get(base + "&page=2").body();
        assertThat(two.path("page").asString()).isEqualTo("2");
        assertThat(two.has("next_page")).isFalse();
        assertThat(digests(two)).containsExactly(order.get(1));
        JsonNode beyond = admin().get(base + "&page=3").body();
        assertThat(beyond.path("returned_count").asInt()).isZero();
        assertThat(admin().get(base + "&page=0").status()).isEqualTo(400);
        assertThat(admin().get("/v1/query/images/by_package?name=log4j-core&limit=x").status()).isEqualTo(400);
    }

    @Test
    void findsOnlyTheCallersImages() {
        ApiClient other = as(OTHER_USER, OTHER_PASSWORD);
        assertThat(digests(other.get("/v1/query/images/by_vulnerability?vulnerability_id=" + LOG4J).body()))
                .containsExactly(others.digest());
        assertThat(digests(other.get("/v1/query/images/by_package?name=log4j-core").body()))
                .containsExactly(others.digest());
        assertThat(digests(admin().actingAs(OTHER_ACCOUNT).get("/query/images/by_package?name=log4j-core").body()))
                .as("an admin in another account (x-anchore-account), without the /v1 prefix")
                .containsExactly(others.digest());
        assertThat(ApiClient.anonymous(port).get("/v1/query/images/by_package?name=log4j-core").status())
                .isEqualTo(401);
        assertThat(ApiClient.anonymous(port).get("/v1/query/vulnerabilities?id=" + LOG4J).status()).isEqualTo(401);
    }

    @Test
    void findsTheAccountsImagesWithAPackage() {
        JsonNode all = admin().get("/v1/query/images/by_package?name=log4j-core").body();
        assertThat(digests(all)).containsExactlyElementsOf(sorted(first.digest(), second.digest(), patched.digest()));
        JsonNode packages = entry(all, patched.digest()).path("packages");
        assertThat(packages.size()).isEqualTo(1);
        assertThat(packages.get(0).path("name").asString()).isEqualTo("log4j-core");
        assertThat(packages.get(0).path("version").asString()).isEqualTo("2.17.1");
        assertThat(packages.get(0).path("type").asString()).isEqualTo("java");
        assertThat(entry(all, patched.digest()).path("image").path("tag_history").get(0).path("fulltag").asString())
                .isEqualTo("registry.example.com/team/patched:3.0");
        assertThat(entry(all, second.digest()).path("packages").size()).as("two copies, one version").isEqualTo(1);

        assertThat(digests(admin().get("/v1/query/images/by_package?name=log4j-core&version=2.14.1").body()))
                .containsExactlyElementsOf(sorted(first.digest(), second.digest()));
        assertThat(digests(admin().get("/v1/query/images/by_package?name=log4j-core&package_type=JAVA").body()))
                .hasSize(3);
        assertThat(digests(admin().get("/v1/query/images/by_package?name=log4j-core&package_type=npm").body()))
                .isEmpty();
        assertThat(admin().get("/v1/query/images/by_package").status()).isEqualTo(400);
    }

    @Test
    void findsARecordByAnAliasInAnchoresShape() {
        Response response = as(OTHER_USER, OTHER_PASSWORD).get("/v1/query/vulnerabilities?id=" + LOG4J);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("page").asString()).isEqualTo("1");
        assertThat(body.path("returned_count").asInt()).isEqualTo(1);
        JsonNode record = body.path("vulnerabilities").get(0);
        assertThat(record.path("id").asString()).isEqualTo(GHSA);
        assertThat(record.path("namespace").asString()).isEqualTo("github:java");
        assertThat(record.path("severity").asString()).as("GitHub's rating").isEqualTo("Critical");
        assertThat(record.path("link").asString()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(record.path("description").asString()).startsWith("# Summary");
        List<String> fixes = new ArrayList<>();
        record.path("affected_packages").forEach(p -> {
            assertThat(p.path("name").asString()).isEqualTo("org.apache.logging.log4j:log4j-core");
            assertThat(p.path("type").asString()).isEqualTo("Maven");
            assertThat(p.path("will_not_fix").asBoolean(true)).isFalse();
            fixes.add(p.path("version").asString());
        });
        assertThat(fixes).containsExactly("2.15.0", "2.3.1", "2.12.2");
        JsonNode nvd = record.path("nvd_data").get(0);
        assertThat(nvd.path("id").asString()).isEqualTo(LOG4J);
        assertThat(nvd.path("cvss_v3").path("base_score").asDouble()).isEqualTo(10.0);
        assertThat(nvd.path("cvss_v3").path("exploitability_score").asDouble()).isEqualTo(3.9);
        assertThat(nvd.path("cvss_v3").path("impact_score").asDouble()).isEqualTo(6.0);
        assertThat(nvd.path("cvss_v2").path("base_score").asDouble()).isEqualTo(9.3);
        assertThat(nvd.path("cvss_v2").path("impact_score").asDouble()).as("absent").isEqualTo(-1.0);
        JsonNode vendor = record.path("vendor_data").get(0);
        assertThat(vendor.path("id").asString()).isEqualTo(GHSA);
        assertThat(vendor.path("cvss_v3").path("base_score").asDouble()).as("from the record's own vector")
                .isEqualTo(10.0);
        assertThat(vendor.path("cvss_v3").path("exploitability_score").asDouble()).isEqualTo(3.9);
        assertThat(vendor.path("cvss_v3").path("impact_score").asDouble()).isEqualTo(6.0);
        assertThat(vendor.path("cvss_v2").path("base_score").asDouble()).isEqualTo(-1.0);
        JsonNode reference = record.path("references").get(0);
        assertThat(reference.path("source").asString()).isEqualTo("vulnerabilities");
        assertThat(reference.path("url").asString()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(reference.path("tags").get(0).asString()).isEqualTo("ADVISORY");
        assertThat(record.path("aliases").get(0).asString()).isEqualTo(LOG4J);
        assertThat(record.path("cvss").get(0).path("vector").asString())
                .isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");

        assertThat(admin().get("/v1/query/vulnerabilities?id=" + GHSA).body().path("vulnerabilities").get(0)
                .path("id").asString()).isEqualTo(GHSA);
    }

    @Test
    void takesNvdSeverityWhereTheRecordRatesNothing() {
        JsonNode record = admin().get("/v1/query/vulnerabilities?id=CVE-2023-5678").body().path("vulnerabilities")
                .get(0);
        assertThat(record.path("severity").asString()).isEqualTo("Medium");
        assertThat(record.path("namespace").asString()).isEqualTo("debian:12");
        assertThat(record.path("link").asString())
                .isEqualTo("https://security-tracker.debian.org/tracker/CVE-2023-5678");
        assertThat(record.path("description").asString()).isEqualTo("openssl: DH key checks");
        assertThat(record.path("affected_packages").get(0).path("version").asString()).isEqualTo("3.0.13-1~deb12u1");
        assertThat(record.path("nvd_data").get(0).path("cvss_v2").path("base_score").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void saysWhatDebianWillNotFixAndRatesItAsDebianDoes() {
        JsonNode record = admin().get("/v1/query/vulnerabilities?id=CVE-2024-0727").body().path("vulnerabilities")
                .get(0);
        assertThat(record.path("severity").asString()).as("Debian's urgency unimportant").isEqualTo("Negligible");
        assertThat(record.path("link").asString()).isEqualTo("https://osv.dev/vulnerability/CVE-2024-0727");
        assertThat(record.path("description").asString()).isEqualTo("PKCS12 NULL dereference");
        JsonNode openssl = record.path("affected_packages").get(0);
        assertThat(openssl.path("version").asString()).isEqualTo("*");
        assertThat(openssl.path("will_not_fix").asBoolean()).isTrue();
        assertThat(record.path("nvd_data").size()).as("no NVD data stored for it").isZero();
        assertThat(record.path("vendor_data").size()).isZero();
    }

    @Test
    void filtersRecordsByNamespaceAndAffectedPackageVersion() {
        String both = "/v1/query/vulnerabilities?id=" + LOG4J + ",CVE-2023-5678";
        assertThat(ids(admin().get(both).body())).containsExactly("CVE-2023-5678", GHSA);
        assertThat(ids(admin().get("/v1/query/vulnerabilities?id=" + LOG4J + "&id=CVE-2023-5678").body()))
                .containsExactly("CVE-2023-5678", GHSA);
        assertThat(ids(admin().get(both + "&namespace=debian:12").body())).containsExactly("CVE-2023-5678");
        String log4j = both + "&affected_package=org.apache.logging.log4j:log4j-core";
        assertThat(ids(admin().get(log4j).body())).containsExactly(GHSA);
        assertThat(ids(admin().get(log4j + "&affected_package_version=2.14.1").body())).containsExactly(GHSA);
        assertThat(ids(admin().get(log4j + "&affected_package_version=2.12.1").body())).containsExactly(GHSA);
        assertThat(ids(admin().get(log4j + "&affected_package_version=2.12.2").body())).as("fixed").isEmpty();
        assertThat(ids(admin().get(log4j + "&affected_package_version=2.16.0").body())).isEmpty();
        assertThat(ids(admin().get(both + "&affected_package=openssl&affected_package_version=3.0.11-1~deb12u2")
                .body())).containsExactly("CVE-2023-5678");
        assertThat(admin().get(both + "&affected_package_version=2.14.1").status()).isEqualTo(400);
        assertThat(admin().get("/v1/query/vulnerabilities").status()).isEqualTo(400);
        assertThat(ids(admin().get("/v1/query/vulnerabilities?id=CVE-1999-0001").body())).isEmpty();
    }

    @Test
    void pagesRecords() {
        String base = "/v1/query/vulnerabilities?id=" + LOG4J + ",CVE-2023-5678&limit=1";
        JsonNode one = admin().get(base).body();
        assertThat(ids(one)).containsExactly("CVE-2023-5678");
        assertThat(one.path("next_page").asString()).isEqualTo("2");
        JsonNode two = admin().get(base + "&page=2").body();
        assertThat(ids(two)).containsExactly(GHSA);
        assertThat(two.has("next_page")).isFalse();
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("vulnerabilities").forEach(v -> ids.add(v.path("id").asString()));
        return ids;
    }

    private static List<String> digests(JsonNode body) {
        List<String> digests = new ArrayList<>();
        body.path("images").forEach(i -> digests.add(i.path("image").path("imageDigest").asString()));
        return digests;
    }

    private static JsonNode entry(JsonNode body, String digest) {
        for (JsonNode entry : body.path("images")) {
            if (entry.path("image").path("imageDigest").asString().equals(digest)) {
                return entry;
            }
        }
        throw new AssertionError(digest + " not found in " + body);
    }

    private static List<String> sorted(String... digests) {
        return Stream.of(digests).sorted().toList();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = QueryApiIT.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
