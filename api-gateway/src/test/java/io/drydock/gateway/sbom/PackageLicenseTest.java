package io.drydock.gateway.sbom;

import io.drydock.gateway.sbom.PackageLicense.License;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored license fields read as SPDX (SPDX 2.3 Annex D for the expression grammar). */
class PackageLicenseTest {

    @Test
    void keepsAWholeValidExpressionWithTheListsSpellingAndUpperCaseOperators() {
        assertThat(PackageLicense.of("(mit or apache-2.0)").expression()).isEqualTo("(MIT OR Apache-2.0)");
        assertThat(PackageLicense.of("GPL-2.0-or-later WITH Classpath-exception-2.0").expression())
                .isEqualTo("GPL-2.0-or-later WITH Classpath-exception-2.0");
        assertThat(PackageLicense.of("LGPL-2.1+ AND (BSD-3-Clause OR MIT)").expression())
                .isEqualTo("LGPL-2.1+ AND (BSD-3-Clause OR MIT)");
    }

    @Test
    void readsAnythingElseAsASpaceSeparatedListOfIdsAndNames() {
        PackageLicense license = PackageLicense.of("GPL-2 lgpl-2.1 GPL-2 Apache-2.0");

        assertThat(license.expression()).isNull();
        assertThat(license.licenses()).containsExactly(new License(null, "GPL-2"), new License("LGPL-2.1", null),
                new License("Apache-2.0", null));
    }

    @Test
    void aSingleIdIsALicenseNotAnExpression() {
        assertThat(PackageLicense.of("(MIT)").licenses()).containsExactly(new License("MIT", null));
        assertThat(PackageLicense.of("MIT").expression()).isNull();
    }

    @Test
    void refusesBrokenExpressions() {
        for (String broken : new String[]{"MIT OR", "(MIT OR Apache-2.0", "MIT AND Foo-License", "MIT WITH",
                "MIT WITH NotAnException", "OR MIT", "MIT Or Apache-2.0"}) {
            assertThat(PackageLicense.of(broken).expression()).as(broken).isNull();
        }
    }

    @Test
    void boundsNestingAndLength() {
        String deep = "(".repeat(40) + "MIT OR Apache-2.0" + ")".repeat(40);
        assertThat(PackageLicense.of(deep).expression()).isNull();
        String longList = "MIT ".repeat(10) + "x ".repeat(5_000);
        assertThat(PackageLicense.of(longList).licenses()).hasSize(2);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            many.append("name-").append(i).append(' ');
        }
        assertThat(PackageLicense.of(many.toString()).licenses()).hasSize(PackageLicense.MAX_LICENSES);
    }

    @Test
    void emptyFieldsHaveNoLicense() {
        assertThat(PackageLicense.of(null).isEmpty()).isTrue();
        assertThat(PackageLicense.of("  ").isEmpty()).isTrue();
    }

    @Test
    void spdxDeclaresAListAsAConjunctionWithLicenseRefsForNames() {
        Map<String, String> extracted = new LinkedHashMap<>();

        assertThat(SpdxExport.declared(PackageLicense.of("GPL-2+ BSD-3-clause"), extracted))
                .isEqualTo("LicenseRef-GPL-2- AND BSD-3-Clause");
        assertThat(SpdxExport.declared(PackageLicense.of("GPL-2*"), extracted))
                .as("a different name that sanitises to the same idstring").isEqualTo("LicenseRef-GPL-2--2");
        assertThat(SpdxExport.declared(PackageLicense.of("GPL-2+"), extracted)).isEqualTo("LicenseRef-GPL-2-");
        assertThat(extracted).containsExactly(Map.entry("LicenseRef-GPL-2-", "GPL-2+"),
                Map.entry("LicenseRef-GPL-2--2", "GPL-2*"));
        assertThat(SpdxExport.declared(PackageLicense.NONE, extracted)).isEqualTo("NOASSERTION");
    }
}
