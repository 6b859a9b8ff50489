package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LicensesGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final ImageFacts IMAGE = TestImages.debian()
            .packageFact(new PackageFact("dpkg", "bash", "5.2", "pkgdb", List.of("GPL-3+"), "bash"))
            .packageFact(new PackageFact("dpkg", "libssl3", "3.0", "pkgdb", List.of("Apache-2.0 OpenSSL"), "openssl"))
            .packageFact(new PackageFact("npm", "left-pad", "1.0", "/app/node_modules/left-pad", List.of("WTFPL"), null))
            .build();

    @Test
    void exactMatchListsEveryPackageInOneFiring() {
        assertThat(fire("licenses", "blacklist_exact_match", Map.of("licenses", "GPL-3+,OpenSSL"), IMAGE, NOW))
                .extracting(TriggerMatch::message)
                .containsExactly("LICFULLMATCH Packages are installed that have blacklisted licenses: "
                        + "bash(GPL-3+), libssl3(OpenSSL)");
    }

    @Test
    void partialMatchUsesSubstrings() {
        assertThat(fire("licenses", "blacklist_partial_match", Map.of("licenses", "GPL"), IMAGE, NOW))
                .extracting(TriggerMatch::message)
                .containsExactly("LICSUBMATCH Packages are installed that have blacklisted licenses: bash(GPL-3+)");
        assertThat(fire("licenses", "blacklist_partial_match", Map.of("licenses", "MIT"), IMAGE, NOW)).isEmpty();
    }
}
