package io.drydock.platform.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every pair of a set of tricky versions, ordered by Python's {@code packaging} (Debian's python3-packaging, the
 * library pip vendors), in one run of /usr/bin/python3.
 */
class PypiVersionComparatorTest {

    static final List<String> VERSIONS = List.of(
            "0", "0.0", "1", "1.0", "1.0.0", "01.00", "v1.0", "V1.0", " 1.0 ", "\t1.0\n", "\u00a01.0\u3000",
            "1.0.dev0", "1.0.dev", "1.0dev1", "1.0-dev-2", "1.0_dev_3", "1.0.DEV4", "1.0a0.dev1", "1.0a1", "1.0A1",
            "1.0alpha1", "1.0.alpha.1", "1.0-a-1", "1.0_a_1", "1.0a", "1.0a1.dev1", "1.0a1.post1", "1.0a2",
            "1.0a10", "1.0b1", "1.0beta1", "1.0b1.post1.dev1", "1.0rc1", "1.0c1", "1.0pre1", "1.0preview1",
            "1.0-rc1", "1.0.rc.1", "1.0RC1", "1.0rc1.dev1", "1.0.post0", "1.0post", "1.0.post1", "1.0-1",
            "1.0-post1", "1.0.rev1", "1.0r1", "1.0.post1.dev1", "1.0.post1.dev0", "1.0.post2", "1.0.post10",
            "1.0+local", "1.0+LOCAL", "1.0+abc.1", "1.0+abc.01", "1.0+abc-1", "1.0+abc.2", "1.0+abc.a", "1.0+1",
            "1.0+1.0", "1.0+0", "1.0+abc", "1.0+abd", "1.0.post1+x", "1.0.dev1+x", "1.1", "1.1.dev1", "1.10",
            "1.9", "2", "2.0.0.0.0", "0!1.0", "1!0.1", "1!1.0", "2!0.0.1", "00!1.0", "1.0.0000000000000000000001",
            "99999999999999999999999", "100000000000000000000000",
            // mostly refused by packaging (no legacy versions since 22)
            "", " ", "1.0-", "1.0.", ".1", "1..0", "1.0a1a2", "1.0+", "1.0+abc.", "1.0+abc..1", "1.0+ab_c+d",
            "1.0-dev-", "v", "vv1.0", "1.0 beta", "1.0-beta-x", "1.0-SNAPSHOT", "1.0.0-alpha.beta", "1.0.0-alpha.1", "latest",
            "1.0.post1-1", "1.0-1-1", "1!", "!1.0", "1.0rc1rc2", "1.0.dev1.dev2", "1.٢", "1.0+\u212a",
            "1.0+é", "2004-01-01", "1.0\u0000", "1.0.po\u017ft1", "1.0.PO\u017fT9", "1.0prev\u0130ew1",
            "1.0prev\u0131ew2", "1.0+\u0130", "1.0+\u0131.\u017f", "1.0+\u212a.1");

    private final PypiVersionComparator comparator = new PypiVersionComparator();

    @Test
    void ordersEveryPairAsPackaging() throws Exception {
        Path dir = Path.of("target", "pypi-authority");
        Files.createDirectories(dir);
        Path script = dir.resolve("pep440_authority.py");
        try (InputStream in = getClass().getResourceAsStream("pep440_authority.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> out = AuthorityRun.run(dir, VERSIONS, "/usr/bin/python3", script.toString());
        assertThat(out.getFirst()).startsWith("packaging ");
        assertThat(AuthorityRun.disagreements(out, VERSIONS, comparator, 5_000)).isEmpty();
    }

    @Test
    void knownOrderings() {
        assertThat(comparator.compare("1.0.dev0", "1.0a1")).isNegative();
        assertThat(comparator.compare("1.0a1", "1.0.alpha.1")).isZero();
        assertThat(comparator.compare("1.0-1", "1.0.post1")).isZero();
        assertThat(comparator.compare("1.0", "1.0+local")).isNegative();
        assertThat(comparator.compare("1.0+abc.1", "1.0+1")).isNegative();
        assertThat(comparator.compare("1!0.1", "2.0")).isPositive();
    }

    @Test
    void refusesWhatPackagingRefuses() {
        assertThat(comparator.isValid("1.0-SNAPSHOT")).isFalse();
        assertThat(comparator.isValid("1.0.0-alpha.beta")).isFalse();
        assertThat(comparator.isValid("1.0.0-alpha.1")).isTrue();
        assertThat(comparator.isValid("1." + "0".repeat(PypiVersionComparator.MAX_LENGTH))).isFalse();
        assertThatThrownBy(() -> comparator.compare("latest", "1.0"))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("'latest'");
        assertThat(VersionComparators.forEcosystem("PyPI")).containsInstanceOf(PypiVersionComparator.class);
    }
}
