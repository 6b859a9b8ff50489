package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the comparator against apk-tools' own test vectors (test/version.data, copied with its source into
 * {@code versions/apk-version.data}); apk-tools cannot run on this machine.
 */
class ApkVersionComparatorTest {

    private static final ApkVersionComparator COMPARATOR = new ApkVersionComparator();

    private record Vector(String left, int expected, String right, String line) {
    }

    private static List<Vector> vectors;

    @BeforeAll
    static void readVectors() throws IOException {
        vectors = new ArrayList<>();
        try (InputStream in = ApkVersionComparatorTest.class.getResourceAsStream("/versions/apk-version.data")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int hash = line.indexOf('#');
                String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (fields.length != 3) {
                    assertThat(line.trim()).as("a vector line").satisfiesAnyOf(
                            l -> assertThat(l).isEmpty(), l -> assertThat(l).startsWith("#"));
                    continue;
                }
                int expected = switch (fields[1]) {
                    case "<" -> -1;
                    case "=" -> 0;
                    case ">" -> 1;
                    default -> throw new IllegalStateException("unknown operator in: " + line);
                };
                vectors.add(new Vector(fields[0], expected, fields[2], line));
            }
        }
        assertThat(vectors).hasSizeGreaterThan(600);
    }

    @Test
    void ordersAsApkToolsVectorsSay() {
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (Vector v : vectors) {
            if (!COMPARATOR.isValid(v.left) || !COMPARATOR.isValid(v.right)) {
                continue; // see refusesTheInvalidVersionsOfTheVectors
            }
            int actual = Integer.signum(COMPARATOR.compare(v.left, v.right));
            int reversed = Integer.signum(COMPARATOR.compare(v.right, v.left));
            if (actual != v.expected || reversed != -v.expected) {
                disagreements.add(v.line + ": we " + actual + "/" + reversed);
            }
            checked++;
        }
        assertThat(disagreements).isEmpty();
        assertThat(checked).isEqualTo(vectors.size() - 2);
    }

    @Test
    void refusesTheInvalidVersionsOfTheVectors() {
        // apk-tools orders these up to their first bad token ("do string sort"); apk_version_validate refuses them
        List<String> invalid = vectors.stream()
                .flatMap(v -> Stream.of(v.left, v.right))
                .filter(version -> !COMPARATOR.isValid(version))
                .distinct().toList();
        assertThat(invalid).containsExactlyInAnyOrder("23_foo", "1.0bc");
        assertThatThrownBy(() -> COMPARATOR.compare("1.0", "1.0bc"))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("apk-tools does not accept it");
    }

    @Test
    void isATotalOrderOverEveryVersionOfTheVectors() {
        Set<String> distinct = new LinkedHashSet<>();
        for (Vector v : vectors) {
            distinct.add(v.left);
            distinct.add(v.right);
        }
        List<String> sorted = new ArrayList<>(distinct.stream().filter(COMPARATOR::isValid).toList());
        sorted.sort(COMPARATOR);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                assertThat(COMPARATOR.compare(sorted.get(i), sorted.get(j)))
                        .as("%s vs %s", sorted.get(i), sorted.get(j)).isLessThanOrEqualTo(0);
            }
        }
        assertThat(sorted).hasSizeGreaterThan(300);
    }

    /** Grammar of apk-tools 3's apk_version_validate (src/version.c): these are refused. */
    @ParameterizedTest
    @ValueSource(strings = {"", "a1", "1.", "1..2", ".1", "1.0_", "1.0_foo", "1.0_pa", "1.0-r", "1.0-r1-r2",
            "1.0-1", "1.0-rc1", "1.0ab", "1.0a1", "1.0a.1", "1.0A", "1.0_alpha.1", "1.0-r1_p1", "1.0-r1~abc", "1.0~",
            "1.0~ABC", "1.0~abc~def", "1.0 ", " 1.0", "1.0+1", "1:1.0", "1.0~abcg", "1.0_rc1a"})
    void refusesWhatApkToolsRefuses(String version) {
        assertThat(COMPARATOR.isValid(version)).isFalse();
        assertThatThrownBy(() -> COMPARATOR.compare(version, "1.0")).isInstanceOf(InvalidVersionException.class);
    }

    /** Accepted by the same grammar. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "1.0", "1.0a", "1.0_alpha", "1.0_alpha1_beta2", "1.0_p", "1.0_p1-r0",
            "1.0-r0", "1.0~abc123", "1.0_git20240101~0abc-r1", "00.01", "18446744073709551616.1"})
    void acceptsWhatApkToolsAccepts(String version) {
        assertThat(COMPARATOR.isValid(version)).isTrue();
        assertThat(COMPARATOR.compare(version, version)).isZero();
    }

    @Test
    void isRegisteredForAlpine() {
        assertThat(VersionComparators.forEcosystem("Alpine:v3.20")).get().isInstanceOf(ApkVersionComparator.class);
        assertThat(COMPARATOR.isValid("1." + "1".repeat(VersionStrings.MAX_LENGTH))).isFalse();
        assertThat(COMPARATOR.isValid(null)).isFalse();
    }
}
