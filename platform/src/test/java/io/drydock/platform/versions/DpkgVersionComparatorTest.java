package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the comparator against {@code dpkg --compare-versions} on this machine: every pair of a list of tricky
 * versions, and which strings dpkg refuses. dpkg runs from one shell script for the whole batch.
 */
class DpkgVersionComparatorTest {

    /** Epochs, revisions, '~' (before everything, even the end), letters before other characters, leading zeros. */
    private static final List<String> VERSIONS = List.of(
            "0", "0.0", "00", "0~", "0~~", "0~a", "1", "1.0", "1.0~rc1", "1.0~~", "1.0~rc1-1", "1.0-0", "1.0-1",
            "1.0-1~bpo1", "1.0-1+b1", "1.0-1.1", "1.0-10", "1.0-2", "1.0+dfsg-1", "1.0.1", "1.0a", "1.0A", "1.0.a",
            "1.0+", "1.0-a", "1.00", "1.000", "01.0", "1:0.9", "1:1.0-1", "2:0", "0:1.0", "1.2.3-4-5", "1.2.3-4-5-6",
            "1.2-3.4-5", "1:2:3", "1:2:3-4", "2.30-1ubuntu1", "2.30-1ubuntu1.1", "2.30-1ubuntu2",
            "7.4.052-1ubuntu3.1", "9.99999999999999999999", "9.100000000000000000000", "1.0-1.+~", "1.0.~",
            "0:1.0:1", "3.0-1build1", "3.0-1+deb12u1", "3.0-1+deb12u10", "3.0-1+deb12u2", "1.0+~", "1.0~+",
            "2147483647:1", "a1.0", "~1", "1.0_a", "1.0-a_b", "1.0é", "1.0z");

    /** dpkg refuses these (exit status 2). */
    private static final List<String> REFUSED = List.of(
            " ", "1.0 2", "1:", ":1.0", "a:1.0", "1.0-", "1:-1", "2147483648:1", "99999999999:1", "1.0:2",
            "1.0-1:2", "x:y", "1 :1.0", "\t");

    /** dpkg compares these, some with a warning only. */
    private static final List<String> ACCEPTED = List.of(
            "1.0", " 1.0", "1.0 ", "1.0\t", "+1:1.0", "0:1", "a1.0", "1.0_a", "~", "1.0-a_b", "1.0--1", "1.0-1-2",
            "1:1:1", "1é");

    private static final DpkgVersionComparator COMPARATOR = new DpkgVersionComparator("Debian");

    @TempDir
    static Path workDir;

    private static List<String[]> pairs;
    private static List<String> dpkgOrder;
    private static List<String> dpkgValidity;

    @BeforeAll
    static void askDpkg() throws IOException, InterruptedException {
        AuthorityTool.require("/usr/bin/dpkg", "dpkg");
        pairs = AuthorityTool.pairs(VERSIONS);
        StringBuilder script = new StringBuilder();
        script.append("cmp() { if dpkg --compare-versions \"$1\" lt \"$2\" 2>/dev/null; then echo -1;"
                + " elif dpkg --compare-versions \"$1\" gt \"$2\" 2>/dev/null; then echo 1; else echo 0; fi; }\n");
        for (String[] pair : pairs) {
            script.append("cmp ").append(quote(pair[0])).append(' ').append(quote(pair[1])).append('\n');
        }
        Files.writeString(workDir.resolve("compare.sh"), script, StandardCharsets.UTF_8);
        dpkgOrder = AuthorityTool.run(workDir, "/bin/bash", "compare.sh");

        StringBuilder validity = new StringBuilder();
        for (String version : validityCases()) {
            validity.append("dpkg --compare-versions ").append(quote(version)).append(" eq ").append(quote(version))
                    .append(" 2>/dev/null; echo $?\n");
        }
        Files.writeString(workDir.resolve("validity.sh"), validity, StandardCharsets.UTF_8);
        dpkgValidity = AuthorityTool.run(workDir, "/bin/bash", "validity.sh");
    }

    @Test
    void ordersEveryPairAsDpkgDoes() {
        assertThat(AuthorityTool.disagreements(pairs, dpkgOrder, COMPARATOR))
                .as("%d comparisons", pairs.size()).isEmpty();
        assertThat(pairs.size()).isGreaterThan(1000);
    }

    @Test
    void refusesWhatDpkgRefuses() {
        List<String> cases = validityCases();
        assertThat(dpkgValidity).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            String version = cases.get(i);
            boolean dpkgRefuses = dpkgValidity.get(i).equals("2");
            assertThat(COMPARATOR.isValid(version)).as("'%s' (dpkg status %s)", version, dpkgValidity.get(i))
                    .isEqualTo(!dpkgRefuses);
            assertThat(dpkgRefuses).as("'%s' listed as %s", version, REFUSED.contains(version) ? "refused" : "accepted")
                    .isEqualTo(REFUSED.contains(version));
        }
        // dpkg --compare-versions takes "" for "no version at all" (lower than any); as a version it is empty
        assertThat(COMPARATOR.isValid("")).isFalse();
        assertThatThrownBy(() -> COMPARATOR.compare("1.0", "1:"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("nothing after colon");
    }

    @Test
    void refusesOverlongAndNul() {
        assertThat(COMPARATOR.isValid("1." + "1".repeat(VersionStrings.MAX_LENGTH))).isFalse();
        assertThat(COMPARATOR.isValid("1.0\u00001")).isFalse();
        assertThat(COMPARATOR.isValid(null)).isFalse();
        assertThat(COMPARATOR.ecosystem()).isEqualTo("Debian");
        assertThat(VersionComparators.forEcosystem("Ubuntu:22.04")).get()
                .extracting(VersionComparator::ecosystem).isEqualTo("Ubuntu");
        assertThat(VersionComparators.forEcosystem("Debian:12")).get().isInstanceOf(DpkgVersionComparator.class);
    }

    private static List<String> validityCases() {
        List<String> cases = new ArrayList<>(REFUSED);
        cases.addAll(ACCEPTED);
        cases.addAll(VERSIONS); // a refused one would make the order test compare nothing
        return cases;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
