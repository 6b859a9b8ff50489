package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.testkit.osv.OsvFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchKeysTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "PyPI | Django | PyPI/django",
            "PyPI | PyYAML | PyPI/pyyaml",
            "PyPI | zope.interface | PyPI/zope-interface",
            "PyPI | ruamel.yaml__.clib | PyPI/ruamel-yaml-clib",
            "PyPI | Jinja2 | PyPI/jinja2",
            "npm | @babel/core | npm/@babel/core",
            "npm | JSONStream | npm/JSONStream",
            "Maven | org.apache.logging.log4j:log4j-core | Maven/org.apache.logging.log4j:log4j-core",
            "NuGet | Newtonsoft.Json | NuGet/newtonsoft.json",
            "Packagist | Symfony/HTTP-Kernel | Packagist/symfony/http-kernel",
            "Go | github.com/BurntSushi/toml | Go/github.com/BurntSushi/toml",
            "crates.io | serde_json | crates.io/serde_json",
            "RubyGems | ActiveSupport | RubyGems/ActiveSupport",
            "Debian:12 | glibc | Debian:12/glibc",
            "Alpine:v3.20 | openssl | Alpine:v3.20/openssl",
            "Ubuntu:22.04:LTS | coreutils | Ubuntu:22.04:LTS/coreutils",
            "Red Hat:enterprise_linux:9 | glibc-common | Red Hat:enterprise_linux:9/glibc-common"})
    void normalisesNamesAsTheirEcosystemComparesThem(String ecosystem, String name, String key) {
        assertThat(MatchKeys.of(ecosystem, name)).isEqualTo(key);
    }

    @Test
    void refusesAKeyWithoutEcosystemOrName() {
        assertThatThrownBy(() -> MatchKeys.of("", "glibc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no ecosystem for package 'glibc'");
        assertThatThrownBy(() -> MatchKeys.of("Debian:12", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no package name in ecosystem 'Debian:12'");
    }

    @Test
    void pypiRecordsAlreadyUseNormalisedNames() throws Exception {
        for (OsvFixtures.Fixture fixture : OsvFixtures.all()) {
            for (OsvAffected affected : OsvParser.parse(fixture.bytes()).affected()) {
                assertThat(affected.matchKey()).startsWith(affected.ecosystem() + "/");
                if (affected.ecosystem().equals("PyPI")) {
                    assertThat(affected.matchKey()).isEqualTo("PyPI/" + affected.packageName());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "java, Maven", "maven, Maven", "python, PyPI", "npm, npm", "gem, RubyGems", "go, Go", "rust, crates.io",
            "nuget, NuGet", "composer, Packagist", "php, Packagist", "JAVA, Maven",
            "dpkg, -", "APKG, -", "rpm, -", "binary, -", "unknown, -"})
    void languageEcosystemOfAnAnalysedPackageType(String packageType, String ecosystem) {
        assertThat(MatchKeys.languageEcosystem(packageType).orElse(null)).isEqualTo(ecosystem);
    }
}
