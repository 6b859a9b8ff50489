package io.drydock.analyzer.catalogers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoModuleCpesTest {

    @Test
    void namesTheOwnerAndRepositoryOfAHostedModule() {
        assertThat(GoModuleCpes.of("github.com/opencontainers/runc", "v1.1.12")).containsExactly(
                "cpe:2.3:a:opencontainers:runc:1.1.12:*:*:*:*:*:*:*",
                "cpe:2.3:a:runc:runc:1.1.12:*:*:*:*:*:*:*");
    }

    @Test
    void dropsAMajorVersionSuffixAndSubPackages() {
        assertThat(GoModuleCpes.of("github.com/docker/docker/v25", "v25.0.1")).first()
                .isEqualTo("cpe:2.3:a:docker:docker:25.0.1:*:*:*:*:*:*:*");
        assertThat(GoModuleCpes.of("golang.org/x/net", "v0.17.0"))
                .contains("cpe:2.3:a:x:net:0.17.0:*:*:*:*:*:*:*", "cpe:2.3:a:net:net:0.17.0:*:*:*:*:*:*:*");
    }

    @Test
    void givesNoneForDevelopmentBuilds() {
        assertThat(GoModuleCpes.of("example.com/app", "(devel)")).isEmpty();
        assertThat(GoModuleCpes.of("example.com/app", "")).isEmpty();
    }
}
