package io.drydock.cli.image;

import io.drydock.cli.FakeApi;
import io.drydock.cli.FakeApi.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code image vuln} against a loopback server answering as /v1/images/{digest}/vuln does. */
class ImageVulnCommandTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String REPORT = """
            {"imageDigest": "%s", "vulnerability_type": "all", "matched_at": "2024-06-01T10:06:00Z",
             "namespaces": [{"namespace": "debian:12", "feed": "vulnerabilities", "data_present": true},
                            {"namespace": "github:npm", "feed": "vulnerabilities", "data_present": false}],
             "vulnerabilities": [
              {"vuln": "CVE-2023-5678", "severity": "Medium", "url": "https://security-tracker.debian.org/tracker/CVE-2023-5678",
               "fix": "3.0.13-1~deb12u1", "package": "libssl3-3.0.11-1~deb12u2", "package_type": "dpkg",
               "feed_group": "debian:12", "package_path": "pkgdb", "nvd_data": [{"id": "CVE-2023-5678"}]},
              {"vuln": "CVE-2021-44228", "severity": "Critical", "url": "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q",
               "fix": "2.15.0", "package": "log4j-core-2.14.1", "package_type": "java", "feed_group": "github:java",
               "package_path": "/app/log4j-core.jar", "nvd_data": [{"id": "CVE-2021-44228"}]},
              {"vuln": "CVE-2024-0727", "severity": "Low", "url": "None", "fix": "None",
               "package": "libssl3-3.0.11-1~deb12u2", "package_type": "dpkg", "feed_group": "debian:12",
               "package_path": "pkgdb", "nvd_data": []}]}""".formatted(DIGEST);

    private final FakeApi api = new FakeApi();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsAnchoresColumnsMostSevereFirst() {
        api.answer("GET", "/images/" + DIGEST + "/vuln/all", 200, REPORT);

        Run run = api.run("image", "vuln", DIGEST, "all");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "Vulnerability ID  Package                   Severity  Fix               CVE Refs        Vulnerability URL                                          Type  Feed Group   Package Path",
                "CVE-2021-44228    log4j-core-2.14.1         Critical  2.15.0            CVE-2021-44228  https://github.com/advisories/GHSA-jfh8-c2jp-5v3q          java  github:java  /app/log4j-core.jar",
                "CVE-2023-5678     libssl3-3.0.11-1~deb12u2  Medium    3.0.13-1~deb12u1  CVE-2023-5678   https://security-tracker.debian.org/tracker/CVE-2023-5678  dpkg  debian:12    pkgdb",
                "CVE-2024-0727     libssl3-3.0.11-1~deb12u2  Low       None                              None                                                       dpkg  debian:12    pkgdb");
        assertThat(api.requests().getFirst().query()).isEqualTo("vendor_only=True");
        assertThat(run.err()).contains("Warning: there is no vulnerability data for github:npm (feed vulnerabilities);"
                + " the image's packages in it were not checked");
    }

    @Test
    void asksForWhatTheVendorWillNotFixWithVendorOnlyFalse() {
        api.answer("GET", "/images/" + DIGEST + "/vuln/os", 200, REPORT);
        assertThat(api.run("image", "vuln", DIGEST, "os", "--vendor-only", "false").exitCode()).isZero();
        assertThat(api.requests().getFirst().query()).isEqualTo("vendor_only=False");
    }

    @Test
    void doesNotPassOffAnImageNotMatchedYetAsClean() {
        api.answer("GET", "/images/" + DIGEST + "/vuln/all", 200, """
                {"imageDigest": "%s", "vulnerability_type": "all", "vulnerabilities": [], "matched_at": null,
                 "namespaces": []}""".formatted(DIGEST));

        Run run = api.run("image", "vuln", DIGEST, "all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the image has not been matched against the vulnerability data (this is not"
                + " 'no vulnerabilities')");
        Run json = api.run("--json", "image", "vuln", DIGEST, "all");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.out()).contains("\"matched_at\" : null");
    }

    @Test
    void reportsAnImageNotAnalysedAndAnUnknownType() {
        api.answer("GET", "/images/" + DIGEST + "/vuln/os", 404,
                "{\"message\": \"image is not analyzed - analysis_status: analyzing\", \"httpcode\": 404}");
        Run pending = api.run("image", "vuln", DIGEST, "os");
        assertThat(pending.exitCode()).isEqualTo(2);
        assertThat(pending.err()).contains("image is not analyzed - analysis_status: analyzing (HTTP 404)");

        Run unknown = api.run("image", "vuln", DIGEST, "kernel");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("TYPE must be one of os, non-os, all");
    }

    @Test
    void listsTheTypesWithoutOne() {
        api.answer("GET", "/images/" + DIGEST + "/vuln", 200, "[\"os\", \"non-os\", \"all\"]");
        Run run = api.run("image", "vuln", DIGEST);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("os", "non-os", "all");
    }
}
