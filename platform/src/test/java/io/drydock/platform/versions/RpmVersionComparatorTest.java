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
 * Checks the comparator against rpm itself: one {@code python3} process (Debian's python3-rpm, the bindings of
 * librpm) splits each EVR with {@code rpm.ver} (rpm's parseEVR) and orders every pair with {@code rpm.labelCompare}.
 */
class RpmVersionComparatorTest {

    private static final String PYTHON = "/usr/bin/python3";

    /** Epochs, releases, '~' and '^', alphanumeric segments, separators, leading zeros, huge numbers. */
    private static final List<String> VERSIONS = List.of(
            "1", "1.0", "1.0-1", "1.0-1.el9", "1.0-1.el9_2", "1.0-2.el9", "1.0-10.el9", "0:1.0-1", "1:1.0-1",
            "01:1.0", "2:0.1", ":1.0", "1.0~rc1", "1.0~rc1-1", "1.0~~", "1.0~", "1.0^", "1.0^git1", "1.0^git1~pre",
            "1.0~rc1^git1", "1.0.1", "1.0a", "1.0.a", "1.0_1", "1.0+1", "1.0..1", "1.00", "1.01", "1.001", "1.a",
            "1.A", "1.Z", "1.z", "a", "A", "1.0-1.1", "1.0-1a", "1.0-1.a", "1.0-", "a:1",
            "1.0-1-2", "1.0-1-2-3", "2.02-0.86.el7", "2.02-0.87.el7_9.6", "3.10.0-1160.el7", "3.10.0-1160.2.2.el7",
            "5.14.0-284.11.1.el9_2", "9999999999999999999999", "10000000000000000000000", "0.9999",
            "1.0-0.rc1", "1.0-0.1.rc1", "1.0-1.fc39", "1.0-1.fc40", "1.0^20240101", "1.0^20240101git1234abc",
            "1.0é", "1.0.é");

    /** rpm's labelCompare refuses these ("invalid version": the version part is empty). */
    private static final List<String> REFUSED = List.of("1:", "1:-1", "-1", ":", ":-", "-", "01:-1.0");

    private static final RpmVersionComparator COMPARATOR = new RpmVersionComparator("Red Hat");

    @TempDir
    static Path workDir;

    private static List<String[]> pairs;
    private static List<String> rpmOrder;

    @BeforeAll
    static void askRpm() throws IOException, InterruptedException {
        AuthorityTool.require(PYTHON, "python3");
        pairs = AuthorityTool.pairs(VERSIONS);
        StringBuilder input = new StringBuilder();
        for (String[] pair : pairs) {
            input.append(pair[0]).append('\t').append(pair[1]).append('\n');
        }
        Files.writeString(workDir.resolve("pairs.tsv"), input, StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("compare.py"), """
                import sys
                try:
                    import rpm
                except ImportError:
                    sys.exit("python3-rpm is missing: install the Debian package python3-rpm"
                             " (TEST_PACKAGES of ./drydock)")
                def evr(s):
                    v = rpm.ver(s)
                    return (v.e, v.v, v.r)
                with open(sys.argv[1], encoding="utf-8") as pairs:
                    for line in pairs:
                        a, b = line.rstrip("\\n").split("\\t")
                        print(rpm.labelCompare(evr(a), evr(b)))
                """, StandardCharsets.UTF_8);
        rpmOrder = AuthorityTool.run(workDir, PYTHON, "compare.py", "pairs.tsv");
    }

    @Test
    void ordersEveryPairAsRpmLabelCompareDoes() {
        assertThat(AuthorityTool.disagreements(pairs, rpmOrder, COMPARATOR))
                .as("%d comparisons", pairs.size()).isEmpty();
        assertThat(pairs.size()).isGreaterThan(1000);
    }

    @Test
    void refusesWhatRpmRefuses() throws IOException, InterruptedException {
        List<String> cases = new ArrayList<>(REFUSED);
        cases.addAll(VERSIONS);
        cases.add("");
        Files.writeString(workDir.resolve("validity.txt"), String.join("\n", cases) + "\n", StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("validity.py"), """
                import sys, rpm
                with open(sys.argv[1], encoding="utf-8") as versions:
                    for line in versions:
                        try:
                            v = rpm.ver(line.rstrip("\\n"))
                            rpm.labelCompare((v.e, v.v, v.r), (v.e, v.v, v.r))
                            print("accepted")
                        except Exception:
                            print("refused")
                """, StandardCharsets.UTF_8);
        List<String> verdicts = AuthorityTool.run(workDir, PYTHON, "validity.py", "validity.txt");
        assertThat(verdicts).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            String version = cases.get(i);
            boolean expected = !REFUSED.contains(version) && !version.isEmpty();
            assertThat(verdicts.get(i)).as("rpm on '%s'", version).isEqualTo(expected ? "accepted" : "refused");
            assertThat(COMPARATOR.isValid(version)).as("'%s'", version).isEqualTo(expected);
        }
        assertThat(COMPARATOR.isValid(null)).isFalse();
        assertThat(COMPARATOR.isValid(null)).isFalse();
        assertThat(COMPARATOR.isValid("1." + "1".repeat(VersionStrings.MAX_LENGTH))).isFalse();
        assertThat(COMPARATOR.isValid("1.0\u00001")).isFalse();
        assertThatThrownBy(() -> COMPARATOR.compare("1.0", "2:"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("version part is empty");
    }

    @Test
    void registeredForEveryRpmEcosystemOfOsv() {
        for (String ecosystem : List.of("Red Hat", "AlmaLinux", "Rocky Linux", "SUSE", "openSUSE", "Mageia",
                "openEuler", "Azure Linux")) {
            assertThat(VersionComparators.forEcosystem(ecosystem + ":9")).get()
                    .isEqualTo(new RpmVersionComparator(ecosystem));
        }
    }
}
