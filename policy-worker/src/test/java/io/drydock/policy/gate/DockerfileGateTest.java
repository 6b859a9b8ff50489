package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String DOCKERFILE = """
            # build stage
            FROM debian:12
            RUN apt-get update && \\
                apt-get install -y curl
            expose 22 8080/tcp
            EXPOSE 53/udp
            USER app
            """;

    private static ImageFacts image(DockerfileMode mode, String text) {
        return TestImages.debian().dockerfile(mode, text).build();
    }

    private static List<String> messages(String trigger, Map<String, String> params, ImageFacts image) {
        return fire("dockerfile", trigger, params, image, NOW).stream().map(TriggerMatch::message).toList();
    }

    @Test
    void groupsJoinedLinesByUpperCasedDirective() {
        PreparedDockerfile parsed = PreparedDockerfile.parse(DOCKERFILE);
        assertThat(parsed.linesByDirective().keySet()).containsExactly("FROM", "RUN", "EXPOSE", "USER");
        assertThat(parsed.lines("RUN")).containsExactly("RUN apt-get update && apt-get install -y curl");
        assertThat(parsed.lines("EXPOSE")).containsExactly("expose 22 8080/tcp", "EXPOSE 53/udp");
    }

    @Test
    void instructionChecksEachLineOfTheDirective() {
        ImageFacts image = image(DockerfileMode.ACTUAL, DOCKERFILE);
        assertThat(messages("instruction", Map.of("instruction", "FROM", "check", "like", "value", "debian:.*"), image))
                .containsExactly("Dockerfile directive 'FROM' check 'like' matched against 'debian:.*' for line 'debian:12'");
        assertThat(messages("instruction", Map.of("instruction", "FROM", "check", "not_in", "value", "alpine, ubuntu"), image))
                .hasSize(1);
        assertThat(messages("instruction", Map.of("instruction", "USER", "check", "=", "value", "app"), image)).hasSize(1);
        assertThat(messages("instruction", Map.of("instruction", "RUN", "check", "exists"), image))
                .containsExactly("Dockerfile directive 'RUN' check 'exists' matched against '' for line "
                        + "'apt-get update && apt-get install -y curl'");
        assertThat(messages("instruction", Map.of("instruction", "USER", "check", "!="), image))
                .as("a check needing a value is a no-op without one").isEmpty();
    }

    @Test
    void notExistsFiresOnceWhenTheDirectiveIsAbsent() {
        assertThat(messages("instruction", Map.of("instruction", "HEALTHCHECK", "check", "not_exists"),
                image(DockerfileMode.GUESSED, DOCKERFILE)))
                .containsExactly("Dockerfile directive 'HEALTHCHECK' not found, matching condition 'not_exists' check");
    }

    @Test
    void honoursActualDockerfileOnlyAndUnknownMode() {
        Map<String, String> params = Map.of("instruction", "RUN", "check", "exists", "actual_dockerfile_only", "true");
        assertThat(messages("instruction", params, image(DockerfileMode.GUESSED, DOCKERFILE))).isEmpty();
        assertThat(messages("instruction", params, image(DockerfileMode.ACTUAL, DOCKERFILE))).hasSize(1);
        assertThat(messages("instruction", Map.of("instruction", "HEALTHCHECK", "check", "not_exists"),
                image(DockerfileMode.UNKNOWN, DOCKERFILE))).isEmpty();
        assertThat(messages("no_dockerfile_provided", Map.of(), image(DockerfileMode.UNKNOWN, null)))
                .containsExactly("Image was not analyzed with an actual Dockerfile");
        assertThat(messages("no_dockerfile_provided", Map.of(), image(DockerfileMode.ACTUAL, DOCKERFILE))).isEmpty();
    }

    @Test
    void exposedPortsAsDenyAndAllowLists() {
        ImageFacts image = image(DockerfileMode.GUESSED, DOCKERFILE);
        assertThat(messages("exposed_ports", Map.of("ports", "22,8080,53", "type", "blacklist"), image))
                .containsExactly(
                        "Dockerfile exposes port (22) which is in policy file DENIEDPORTS list",
                        "Dockerfile exposes port (8080/tcp) which is in policy file DENIEDPORTS list",
                        "Dockerfile exposes port (53/udp) which is in policy file DENIEDPORTS list");
        assertThat(messages("exposed_ports", Map.of("ports", "8080", "type", "whitelist"), image))
                .containsExactly(
                        "Dockerfile exposes port (22) which is not in policy file ALLOWEDPORTS list",
                        "Dockerfile exposes port (53/udp) which is not in policy file ALLOWEDPORTS list");
    }

    @Test
    void effectiveUserIsTheLastUserOrRoot() {
        ImageFacts withUser = image(DockerfileMode.GUESSED, DOCKERFILE);
        ImageFacts withoutUser = image(DockerfileMode.GUESSED, "FROM debian:12\n");
        assertThat(messages("effective_user", Map.of("users", "root", "type", "blacklist"), withoutUser))
                .containsExactly("User root found as effective user, which is explicity not allowed list");
        assertThat(messages("effective_user", Map.of("users", "root", "type", "blacklist"), withUser)).isEmpty();
        assertThat(messages("effective_user", Map.of("users", "nobody,www", "type", "whitelist"), withUser))
                .containsExactly("User app found as effective user, which is not on the allowed list");
    }
}
