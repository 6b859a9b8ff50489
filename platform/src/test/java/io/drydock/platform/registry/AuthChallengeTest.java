package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesDockerHubBearerChallenge() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"")
                .orElseThrow();

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.parameter("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(challenge.parameter("service")).isEqualTo("registry.docker.io");
        assertThat(challenge.parameter("scope")).isEqualTo("repository:library/alpine:pull");
    }

    @Test
    void keepsCommasInsideQuotedValues() {
        AuthChallenge challenge = AuthChallenge.parse(
                "bearer realm=\"http://127.0.0.1:1/t\", scope=\"repository:a:pull,push\", error=\"insufficient_scope\"")
                .orElseThrow();

        assertThat(challenge.parameter("scope")).isEqualTo("repository:a:pull,push");
        assertThat(challenge.parameter("error")).isEqualTo("insufficient_scope");
    }

    @Test
    void parsesBasicChallengeAndUnquotedValues() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=drydock-test").orElseThrow();

        assertThat(challenge.isBasic()).isTrue();
        assertThat(challenge.parameter("realm")).isEqualTo("drydock-test");
    }

    @Test
    void absentHeaderHasNoChallenge() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
