package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pair of a set of tricky versions, ordered by node-semver 7 (the {@code semver} package npm itself uses,
 * fetched from the npm registry with {@code npm pack} and cached under target/), in one run of node. The plain
 * SemVer 2.0.0 comparator is checked against the same run wherever both accept a version (node-semver's strict
 * grammar is SemVer 2.0.0's, plus a {@code v} prefix, trimming and a 2^53-1 bound on numbers).
 */
class NpmVersionComparatorTest {

    static final List<String> VERSIONS = List.of(
            "0.0.0", "0.0.1", "0.1.0", "1.0.0", "1.0.1", "1.1.0", "1.2.3", "1.2.10", "1.10.0", "2.0.0", "10.0.0",
            "v1.2.3", " 1.2.3 ", "\u00a01.2.3\ufeff", "1.2.3+build", "1.2.3+build.1", "1.2.3+001", "1.2.3-0",
            "1.2.3-1", "1.2.3-2", "1.2.3-10", "1.2.3-a", "1.2.3-A", "1.2.3-Z", "1.2.3--", "1.2.3-0a", "1.2.3-a.1",
            "1.2.3-a.1.1", "1.2.3-a.2", "1.2.3-a.10", "1.2.3-a.b", "1.2.3-a-b", "1.2.3-alpha", "1.2.3-alpha.1",
            "1.2.3-alpha.beta", "1.2.3-beta", "1.2.3-beta.2", "1.2.3-beta.11", "1.2.3-rc.1", "1.2.3-rc.1+b",
            "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.2.3-9007199254740990", "1.2.3-9007199254740991",
            "1.2.3-9007199254740992", "1.2.3-9007199254740993", "1.2.3-99999999999999999999.1",
            "1.2.3-99999999999999999998.2", "9007199254740991.0.0", "0.0.9007199254740991",
            // refused by node-semver's strict parsing
            "", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b",
            "1.2.3+a..b", "=1.2.3", "V1.2.3", "vv1.2.3", "v 1.2.3", "1.2.3 beta", "1.2.3-beta_1", "1.2.3+build_1",
            "9007199254740992.0.0", "1.99999999999999999999.0", "1.2.3-é", "1.2.3\u0085", "\u001c1.2.3",
            "latest", "*", "^1.2.3", "1.2.x", "1.2.3-" + "a".repeat(260));

    private static final Path DIR = Path.of("target", "npm-authority");
    private static Path semver;

    private final NpmVersionComparator comparator = new NpmVersionComparator();

    /** node-semver 7 from the npm registry (once; then from target/). */
    @BeforeAll
    static void fetchSemver() throws Exception {
        Files.createDirectories(DIR);
        Path tarball = null;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(DIR, "semver-7.*.tgz")) {
            for (Path path : found) {
                tarball = path;
            }
        }
        if (tarball == null) {
            String name = runTool(List.of("npm", "pack", "semver@7", "--pack-destination", DIR.toString()));
            tarball = DIR.resolve(name.lines().reduce((a, b) -> b).orElseThrow().trim());
        }
        Path unpacked = DIR.resolve("semver");
        Files.createDirectories(unpacked);
        runTool(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString(), "--strip-components=1"));
        semver = unpacked.toAbsolutePath();
    }

    private static String runTool(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.getFirst() + " (Debian package nodejs/npm, see"
                    + " TEST_PACKAGES in the drydock script): " + e.getMessage(), e);
        }
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static List<String> authority() throws Exception {
        Path script = DIR.resolve("semver_authority.js");
        try (InputStream in = NpmVersionComparatorTest.class.getResourceAsStream("semver_authority.js")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> out = AuthorityRun.run(DIR, VERSIONS, "node", script.toString(), semver.toString());
        assertThat(out.getFirst()).startsWith("node-semver 7.");
        return out;
    }

    @Test
    void ordersEveryPairAsNodeSemver() throws Exception {
        assertThat(AuthorityRun.disagreements(authority(), VERSIONS, comparator, 2_000)).isEmpty();
    }

    @Test
    void plainSemVerAgreesWithNodeSemverOnSemVerVersions() throws Exception {
        List<String> out = authority();
        List<String> problems = new ArrayList<>();
        int pairs = 0;
        for (int i = 0; i < VERSIONS.size(); i++) {
            for (int j = 0; j < VERSIONS.size(); j++) {
                String left = VERSIONS.get(i);
                String right = VERSIONS.get(j);
                char expected = out.get(i + 2).charAt(j);
                if (expected == 'x' || !SemVerComparator.SEMVER.isValid(left)
                        || !SemVerComparator.SEMVER.isValid(right) || isUnsafeNumber(left) || isUnsafeNumber(right)) {
                    continue;
                }
                pairs++;
                int result = SemVerComparator.SEMVER.compare(left, right);
                char actual = result < 0 ? '<' : result == 0 ? '=' : '>';
                if (actual != expected) {
                    problems.add(left + " " + actual + " " + right + ", node-semver says " + expected);
                }
            }
        }
        assertThat(pairs).isGreaterThan(1_500);
        assertThat(problems).isEmpty();
    }

    /** node-semver compares identifiers of 2^53 and more as doubles; SemVer 2.0.0 exactly. */
    private static boolean isUnsafeNumber(String version) {
        return version.matches(".*[-.][0-9]{16,}.*");
    }

    @Test
    void semVerOrdersTheSpecificationsExample() {
        // semver.org §11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
        //                 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            assertThat(SemVerComparator.SEMVER.compare(ordered.get(i), ordered.get(i + 1))).isNegative();
            assertThat(SemVerComparator.CRATES_IO.compare(ordered.get(i + 1), ordered.get(i))).isPositive();
        }
        assertThat(SemVerComparator.SEMVER.compare("1.0.0+a", "1.0.0+b")).isZero();
        assertThat(SemVerComparator.SEMVER.compare("1.2.3-99999999999999999999", "1.2.3-99999999999999999998"))
                .isPositive();
        assertThat(SemVerComparator.SEMVER.compare("99999999999999999999.0.0", "99999999999999999998.0.0"))
                .isPositive();
    }

    @Test
    void semVerRefusesWhatTheGrammarRefuses() {
        for (String invalid : List.of("v1.2.3", " 1.2.3", "1.2", "01.2.3", "1.2.3-01", "1.2.3-", "1.2.3+", "")) {
            assertThat(SemVerComparator.SEMVER.isValid(invalid)).as(invalid).isFalse();
        }
        assertThat(SemVerComparator.SEMVER.isValid("18446744073709551616.0.0")).isTrue();
        assertThat(SemVerComparator.CRATES_IO.isValid("18446744073709551615.0.0")).isTrue();
        assertThat(SemVerComparator.CRATES_IO.isValid("18446744073709551616.0.0")).isFalse();
        assertThatThrownBy(() -> SemVerComparator.CRATES_IO.compare("1.0", "1.0.0"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("crates.io version '1.0'");
        assertThat(VersionComparators.forEcosystem("crates.io")).contains(SemVerComparator.CRATES_IO);
        assertThat(VersionComparators.forEcosystem("npm")).containsInstanceOf(NpmVersionComparator.class);
    }

    @Test
    void npmRefusesOverlongVersions() {
        assertThat(comparator.isValid("1.2.3-" + "a".repeat(250))).isTrue();
        assertThatThrownBy(() -> comparator.compare("1.2.3-" + "a".repeat(251), "1.2.3"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("longer than 256");
    }
}
