package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static io.drydock.policy.gate.TestImages.nonOsVuln;
import static io.drydock.policy.gate.TestImages.osVuln;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VulnerabilitiesGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));

    private static ImageFacts imageWithAllSeverities() {
        return TestImages.debian()
                .vulnerability(osVuln("CVE-2024-0001", "Low", "zlib1g", LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0002", "Medium", "curl", LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0003", "High", "openssl", LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0004", "Critical", "libc6", LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0005", "Negligible", "tar", LONG_AGO))
                .build();
    }

    private static List<String> ids(List<TriggerMatch> matches) {
        return matches.stream().map(TriggerMatch::triggerId).toList();
    }

    private static List<TriggerMatch> packages(Map<String, String> params, ImageFacts image) {
        return fire("vulnerabilities", "package", params, image, NOW);
    }

    @Test
    void selectsMatchesBySeverityComparison() {
        ImageFacts image = imageWithAllSeverities();
        assertThat(ids(packages(Map.of("package_type", "all", "severity_comparison", ">", "severity", "medium"), image)))
                .containsExactly("CVE-2024-0003+openssl", "CVE-2024-0004+libc6");
        assertThat(ids(packages(Map.of("package_type", "all", "severity_comparison", "=", "severity", "medium"), image)))
                .containsExactly("CVE-2024-0002+curl");
        assertThat(ids(packages(Map.of("package_type", "os", "severity_comparison", "<=", "severity", "low"), image)))
                .containsExactly("CVE-2024-0001+zlib1g", "CVE-2024-0005+tar");
        assertThat(ids(packages(Map.of("package_type", "all", "severity_comparison", ">=", "severity", "high"), image)))
                .containsExactly("CVE-2024-0003+openssl", "CVE-2024-0004+libc6");
        assertThat(ids(packages(Map.of("package_type", "all", "severity_comparison", "<", "severity", "negligible"), image)))
                .isEmpty();
        assertThat(ids(packages(Map.of("package_type", "all", "severity_comparison", "!=", "severity", "critical"), image)))
                .hasSize(4);
    }

    @Test
    void defaultsToAnySeverityAboveUnknown() {
        assertThat(packages(Map.of("package_type", "all"), imageWithAllSeverities())).hasSize(5);
    }

    @Test
    void filtersByPackageClass() {
        ImageFacts image = TestImages.debian()
                .vulnerability(osVuln("CVE-2024-0003", "High", "openssl", LONG_AGO))
                .vulnerability(nonOsVuln("GHSA-aaaa-bbbb-cccc", "High", "npm", "lodash", "4.17.15",
                        "/app/node_modules/lodash/package.json", LONG_AGO))
                .build();
        assertThat(ids(packages(Map.of("package_type", "os"), image))).containsExactly("CVE-2024-0003+openssl");
        assertThat(ids(packages(Map.of("package_type", "non-os"), image))).containsExactly("GHSA-aaaa-bbbb-cccc+lodash");
    }

    @Test
    void writesAnchoreMessages() {
        VulnerabilityMatch fixed = new VulnerabilityMatch("CVE-2024-0003", "High", "openssl", "3.0.1-1", "dpkg",
                "pkgdb", List.of("3.0.2-1"), false, "https://example.test/CVE-2024-0003", "vulnerabilities",
                "debian:12", new CvssV3(9.8, 3.9, 5.9), null, LONG_AGO, null);
        ImageFacts image = TestImages.debian()
                .vulnerability(osVuln("CVE-2024-0002", "Medium", "curl", LONG_AGO))
                .vulnerability(fixed)
                .vulnerability(nonOsVuln("GHSA-aaaa-bbbb-cccc", "Critical", "java", "log4j-core", "2.14.0",
                        "/opt/app/lib/log4j-core-2.14.0.jar", LONG_AGO))
                .build();

        assertThat(packages(Map.of("package_type", "all"), image)).extracting(TriggerMatch::message).containsExactly(
                "MEDIUM Vulnerability found in os package type (dpkg) - curl "
                        + "(CVE-2024-0002 - https://security-tracker.debian.org/tracker/CVE-2024-0002)",
                "HIGH Vulnerability found in os package type (dpkg) - openssl (fixed in: 3.0.2-1)"
                        + "(CVE-2024-0003 - https://example.test/CVE-2024-0003)",
                "CRITICAL Vulnerability found in non-os package type (java) - /opt/app/lib/log4j-core-2.14.0.jar "
                        + "(GHSA-aaaa-bbbb-cccc - https://github.com/advisories/GHSA-aaaa-bbbb-cccc)");

        assertThat(packages(Map.of("package_type", "os", "cvss_v3_base_score", "7.0",
                "max_days_since_creation", "30"), image))
                .extracting(TriggerMatch::message).containsExactly(
                        "HIGH Vulnerability found in os package type (dpkg) - openssl (fixed in: 3.0.2-1)"
                                + "(cvss_v3_base_score=9.8)(max_days_since_creation=2025-01-25)"
                                + "(CVE-2024-0003 - https://example.test/CVE-2024-0003)");
    }

    @Test
    void buildsTriggerIdsFromPackageIdentity() {
        ImageFacts image = TestImages.debian()
                .vulnerability(osVuln("CVE-2019-1234", "High", "openssl", LONG_AGO))
                .vulnerability(nonOsVuln("CVE-2021-44228", "Critical", "java", "log4j-core", "2.14.0",
                        "/opt/app/lib/log4j-core-2.14.0.jar", LONG_AGO))
                .vulnerability(nonOsVuln("GHSA-p6mc-m468-83gw", "High", "npm", "lodash", "4.17.15",
                        "/app/node_modules/lodash/package.json", LONG_AGO))
                .vulnerability(nonOsVuln("CVE-2022-30123", "Critical", "gem", "rack", "2.2.3",
                        "/usr/lib/ruby/gems/3.0.0/specifications/rack-2.2.3.gemspec", LONG_AGO))
                .vulnerability(nonOsVuln("CVE-2022-42969", "Medium", "python", "py", "1.11.0",
                        "/usr/lib/python3/dist-packages/py", LONG_AGO))
                .vulnerability(nonOsVuln("CVE-2022-0001", "Medium", "npm", "left-pad", "1.0.0", "package.json",
                        LONG_AGO))
                .build();
        assertThat(ids(packages(Map.of("package_type", "all"), image))).containsExactly(
                "CVE-2019-1234+openssl",
                "CVE-2021-44228+log4j-core-2.14.0.jar",
                "GHSA-p6mc-m468-83gw+lodash",
                "CVE-2022-30123+rack-2.2.3.gemspec",
                "CVE-2022-42969+py-1.11.0",
                "CVE-2022-0001+left-pad-1.0.0");
    }

    @Test
    void matchesFixAvailability() {
        VulnerabilityMatch withFix = new VulnerabilityMatch("CVE-2024-0010", "High", "openssl", "3.0.1-1", "dpkg",
                "pkgdb", List.of("3.0.2-1"), false, "l", "f", "g", null, null, LONG_AGO, NOW.minus(Duration.ofDays(5)));
        ImageFacts image = TestImages.debian().vulnerability(withFix)
                .vulnerability(osVuln("CVE-2024-0011", "High", "curl", LONG_AGO)).build();
        assertThat(ids(packages(Map.of("package_type", "all", "fix_available", "true"), image)))
                .containsExactly("CVE-2024-0010+openssl");
        assertThat(ids(packages(Map.of("package_type", "all", "fix_available", "FALSE"), image)))
                .containsExactly("CVE-2024-0011+curl");
        assertThat(packages(Map.of("package_type", "all", "fix_available", "true", "max_days_since_fix", "10"), image))
                .isEmpty();
        assertThat(packages(Map.of("package_type", "all", "fix_available", "true", "max_days_since_fix", "3"), image))
                .extracting(TriggerMatch::message)
                .containsExactly("HIGH Vulnerability found in os package type (dpkg) - openssl (fixed in: 3.0.2-1)"
                        + "(max_days_since_fix=2026-02-24)(CVE-2024-0010 - l)");
    }

    @Test
    void skipsVendorWontFixUnlessVendorOnlyIsFalse() {
        VulnerabilityMatch wontFix = new VulnerabilityMatch("CVE-2024-0020", "High", "systemd", "252", "dpkg",
                "pkgdb", List.of(), true, "l", "f", "g", null, null, LONG_AGO, null);
        ImageFacts image = TestImages.debian().vulnerability(wontFix).build();
        assertThat(packages(Map.of("package_type", "all"), image)).isEmpty();
        assertThat(packages(Map.of("package_type", "all", "vendor_only", "true"), image)).isEmpty();
        assertThat(ids(packages(Map.of("package_type", "all", "vendor_only", "false"), image)))
                .containsExactly("CVE-2024-0020+systemd");
    }

    @Test
    void skipsVulnerabilitiesYoungerThanMaxDaysSinceCreation() {
        ImageFacts image = TestImages.debian()
                .vulnerability(osVuln("CVE-2026-0001", "High", "new", NOW.minus(Duration.ofDays(10))))
                .vulnerability(osVuln("CVE-2025-0001", "High", "old", NOW.minus(Duration.ofDays(40))))
                .build();
        assertThat(ids(packages(Map.of("package_type", "all", "max_days_since_creation", "30"), image)))
                .containsExactly("CVE-2025-0001+old");
    }

    @Test
    void comparesCvssScoresWithMissingScoresAsMinusOne() {
        VulnerabilityMatch scored = new VulnerabilityMatch("CVE-2024-0030", "High", "openssl", "1", "dpkg", "pkgdb",
                List.of(), false, "l", "f", "g", new CvssV3(7.5, 3.9, 3.6), new CvssV3(6.1, 2.8, 2.7), LONG_AGO, null);
        ImageFacts image = TestImages.debian().vulnerability(scored)
                .vulnerability(osVuln("CVE-2024-0031", "High", "curl", LONG_AGO)).build();

        assertThat(ids(packages(Map.of("package_type", "all", "cvss_v3_base_score", "7.5"), image)))
                .containsExactly("CVE-2024-0030+openssl");
        assertThat(ids(packages(Map.of("package_type", "all", "cvss_v3_base_score", "7.5",
                "cvss_v3_base_score_comparison", ">"), image))).isEmpty();
        assertThat(ids(packages(Map.of("package_type", "all", "cvss_v3_impact_score", "0",
                "cvss_v3_impact_score_comparison", "<"), image))).containsExactly("CVE-2024-0031+curl");
        assertThat(packages(Map.of("package_type", "all", "vendor_cvss_v3_exploitability_score", "2.0"), image))
                .extracting(TriggerMatch::message)
                .containsExactly("HIGH Vulnerability found in os package type (dpkg) - openssl "
                        + "(vendor_cvss_v3_exploitability_score=2.8)(CVE-2024-0030 - l)");
    }

    @Test
    void excludesNonOsPackagesByPath() {
        ImageFacts image = TestImages.debian()
                .vulnerability(nonOsVuln("CVE-2024-0040", "High", "java", "junit", "4.12", "/app/lib/junit-test.jar",
                        LONG_AGO))
                .vulnerability(nonOsVuln("CVE-2024-0041", "High", "java", "guava", "20.0", "/app/lib/guava.jar",
                        LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0042", "High", "test.jar", LONG_AGO))
                .build();
        assertThat(ids(packages(Map.of("package_type", "all", "package_path_exclude", ".*test\\.jar"), image)))
                .containsExactly("CVE-2024-0041+guava.jar", "CVE-2024-0042+test.jar");
    }

    @Test
    void reportsMissingAndUnsyncedFeedData() {
        ImageFacts image = TestImages.debian().build();
        assertThat(fire("vulnerabilities", "vulnerability_data_unavailable", Map.of(), image, NOW))
                .extracting(TriggerMatch::message)
                .containsExactly("Distro-specific feed data not found for distro namespace: debian:12. "
                        + "Cannot perform CVE scan OS/distro packages");
        assertThat(fire("vulnerabilities", "stale_feed_data", Map.of("max_days_since_sync", "2"), image, NOW))
                .extracting(TriggerMatch::message)
                .containsExactly("The vulnerability feed for this image distro is older than MAXAGE (2) days");
    }

    @Test
    void staleFeedDataComparesTheOldestSync() {
        ImageFacts fresh = TestImages.debian()
                .feeds(new FeedStatus("debian:12", true, NOW.minus(Duration.ofDays(1)))).build();
        ImageFacts stale = TestImages.debian()
                .feeds(new FeedStatus("debian:12", true, NOW.minus(Duration.ofDays(1))),
                        new FeedStatus("debian:12-security", true, NOW.minus(Duration.ofDays(3)))).build();
        assertThat(fire("vulnerabilities", "stale_feed_data", Map.of("max_days_since_sync", " 2 "), fresh, NOW)).isEmpty();
        assertThat(fire("vulnerabilities", "vulnerability_data_unavailable", Map.of(), fresh, NOW)).isEmpty();
        assertThat(fire("vulnerabilities", "stale_feed_data", Map.of("max_days_since_sync", "2"), stale, NOW)).hasSize(1);
    }

    @Test
    void blacklistFiresOnceListingFoundIds() {
        ImageFacts image = TestImages.debian()
                .vulnerability(osVuln("CVE-2024-0001", "Low", "zlib1g", LONG_AGO))
                .vulnerability(osVuln("CVE-2024-0003", "High", "openssl", LONG_AGO))
                .build();
        assertThat(fire("vulnerabilities", "blacklist",
                Map.of("vulnerability_ids", "CVE-2024-0003, CVE-2099-9999,CVE-2024-0001"), image, NOW))
                .containsExactly(new TriggerMatch(
                        GateHarness.md5("vulnerabilitiesblacklistBlacklisted vulnerabilities detected: "
                                + "['CVE-2024-0003', 'CVE-2024-0001']"),
                        "Blacklisted vulnerabilities detected: ['CVE-2024-0003', 'CVE-2024-0001']"));
    }
}
