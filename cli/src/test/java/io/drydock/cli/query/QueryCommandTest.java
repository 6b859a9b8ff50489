package io.drydock.cli.query;

import io.drydock.cli.FakeApi;
import io.drydock.cli.FakeApi.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code query …} against a loopback server answering as /v1/query does. */
class QueryCommandTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);
    private static final String IMAGE = """
            {"imageDigest": "%s", "imageId": "%s", "analyzed_at": "2024-06-01T10:00:00Z",
             "tag_history": [{"registry": "registry.example.com", "repo": "team/api", "tag": "1.0",
                              "fulltag": "registry.example.com/team/api:1.0", "tag_detected_at": "2024-06-01T10:00:00Z"}]}"""
            .formatted(DIGEST, "ef".repeat(32));

    private final FakeApi api = new FakeApi();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void findsImagesByVulnerability() {
        api.answer("GET", "/query/images/by_vulnerability", 200, """
                {"page": "1", "returned_count": 1, "total_count": 1,
                 "images": [{"image": %s, "vulnerable_packages": [{"name": "log4j-core", "version": "2.14.1",
                   "type": "java", "namespace": "github:java", "severity": "Critical"}]}]}""".formatted(IMAGE));

        Run run = api.run("query", "images-by-vulnerability", "--vulnerability-id", "CVE-2021-44228", "--severity",
                "Critical", "--vendor-only", "false");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.requests().getFirst().query())
                .isEqualTo("vulnerability_id=CVE-2021-44228&severity=Critical&vendor_only=False");
        assertThat(run.out().lines().toList()).containsExactly(
                "Full Tag                           Severity  Package            Package Type  Namespace    Digest",
                "registry.example.com/team/api:1.0  Critical  log4j-core-2.14.1  java          github:java  " + DIGEST);
        assertThat(api.run("query", "images-by-vulnerability").exitCode()).as("--vulnerability-id is required")
                .isEqualTo(2);
    }

    @Test
    void findsImagesByPackage() {
        api.answer("GET", "/query/images/by_package", 200, """
                {"page": "1", "returned_count": 1, "total_count": 1,
                 "images": [{"image": %s, "packages": [{"name": "log4j-core", "version": "2.14.1", "type": "java"}]}]}"""
                .formatted(IMAGE));

        Run run = api.run("query", "images-by-package", "--name", "log4j-core", "--version", "2.14.1",
                "--package-type", "java");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.requests().getFirst().query()).isEqualTo("name=log4j-core&version=2.14.1&package_type=java");
        assertThat(run.out().lines().toList()).containsExactly(
                "Full Tag                           Package            Package Type  Digest",
                "registry.example.com/team/api:1.0  log4j-core-2.14.1  java          " + DIGEST);
    }

    @Test
    void looksUpVulnerabilityRecordsByEveryIdGiven() {
        api.answer("GET", "/query/vulnerabilities", 200, """
                {"page": "1", "returned_count": 1, "total_count": 1,
                 "vulnerabilities": [{"id": "GHSA-jfh8-c2jp-5v3q", "namespace": "github:java", "severity": "Critical",
                   "link": "https://nvd.nist.gov/vuln/detail/CVE-2021-44228", "description": "Log4j",
                   "affected_packages": [{"name": "org.apache.logging.log4j:log4j-core", "version": "2.15.0",
                                          "type": "Maven", "will_not_fix": false},
                                         {"name": "org.apache.logging.log4j:log4j-core", "version": "2.12.2",
                                          "type": "Maven", "will_not_fix": false}],
                   "nvd_data": [], "vendor_data": [], "references": []}]}""");

        Run run = api.run("query", "vulnerabilities", "CVE-2021-44228", "CVE-2023-5678", "--namespace", "github:java",
                "--package", "org.apache.logging.log4j:log4j-core", "--package-version", "2.14.1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(api.requests().getFirst().query()).isEqualTo("id=CVE-2021-44228&id=CVE-2023-5678"
                + "&namespace=github%3Ajava&affected_package=org.apache.logging.log4j%3Alog4j-core"
                + "&affected_package_version=2.14.1");
        assertThat(run.out().lines().toList()).containsExactly(
                "Vulnerability ID     Namespace    Severity  Package                              Fixed In  Link",
                "GHSA-jfh8-c2jp-5v3q  github:java  Critical  org.apache.logging.log4j:log4j-core  2.15.0    https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
                "GHSA-jfh8-c2jp-5v3q  github:java  Critical  org.apache.logging.log4j:log4j-core  2.12.2    https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(api.run("query", "vulnerabilities").exitCode()).as("an id is required").isEqualTo(2);
    }
}
