package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;

/** Every pair of a set of tricky versions, ordered by Maven's own {@code ComparableVersion} (maven-artifact 3.9). */
class MavenVersionComparatorTest {

    private static final List<String> VERSIONS = List.of(
            "", "0", "0.0", "1", "1.0", "1.0.0", "1.0.0.0", "1-0", "1.0-0", "1.0.0-0.0", "1-", "1.", "1..1", ".1",
            "1-1", "1.1", "1-1.1", "1.0.1", "1-0.1", "1.0-1", "1-sp", "1-sp1", "1-sp-1", "1.0.sp", "1-ga", "1-GA",
            "1-final", "1.0.FINAL", "1-release", "1.RELEASE", "1-alpha", "1-a1", "1a1", "1.a1", "1-alpha-1",
            "1.0-alpha1", "1.0.0.alpha1", "1-a", "1a", "1-beta", "1-b2", "1-BETA-2", "1-m1", "1-milestone-1", "1m1",
            "1-rc", "1-rc1", "1-RC1", "1-cr1", "1-cr-1", "1.0-RC2", "1.0-rc10", "1-snapshot", "1.0-SNAPSHOT",
            "1.0.0-SNAPSHOT", "1-xyz", "1-abc", "1-xyz1", "1.xyz", "1-zzz", "1-foo-bar", "1.0-foo.1", "2.0.0.X1",
            "2.0.0-X1", "2.0.0.X2", "2.0.0-X2", "1.2.3-jre", "1.2.3-android", "31.1-jre", "31.1-android",
            "2.0.0.Final", "2.0.0.CR1", "2.0.0.Beta3", "5.3.20.RELEASE", "5.3.20", "1.0.0-M1", "1.0.0.M1",
            "1-1-1", "1-1-snapshot", "1-0-sp", "1.0.0-0-1", "10", "9", "1.10", "1.9", "2147483647", "2147483648",
            "999999999", "1000000000", "099", "0099", "000", "9223372036854775807", "9223372036854775808",
            "1000000000000000000", "99999999999999999999", "1.0.0000000000000000000001",
            "1.٢", "1.٠٠٠٠٠٠٠٠٠٠١", "1.2", "1.2a", "1.2-a", "1.2.a", "v1.0", "1.0_1", "1.0+1", "1.0 beta",
            "1.0-20240101.123456-1", "1.0-2024", "a", "alpha", "SP", "1.0.0.RELEASE-1", "1-1.foo-bar1baz-.1",
            "1.0-alpha-1-SNAPSHOT", "1.0-sp-1-SNAPSHOT", "1.0m", "1.0.m.1", "2.0.0.X1a", "1-1-1-1-1-1-1-1-1-1-1-1-1",
            "1-1-1-1-1-1-1-1-1-1-1-1-2", "1-" + "0-".repeat(200) + "1", "1." + "0.".repeat(200) + "1");

    private final MavenVersionComparator comparator = new MavenVersionComparator();

    @Test
    void ordersEveryPairAsMavensComparableVersion() {
        List<String> mismatches = new ArrayList<>();
        int pairs = 0;
        for (String left : VERSIONS) {
            for (String right : VERSIONS) {
                int expected = Integer.signum(new ComparableVersion(left).compareTo(new ComparableVersion(right)));
                int actual = comparator.compare(left, right);
                pairs++;
                if (expected != actual) {
                    mismatches.add("'" + left + "' vs '" + right + "': Maven " + expected + ", Drydock " + actual);
                }
            }
        }
        assertThat(pairs).isGreaterThan(10_000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void knownOrderings() {
        assertThat(comparator.compare("1.0", "1")).isZero();
        assertThat(comparator.compare("1-ga", "1.0.0")).isZero();
        assertThat(comparator.compare("1-cr1", "1-rc1")).isZero();
        assertThat(comparator.compare("1-alpha", "1-beta")).isNegative();
        assertThat(comparator.compare("1-rc", "1-snapshot")).isNegative();
        assertThat(comparator.compare("1-snapshot", "1")).isNegative();
        assertThat(comparator.compare("1", "1-sp")).isNegative();
        assertThat(comparator.compare("1-sp", "1-xyz")).isNegative();
        assertThat(comparator.compare("1-1", "1.1")).isNegative();
        assertThat(comparator.compare("1.10", "1.9")).isPositive();
    }

    @Test
    void acceptsAnyStringUpToItsBound() {
        assertThat(comparator.isValid("anything at all")).isTrue();
        assertThat(comparator.isValid("")).isTrue();
        assertThat(comparator.isValid("1".repeat(MavenVersionComparator.MAX_LENGTH))).isTrue();
        assertThat(comparator.isValid("1".repeat(MavenVersionComparator.MAX_LENGTH + 1))).isFalse();
        assertThat(comparator.isValid(null)).isFalse();
        assertThatThrownBy(() -> comparator.compare("1-".repeat(400), "1"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("longer than 512");
        assertThat(VersionComparators.forEcosystem("Maven")).containsInstanceOf(MavenVersionComparator.class);
    }
}
