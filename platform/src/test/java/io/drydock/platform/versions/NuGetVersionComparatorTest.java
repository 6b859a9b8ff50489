package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Against NuGet.Versioning's own published test vectors ({@code nuget-versioning-vectors.txt}, copied from
 * NuGet/NuGet.Client with file and commit named): no NuGet tool runs on this machine.
 */
class NuGetVersionComparatorTest {

    private final NuGetVersionComparator nuget = new NuGetVersionComparator();

    @Test
    void agreesWithNuGetVersioningTestVectors() throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> lines = AuthorityMatrix.resourceLines("/versions/nuget-versioning-vectors.txt");
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            switch (f[0]) {
                case "valid", "invalid" -> {
                    if (nuget.isValid(f[1]) != f[0].equals("valid")) {
                        failures.add(line);
                    }
                }
                case "<" -> check(failures, line, nuget.compare(f[1], f[2]) < 0 && nuget.compare(f[2], f[1]) > 0);
                case "=" -> check(failures, line, nuget.compare(f[1], f[2]) == 0 && nuget.compare(f[2], f[1]) == 0);
                default -> failures.add("unknown vector kind: " + line);
            }
        }
        assertThat(failures).as("vectors the comparator disagrees with").isEmpty();
        assertThat(lines).hasSizeGreaterThan(150);
    }

    private static void check(List<String> failures, String line, boolean holds) {
        if (!holds) {
            failures.add(line);
        }
    }

    /**
     * The vectors' valid versions, sorted, are in order pair by pair, and every pair is antisymmetric: the comparator is
     * a total order on them, as a sorted set of versions needs.
     */
    @Test
    void ordersTheVectorVersionsConsistently() throws Exception {
        Set<String> versions = new LinkedHashSet<>();
        for (String line : AuthorityMatrix.resourceLines("/versions/nuget-versioning-vectors.txt")) {
            String[] f = line.split("\\|", -1);
            for (int i = 1; i < f.length; i++) {
                if (nuget.isValid(f[i])) {
                    versions.add(f[i]);
                }
            }
        }
        List<String> all = new ArrayList<>(versions);
        all.sort(nuget);
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.size(); j++) {
                String a = all.get(i);
                String b = all.get(j);
                int order = Integer.signum(nuget.compare(a, b));
                assertThat(order).as(a + " vs " + b).isEqualTo(-Integer.signum(nuget.compare(b, a)));
                if (i < j) {
                    assertThat(order).as(a + " sorted before " + b).isLessThanOrEqualTo(0);
                }
            }
        }
        assertThat(all).hasSizeGreaterThan(100);
    }

    /** From NuGet's {@code VersionComparer.CompareRelease}: labels {@code int.TryParse} refuses compare as text. */
    @Test
    void comparesLabelsAsIntTryParseReadsThem() {
        assertThat(nuget.compare("1.0.0-2147483648", "1.0.0-2147483647")).isPositive();
        assertThat(nuget.compare("1.0.0-2147483648", "1.0.0-a")).isNegative();
        assertThat(nuget.compare("1.0.0--1", "1.0.0-0")).isNegative();
        assertThat(nuget.compare("1.2147483647", "1.2147483646")).isPositive();
        assertThat(nuget.isValid("1.2147483648")).isFalse();
    }

    @Test
    void refusesOverlongAndMalformedVersionsAndSaysWhy() {
        String overlong = "1.0.0-" + "a".repeat(NuGetVersionComparator.MAX_LENGTH);
        assertThat(nuget.isValid(overlong)).isFalse();
        assertThatThrownBy(() -> nuget.compare(overlong, "1.0")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> nuget.compare("1.0", "1.2.3.4.5")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'1.2.3.4.5'");
    }

    @Test
    void isTheNuGetEcosystem() {
        assertThat(VersionComparators.forEcosystem("NuGet")).containsInstanceOf(NuGetVersionComparator.class);
    }
}
