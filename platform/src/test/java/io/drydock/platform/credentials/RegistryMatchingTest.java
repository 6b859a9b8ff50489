package io.drydock.platform.credentials;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryMatchingTest {

    @Test
    void matchesTheHostTheRepositoryOrAPrefixEndingInAStar() {
        assertThat(RegistryMatching.matches("registry.example.com:5000", "registry.example.com:5000", "team/app")).isTrue();
        assertThat(RegistryMatching.matches("registry.example.com:5000/team/app", "registry.example.com:5000", "team/app")).isTrue();
        assertThat(RegistryMatching.matches("registry.example.com:5000/team/*", "registry.example.com:5000", "team/app")).isTrue();
        assertThat(RegistryMatching.matches("registry.example.com:5000/te*", "registry.example.com:5000", "team/app")).isTrue();

        assertThat(RegistryMatching.matches("registry.example.com", "registry.example.com:5000", "team/app")).isFalse();
        assertThat(RegistryMatching.matches("registry.example.com:5000/team", "registry.example.com:5000", "team/app")).isFalse();
        assertThat(RegistryMatching.matches("registry.example.com:5000/other/*", "registry.example.com:5000", "team/app")).isFalse();
    }

    @Test
    void aHostWildcardMatchesEverySubdomainButNotTheDomainItself() {
        assertThat(RegistryMatching.matches("*.example.com", "registry.example.com", "app")).isTrue();
        assertThat(RegistryMatching.matches("*.example.com", "eu.registry.example.com", "app")).isTrue();
        assertThat(RegistryMatching.matches("*.example.com/team/*", "registry.example.com", "team/app")).isTrue();
        assertThat(RegistryMatching.matches("*.example.com:5000", "registry.example.com:5000", "app")).isTrue();

        assertThat(RegistryMatching.matches("*.example.com", "example.com", "app")).isFalse();
        assertThat(RegistryMatching.matches("*.example.com", "registry.example.org", "app")).isFalse();
        assertThat(RegistryMatching.matches("*.example.com", "registry.example.com:5000", "app")).isFalse();
        assertThat(RegistryMatching.matches("*.example.com/team/*", "registry.example.com", "other/app")).isFalse();
    }

    @Test
    void theLongestMatchingRecordWins() {
        List<String> records = List.of("*", "*.example.com", "registry.example.com", "registry.example.com/team/*",
                "registry.example.com/team/app", "other.example.com");

        assertThat(RegistryMatching.best(records, "registry.example.com", "team/app")).contains("registry.example.com/team/app");
        assertThat(RegistryMatching.best(records, "registry.example.com", "team/api")).contains("registry.example.com/team/*");
        assertThat(RegistryMatching.best(records, "registry.example.com", "solo")).contains("registry.example.com");
        assertThat(RegistryMatching.best(records, "eu.example.com", "solo")).contains("*.example.com");
        assertThat(RegistryMatching.best(records, "quay.io", "solo")).contains("*");
        assertThat(RegistryMatching.best(List.of("registry.example.com"), "quay.io", "solo")).isEqualTo(Optional.empty());
    }

    @Test
    void storesDockerHubUnderOneNameAndMatchesItsOfficialImagesWithOrWithoutLibrary() {
        assertThat(RegistryMatching.normalise("index.docker.io")).isEqualTo("docker.io");
        assertThat(RegistryMatching.normalise("registry-1.docker.io/myorg/*")).isEqualTo("docker.io/myorg/*");
        assertThat(RegistryMatching.normalise("docker.io/")).isEqualTo("docker.io");

        assertThat(RegistryMatching.matches("docker.io", "docker.io", "alpine")).isTrue();
        assertThat(RegistryMatching.matches("docker.io/library/alpine", "docker.io", "alpine")).isTrue();
        assertThat(RegistryMatching.matches("docker.io/library/*", "docker.io", "alpine")).isTrue();
        assertThat(RegistryMatching.matches("docker.io/library/*", "docker.io", "myorg/app")).isFalse();
    }

    @Test
    void refusesRecordsNoRegistryIsNamedBy() {
        assertThatThrownBy(() -> RegistryMatching.normalise(" ")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> RegistryMatching.normalise("registry example")).hasMessageContaining("may hold only");
        assertThatThrownBy(() -> RegistryMatching.normalise("https://registry.example.com")).hasMessageContaining("without a scheme");
    }
}
