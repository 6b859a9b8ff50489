package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Against Ruby's own {@code Gem::Version} (Debian's {@code ruby}), every pair of a list of tricky versions. */
class RubyGemsVersionComparatorTest {

    private static final List<String> VERSIONS = List.of(
            "", "  ", "0", "0.0", "0.0.0", "00", "0.0.1", "0.1", "1", "01", "1.0", "1.00", "1.0.0", "1.0.0.0.0",
            "1.0.a", "1.0.a1", "1.0.a.1", "1.a", "1.0a", "1.0.A", "1.0.b", "1.0.b1", "1.0.beta", "1.0.rc1",
            "1.0.RC1", "1.0.pre", "1.0-pre", "1.0-1", "1.0.pre.1", "1-1", "1.0.0-rc.1", "1.0.0-x-y", "1.0--a",
            "1.a.0", "1.a.0.0", "1.a.b", "1.a.1", "1.aa", "1.Z", "1.z", "1.0.1", "1.1", "1.1a", "1.9", "1.10",
            "1.10.0", "2", "2.0.0.rc1", "2.0.0.rc2", "2.0.0.rc10", "2.0.0", "2.0.0.1", "2.0.0.p1", "2.0.0-p1",
            "10", "1.2.3.4.5.6", "99999999999999999999", "99999999999999999999.1", "100000000000000000000",
            " 1.0 ", "\t2.0\n", "1.0\u000b", "a", "1.", ".1", "1..2", "1.0-", "1_0", "1.0+build", "v1.0", "-1",
            "1.0 2", "1.0.a-", "1.0.-a", "1.0\u0000", "1.0.é");

    @Test
    void agreesWithGemVersionOnEveryPair() throws Exception {
        AuthorityMatrix matrix = AuthorityMatrix.askScript(VERSIONS, "/usr/bin/ruby", "/versions/gem-compare.rb");
        assertThat(matrix.assertAgrees(new RubyGemsVersionComparator())).isGreaterThan(3000);
    }

    @Test
    void refusesOverlongVersionsAndSaysWhy() {
        RubyGemsVersionComparator gem = new RubyGemsVersionComparator();
        String overlong = "1." + "0".repeat(RubyGemsVersionComparator.MAX_LENGTH);
        assertThat(gem.isValid(overlong)).isFalse();
        assertThatThrownBy(() -> gem.compare(overlong, "1")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> gem.compare("1", "1..2")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'1..2'");
    }

    @Test
    void isTheRubyGemsEcosystem() {
        assertThat(VersionComparators.forEcosystem("RubyGems")).containsInstanceOf(RubyGemsVersionComparator.class);
    }
}
