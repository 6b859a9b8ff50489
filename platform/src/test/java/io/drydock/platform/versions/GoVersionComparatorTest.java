package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against Go's own test vectors: the {@code tests} table of {@code semver/semver_test.go} in golang.org/x/mod, read
 * from Debian's {@code golang-golang-x-mod-dev} (TEST_PACKAGES). As Go's TestCompare does, the table is in ascending
 * order and entries with the same canonical form are equal; an empty canonical form means invalid.
 */
class GoVersionComparatorTest {

    private static final Path GO_TESTS = Path.of("/usr/share/gocode/src/golang.org/x/mod/semver/semver_test.go");
    private static final Pattern ENTRY = Pattern.compile("\\{\"([^\"\\\\]*)\", \"([^\"\\\\]*)\"},");

    private final GoVersionComparator go = new GoVersionComparator();

    private record Vector(String in, String canonical) {
    }

    @Test
    void agreesWithGoSemverTestVectors() throws Exception {
        List<Vector> vectors = goVectors();
        List<String> failures = new ArrayList<>();
        int comparisons = 0;
        for (int i = 0; i < vectors.size(); i++) {
            Vector vi = vectors.get(i);
            boolean valid = !vi.canonical().isEmpty();
            if (go.isValid(vi.in()) != valid) {
                failures.add("isValid(" + vi.in() + ") should be " + valid);
            } else if (valid && !go.canonical(vi.in()).equals(vi.canonical())) {
                failures.add("canonical(" + vi.in() + ") is " + go.canonical(vi.in()) + ", want " + vi.canonical());
            }
            for (int j = 0; j < vectors.size() && valid; j++) {
                Vector vj = vectors.get(j);
                if (vj.canonical().isEmpty()) {
                    continue;
                }
                comparisons++;
                int want = vi.canonical().equals(vj.canonical()) ? 0 : i < j ? -1 : 1;
                int got = Integer.signum(go.compare(vi.in(), vj.in()));
                if (got != want) {
                    failures.add("compare(" + vi.in() + ", " + vj.in() + ") = " + got + ", want " + want);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(comparisons).isGreaterThan(500);
    }

    private static List<Vector> goVectors() throws Exception {
        if (!Files.isRegularFile(GO_TESTS)) {
            fail(GO_TESTS + " is missing: install Debian's golang-golang-x-mod-dev (the drydock script's "
                    + "TEST_PACKAGES does)");
        }
        String source = Files.readString(GO_TESTS);
        int start = source.indexOf("var tests = []struct {");
        int end = source.indexOf("\n}\n", start);
        assertThat(start).as("the tests table in " + GO_TESTS).isNotNegative();
        Matcher m = ENTRY.matcher(source.substring(start, end));
        List<Vector> vectors = new ArrayList<>();
        while (m.find()) {
            vectors.add(new Vector(m.group(1), m.group(2)));
        }
        long entries = source.substring(start, end).lines().filter(line -> line.strip().startsWith("{\"")).count();
        assertThat(vectors).as("every entry of the table is read").hasSize((int) entries).hasSizeGreaterThan(30);
        return vectors;
    }

    /**
     * Module-specific forms the Go vectors do not list, each ordered by the Semantic Versioning rules the vectors
     * check: pseudo-versions are prereleases, {@code +incompatible} is build metadata.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            v0.0.0-20191109021931-daa7c04131f5 | < | v0.0.0-20200101000000-0123456789ab
            v0.0.0-20191109021931-daa7c04131f5 | < | v0.0.0
            v0.0.0-20191109021931-daa7c04131f5 | < | v0.0.1
            v1.2.3                             | < | v1.2.4-0.20191109021931-daa7c04131f5
            v1.2.4-0.20191109021931-daa7c04131f5 | < | v1.2.4-alpha
            v1.2.4-0.20191109021931-daa7c04131f5 | < | v1.2.4
            v1.2.3-pre                         | < | v1.2.3-pre.0.20191109021931-daa7c04131f5
            v1.2.3-pre.0.20191109021931-daa7c04131f5 | < | v1.2.3-pre.1
            v2.0.0+incompatible                | = | v2.0.0
            v2.0.0+incompatible                | > | v1.99.99
            v2.0.1+incompatible                | > | v2.0.0
            v2                                 | = | v2.0.0+incompatible
            v1.10.0                            | > | v1.9.0
            v1.2.3-alpha.10                    | > | v1.2.3-alpha.9
            v1.2.3-alpha-10                    | < | v1.2.3-alpha-9
            v1.2.3-0a                          | > | v1.2.3-999
            v18446744073709551616.0.0          | > | v18446744073709551615.0.0
            """)
    void ordersModuleVersions(String left, String order, String right) {
        int expected = switch (order) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertThat(Integer.signum(go.compare(left, right))).isEqualTo(expected);
        assertThat(Integer.signum(go.compare(right, left))).isEqualTo(-expected);
    }

    @Test
    void refusesWhatSemverIsValidRefuses() {
        assertThat(List.of("1.2.3", "V1.2.3", "v01.2.3", "v1.02.3", "v1.2.03", "v1.2.3-01", "v1.2.3-", "v1.2.3+",
                "v1.2.3-a..b", "v1.2.3+a..b", "v1.2-pre", "v1+incompatible", "v1.2.3.4", "v1.2.3 ", " v1.2.3", "v",
                "", "v1.2.3-é")).noneMatch(go::isValid);
        assertThat(List.of("v1", "v1.2", "v0.0.0", "v1.2.3-0", "v1.2.3-0a", "v1.2.3--", "v1.2.3+01",
                "v1.2.3-x.y+z.w")).allMatch(go::isValid);
        assertThatThrownBy(() -> go.compare("1.2.3", "v1.2.3")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'v' prefix");
        String overlong = "v1.2.3-" + "a".repeat(GoVersionComparator.MAX_LENGTH);
        assertThat(go.isValid(overlong)).isFalse();
        assertThatThrownBy(() -> go.compare(overlong, "v1")).hasMessageContaining("longer than 256");
    }

    @Test
    void isTheGoEcosystem() {
        assertThat(VersionComparators.forEcosystem("Go")).containsInstanceOf(GoVersionComparator.class);
    }
}
