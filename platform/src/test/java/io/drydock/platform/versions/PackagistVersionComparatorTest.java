package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Against composer/semver itself (PHP with Debian's {@code php-composer-semver}): {@code VersionParser::normalize}
 * then {@code Comparator}, every pair of a list of tricky versions.
 */
class PackagistVersionComparatorTest {

    private static final List<String> VERSIONS = List.of(
            "0", "0.0.0.0", "1", "v1", "1.0", "1.0.0", "1.0.0.0", "V1.0.0", " 1.0.0 ", "1.0.0\n", "01.0", "1.00",
            "1.0.0-dev", "1.0.x-dev", "1.x-dev", "1.*-dev", "1.X-dev", "1.0-dev", "1.0.0-alpha", "1.0.0-a",
            "1.0.0alpha1", "1.0.0-alpha2", "1.0.0-alpha.10", "1.0.0-ALPHA3", "1.0.0-beta", "1.0.0-b1", "1.0.0-beta.2",
            "1.0.0-beta2-dev", "1.0.0-beta.2.dev", "1.0.0-RC", "1.0.0-rc1", "1.0.0RC2", "1.0.0-RC10",
            "1.0.0-stable", "1.0.0-STABLE", "1.0.0-patch", "1.0.0-patch1", "1.0.0-pl2", "1.0.0-p3", "1.0.0.p1",
            "1.0.0+build.5", "1.0.0-beta+exp.sha", "1.0.0@beta", "1.0.0-beta@dev", "1.0.0 as 2.0.0",
            "1.0.1", "1.0.10", "1.1", "1.2.3.4", "1.2.3.4.5", "2.0", "10.0", "99999", "100000", "123456.0",
            "2010-01-02", "20100102", "2010.01.02.5", "2010-01-02-10-20-30", "201001021", "1.99999999999999999999",
            "1.99999999999999999998", "dev-master", "master", "trunk", "dev-feature/x", "feature-dev", "1.0.0-gamma",
            "1.0.0-", "1.0.0.", "", "foo", "1.0.0 beta", "1.0.0-alpha1-beta2", "1,0", "1.0.0+", "1.0.0@foo");

    @Test
    void agreesWithComposerOnEveryPair() throws Exception {
        AuthorityMatrix matrix = AuthorityMatrix.askScript(VERSIONS, "/usr/bin/php", "/versions/composer-compare.php");
        assertThat(matrix.assertAgrees(new PackagistVersionComparator())).isGreaterThan(3000);
    }

    @Test
    void normalisesAsComposerDoes() {
        PackagistVersionComparator packagist = new PackagistVersionComparator();
        assertThat(packagist.normalizeVersion("v1.0.0-beta.2.dev")).isEqualTo("1.0.0.0-beta2-dev");
        assertThat(packagist.normalizeVersion("1.x-dev")).isEqualTo("1.9999999.9999999.9999999-dev");
        assertThat(packagist.normalizeVersion("2010-01-02")).isEqualTo("2010.01.02");
        assertThat(packagist.normalizeVersion("1.0-pl3")).isEqualTo("1.0.0.0-patch3");
    }

    @Test
    void refusesBranchesOverlongAndMalformedVersionsAndSaysWhy() {
        PackagistVersionComparator packagist = new PackagistVersionComparator();
        assertThatThrownBy(() -> packagist.compare("dev-main", "1.0")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("branch name");
        assertThatThrownBy(() -> packagist.compare("1.0", "1.0.0-gamma")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("cannot normalise");
        String overlong = "1." + "0".repeat(PackagistVersionComparator.MAX_LENGTH);
        assertThat(packagist.isValid(overlong)).isFalse();
        assertThatThrownBy(() -> packagist.compare(overlong, "1")).hasMessageContaining("longer than 256");
    }

    @Test
    void isThePackagistEcosystem() {
        assertThat(VersionComparators.forEcosystem("Packagist")).containsInstanceOf(PackagistVersionComparator.class);
    }
}
