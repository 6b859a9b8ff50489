package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.drydock.platform.osv.AffectedVersions.Verdict;
import io.drydock.platform.osv.OsvEvent.Kind;
import io.drydock.testkit.osv.OsvFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AffectedVersionsTest {

    @ParameterizedTest(name = "log4j-core {0}: affected={1}, fix={2}")
    @CsvSource(nullValues = "-", value = {
            "2.14.1, true, 2.15.0",
            "2.13.0, true, 2.15.0",
            "2.15.0, false, -",
            "2.17.1, false, -",
            "2.12.1, true, 2.12.2",
            "2.12.2, false, -",
            "2.0-beta9, true, 2.3.1",
            "2.3, true, 2.3.1",
            "2.3.1, false, -"})
    void log4ShellAffectsLog4jCoreUpToItsFixes(String version, boolean affected, String fix) throws Exception {
        OsvRecord record = fixture("Maven", "GHSA-jfh8-c2jp-5v3q");
        List<Verdict> verdicts = record.affected().stream()
                .filter(a -> a.packageName().equals("org.apache.logging.log4j:log4j-core"))
                .map(a -> AffectedVersions.evaluate(a, version)).toList();

        assertThat(verdicts).hasSize(3).allMatch(Verdict::comparable);
        assertThat(verdicts.stream().anyMatch(Verdict::affected)).isEqualTo(affected);
        assertThat(verdicts.stream().flatMap(v -> v.fixedVersions().stream()).toList())
                .isEqualTo(fix == null ? List.of() : List.of(fix));
    }

    @ParameterizedTest(name = "lodash {0}: affected={1}")
    @CsvSource({"4.17.15, true", "4.17.19, true", "4.17.20, false", "4.17.21, false", "0.1.0, true"})
    void lodashPrototypePollutionUpTo41720(String version, boolean affected) throws Exception {
        OsvAffected lodash = fixture("npm", "GHSA-p6mc-m468-83gw").affected().get(0);
        assertThat(lodash.packageName()).isEqualTo("lodash");

        Verdict verdict = AffectedVersions.evaluate(lodash, version);

        assertThat(verdict).isEqualTo(affected ? new Verdict(true, List.of("4.17.20"), true, null)
                : new Verdict(false, List.of(), true, null));
    }

    @ParameterizedTest(name = "requests {0}: affected={1}")
    @CsvSource(nullValues = "-", value = {
            "2.30.0, true, 2.31.0", "2.3.0, true, 2.31.0", "2.31.0, false, -", "2.2.1, false, -",
            "2.31.0rc1, true, 2.31.0", "2.31.0.post1, false, -"})
    void pypiRangeIsComparedByPep440AndTheGitRangeIsIgnored(String version, boolean affected, String fix)
            throws Exception {
        OsvAffected requests = fixture("PyPI", "PYSEC-2023-74").affected().get(0);
        assertThat(requests.ranges()).extracting(OsvRange::type).contains(OsvRange.Type.GIT);

        Verdict verdict = AffectedVersions.evaluate(requests, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.fixedVersions()).isEqualTo(fix == null ? List.of() : List.of(fix));
        assertThat(verdict.comparable()).isTrue();
    }

    @ParameterizedTest(name = "golang.org/x/text {0}: affected={1}")
    @CsvSource({"v0.3.7, true", "0.3.7, true", "v0.3.8, false", "v0.4.0, false",
            "v0.0.0-20210226172049-e18ecbb05110, true", "v0.3.8-0.20220922210815-30f5e8c5e4c4, true"})
    void goModulesAreComparedWithTheirVPrefix(String version, boolean affected) throws Exception {
        OsvAffected text = fixture("Go", "GO-2022-1059").affected().get(0);

        Verdict verdict = AffectedVersions.evaluate(text, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.comparable()).isTrue();
        assertThat(verdict.fixedVersions()).isEqualTo(affected ? List.of("0.3.8") : List.of());
    }

    @ParameterizedTest(name = "stdlib {0}: affected={1}, fix={2}")
    @CsvSource(nullValues = "-", value = {
            "go1.19.5, true, 1.19.6", "go1.19.6, false, -", "go1.20, true, 1.20.1", "go1.20.0, true, 1.20.1",
            "v1.20.1, false, -", "1.21.0, false, -"})
    void goStandardLibraryPicksTheFixOfItsOwnReleaseBranch(String version, boolean affected, String fix)
            throws Exception {
        OsvAffected stdlib = fixture("Go", "GO-2023-1571").affected().get(0);
        assertThat(stdlib.packageName()).isEqualTo("stdlib");

        Verdict verdict = AffectedVersions.evaluate(stdlib, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.fixedVersions()).isEqualTo(fix == null ? List.of() : List.of(fix));
    }

    /** 2.2.0.beta1 is a pre-release of 2.2, below the third range's start and above the second range's fix. */
    @ParameterizedTest(name = "rack {0}: affected={1}, fix={2}")
    @CsvSource(nullValues = "-", value = {
            "2.2.3, true, 2.2.3.1", "2.2.3.1, false, -", "2.1.4, true, 2.1.4.1", "2.0.9, true, 2.0.9.1",
            "1.1, false, -", "2.2.4, false, -", "2.2.0.beta1, false, -"})
    void rubyGemsRangesUseGemVersionOrder(String version, boolean affected, String fix) throws Exception {
        OsvRecord record = fixture("RubyGems", "GHSA-hxqx-xwvh-44m2");
        List<Verdict> verdicts = record.affected().stream().map(a -> AffectedVersions.evaluate(a, version)).toList();

        assertThat(verdicts.stream().anyMatch(Verdict::affected)).isEqualTo(affected);
        assertThat(verdicts.stream().flatMap(v -> v.fixedVersions().stream()).toList())
                .isEqualTo(fix == null ? List.of() : List.of(fix));
    }

    @Test
    void debianUnfixedRecordAffectsEveryVersionOfItsRelease() throws Exception {
        OsvRecord record = fixture("Debian", "DEBIAN-CVE-2011-3374");
        OsvAffected bookworm = entry(record, "Debian:12");

        assertThat(AffectedVersions.evaluate(bookworm, "2.6.1")).isEqualTo(new Verdict(true, List.of(), true, null));
        assertThat(AffectedVersions.evaluate(bookworm, "2.6.1+deb12u1").affected()).isTrue();
        assertThat(AffectedVersions.evaluate(entry(record, "Debian:11"), "2.2.4").affected()).isTrue();
    }

    @ParameterizedTest(name = "glibc {0}: affected={1}")
    @CsvSource({"2.36-9+deb12u1, true", "2.36-9, true", "2.36-9+deb12u3, false", "2.36-9+deb12u10, false",
            "2.36-9+deb12u2~bpo1, true", "2.37-1, false"})
    void debianSecurityAdvisoryIsFixedByDpkgOrder(String version, boolean affected) throws Exception {
        OsvAffected glibc = entry(fixture("Debian", "DSA-5514-1"), "Debian:12");

        Verdict verdict = AffectedVersions.evaluate(glibc, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.fixedVersions()).isEqualTo(affected ? List.of("2.36-9+deb12u3") : List.of());
    }

    @ParameterizedTest(name = "openssl {0} on {1}: affected={2}")
    @CsvSource({"3.1.3-r0, Alpine:v3.18, true", "3.1.4-r0, Alpine:v3.18, false", "3.1.4-r1, Alpine:v3.18, false",
            "3.1.4_rc1-r0, Alpine:v3.18, true", "3.0.11-r0, Alpine:v3.17, true", "3.0.12-r0, Alpine:v3.17, false"})
    void alpineRangesUseApkOrder(String version, String ecosystem, boolean affected) throws Exception {
        OsvAffected openssl = entry(fixture("Alpine", "ALPINE-CVE-2023-5363"), ecosystem);

        assertThat(AffectedVersions.evaluate(openssl, version).affected()).isEqualTo(affected);
    }

    @Test
    void ubuntuListedVersionsAndOpenRangeAreAffected() throws Exception {
        OsvAffected jammy = entry(fixture("Ubuntu", "UBUNTU-CVE-2016-2781"), "Ubuntu:22.04:LTS");

        assertThat(AffectedVersions.evaluate(jammy, "8.32-4.1ubuntu1.2"))
                .isEqualTo(new Verdict(true, List.of(), true, null));
        assertThat(AffectedVersions.evaluate(jammy, "9.9-1ubuntu1").affected()).isTrue();
    }

    @Test
    void versionsListAloneDecidesByExactVersion() {
        OsvAffected listed = new OsvAffected("Debian:12", "apt", null, List.of(), List.of("2.6.0", "2.6.1"),
                List.of(), null, null);

        assertThat(AffectedVersions.evaluate(listed, "2.6.1")).isEqualTo(new Verdict(true, List.of(), true, null));
        assertThat(AffectedVersions.evaluate(listed, "2.6.2")).isEqualTo(new Verdict(false, List.of(), true, null));
    }

    @ParameterizedTest(name = "{0}: affected={1}")
    @CsvSource({"0.9.0, false", "1.0.0, true", "1.5.0, true", "1.5.1, false", "2.0.0, false"})
    void lastAffectedIsTheLastVersionInside(String version, boolean affected) {
        OsvAffected entry = npm(range(OsvRange.Type.ECOSYSTEM, Kind.INTRODUCED, "1.0.0", Kind.LAST_AFFECTED, "1.5.0"));

        Verdict verdict = AffectedVersions.evaluate(entry, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.fixedVersions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: affected={1}")
    @CsvSource({"1.9.9, true", "2.0.0, false", "3.0.0, false"})
    void limitEndsTheRange(String version, boolean affected) {
        OsvAffected entry = npm(range(OsvRange.Type.ECOSYSTEM, Kind.INTRODUCED, "0", Kind.LIMIT, "2.0.0"));

        assertThat(AffectedVersions.evaluate(entry, version).affected()).isEqualTo(affected);
    }

    @Test
    void limitStarIsNoLimit() {
        OsvAffected entry = npm(range(OsvRange.Type.ECOSYSTEM, Kind.INTRODUCED, "1.0.0", Kind.LIMIT, "*"));

        assertThat(AffectedVersions.evaluate(entry, "99.0.0").affected()).isTrue();
        assertThat(AffectedVersions.evaluate(entry, "0.1.0").affected()).isFalse();
    }

    @ParameterizedTest(name = "{0}: affected={1}, fix={2}")
    @CsvSource(nullValues = "-", value = {
            "0.1.0, true, 2.0.0", "2.0.0, false, -", "2.5.0, false, -", "3.0.0, true, 3.2.0", "3.1.9, true, 3.2.0",
            "3.2.0, false, -"})
    void unsortedEventsAreSortedByVersionFirst(String version, boolean affected, String fix) {
        OsvAffected entry = npm(range(OsvRange.Type.ECOSYSTEM,
                Kind.FIXED, "3.2.0", Kind.INTRODUCED, "3.0.0", Kind.FIXED, "2.0.0", Kind.INTRODUCED, "0"));

        Verdict verdict = AffectedVersions.evaluate(entry, version);

        assertThat(verdict.affected()).isEqualTo(affected);
        assertThat(verdict.fixedVersions()).isEqualTo(fix == null ? List.of() : List.of(fix));
    }

    @Test
    void semverRangesTolerateALeadingV() {
        OsvAffected entry = new OsvAffected("crates.io", "hyper", null,
                List.of(range(OsvRange.Type.SEMVER, Kind.INTRODUCED, "v0.14.0", Kind.FIXED, "0.14.10")), List.of(),
                List.of(), null, null);

        assertThat(AffectedVersions.evaluate(entry, "v0.14.9").affected()).isTrue();
        assertThat(AffectedVersions.evaluate(entry, "0.14.9").affected()).isTrue();
        assertThat(AffectedVersions.evaluate(entry, "v0.14.10").affected()).isFalse();
    }

    @Test
    void aVersionTheEcosystemRefusesIsNotComparable() throws Exception {
        OsvAffected glibc = entry(fixture("Debian", "DSA-5514-1"), "Debian:12");

        Verdict verdict = AffectedVersions.evaluate(glibc, "2.36 beta");

        assertThat(verdict.affected()).isFalse();
        assertThat(verdict.comparable()).isFalse();
        assertThat(verdict.problem()).contains("ranges[0]", "Debian version '2.36 beta' is invalid");
    }

    @Test
    void anEcosystemWithoutOrderingIsNotComparableUnlessTheVersionIsListed() {
        OsvAffected entry = new OsvAffected("Photon OS:5.0", "openssl", null,
                List.of(range(OsvRange.Type.ECOSYSTEM, Kind.INTRODUCED, "0", Kind.FIXED, "3.0.9-3.ph5")),
                List.of("3.0.8-1.ph5"), List.of(), null, null);

        Verdict unknown = AffectedVersions.evaluate(entry, "3.0.8-2.ph5");
        assertThat(unknown.comparable()).isFalse();
        assertThat(unknown.affected()).isFalse();
        assertThat(unknown.problem()).isEqualTo("no version ordering for ecosystem 'Photon OS:5.0'");

        assertThat(AffectedVersions.evaluate(entry, "3.0.8-1.ph5")).isEqualTo(new Verdict(true, List.of(), true, null));
    }

    @Test
    void wolfiAndChainguardUseApkOrder() {
        OsvAffected entry = new OsvAffected("Wolfi", "openssl", null,
                List.of(range(OsvRange.Type.ECOSYSTEM, Kind.INTRODUCED, "0", Kind.FIXED, "3.3.2-r1")), List.of(),
                List.of(), null, null);

        assertThat(AffectedVersions.evaluate(entry, "3.3.2-r0").affected()).isTrue();
        assertThat(AffectedVersions.evaluate(entry, "3.3.2-r1").comparable()).isTrue();
        assertThat(AffectedVersions.evaluate(entry, "3.3.2-r1").affected()).isFalse();
    }

    @Test
    void aWithdrawnRecordAffectsNothing() throws Exception {
        OsvRecord live = fixture("npm", "GHSA-p6mc-m468-83gw");
        OsvRecord withdrawn = new OsvRecord(live.id(), live.modified(), live.published(),
                Instant.parse("2024-01-01T00:00:00Z"), live.aliases(), live.related(), live.summary(), live.details(),
                live.severity(), live.affected(), live.references(), live.databaseSpecific(), live.upstream());
        OsvAffected lodash = live.affected().get(0);

        assertThat(AffectedVersions.evaluate(live, lodash, "4.17.15").affected()).isTrue();
        assertThat(withdrawn.isWithdrawn()).isTrue();
        assertThat(AffectedVersions.evaluate(withdrawn, lodash, "4.17.15"))
                .isEqualTo(new Verdict(false, List.of(), true, null));
    }

    private static OsvRecord fixture(String ecosystem, String id) throws MalformedOsvRecordException {
        return OsvParser.parse(OsvFixtures.read(ecosystem, id));
    }

    private static OsvAffected entry(OsvRecord record, String ecosystem) {
        return record.affected().stream().filter(a -> a.ecosystem().equals(ecosystem)).findFirst().orElseThrow();
    }

    private static OsvAffected npm(OsvRange range) {
        return new OsvAffected("npm", "demo", null, List.of(range), List.of(), List.of(), null, null);
    }

    /** A range from kind/version pairs. */
    private static OsvRange range(OsvRange.Type type, Object... kindsAndVersions) {
        List<Object> items = Arrays.asList(kindsAndVersions);
        List<OsvEvent> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            events.add(new OsvEvent((Kind) items.get(i), (String) items.get(i + 1)));
        }
        return new OsvRange(type, null, events);
    }
}
