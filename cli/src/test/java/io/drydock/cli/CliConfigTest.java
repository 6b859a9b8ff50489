package io.drydock.cli;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliConfigTest {

    private static final CliConfig.Flags NO_FLAGS = new CliConfig.Flags(null, null, null, null);

    @Test
    void aFlagWinsOverDrydocksVariableWhichWinsOverAnchoreClis() {
        Map<String, String> env = Map.of(
                "DRYDOCK_URL", "http://drydock.example:8228/v1", "ANCHORE_CLI_URL", "http://anchore.example:8228/v1",
                "DRYDOCK_USER", "drydock-user", "ANCHORE_CLI_USER", "anchore-user",
                "DRYDOCK_PASSWORD", "drydock-pass", "ANCHORE_CLI_PASS", "anchore-pass");

        assertThat(CliConfig.resolve(new CliConfig.Flags("http://flag.example/v1", "flag-user", "flag-pass", "team-b"), env))
                .isEqualTo(new CliConfig(URI.create("http://flag.example/v1"), "flag-user", "flag-pass", "team-b"));
        assertThat(CliConfig.resolve(NO_FLAGS, env)).isEqualTo(
                new CliConfig(URI.create("http://drydock.example:8228/v1"), "drydock-user", "drydock-pass", null));
        assertThat(CliConfig.resolve(NO_FLAGS, Map.of("ANCHORE_CLI_URL", "https://anchore.example/v1",
                "ANCHORE_CLI_USER", "anchore-user", "ANCHORE_CLI_PASS", "anchore-pass", "DRYDOCK_USER", "")))
                .as("an empty variable counts as unset").isEqualTo(
                        new CliConfig(URI.create("https://anchore.example/v1"), "anchore-user", "anchore-pass", null));
    }

    @Test
    void defaultsToTheLocalAllInOneAndDropsATrailingSlash() {
        Map<String, String> credentials = Map.of("DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "secret");

        assertThat(CliConfig.resolve(NO_FLAGS, credentials).url()).isEqualTo(URI.create("http://localhost:8228/v1"));
        assertThat(CliConfig.resolve(new CliConfig.Flags("http://h:1/v1/", null, null, null), credentials).url())
                .isEqualTo(URI.create("http://h:1/v1"));
    }

    @Test
    void saysWhereToGiveAMissingUserOrPasswordAndRefusesAnUnusableUrl() {
        assertThatThrownBy(() -> CliConfig.resolve(NO_FLAGS, Map.of("DRYDOCK_PASSWORD", "x")))
                .isInstanceOf(CliException.class).hasMessageContaining("--user").hasMessageContaining("DRYDOCK_USER");
        assertThatThrownBy(() -> CliConfig.resolve(NO_FLAGS, Map.of("ANCHORE_CLI_USER", "admin")))
                .hasMessageContaining("no password given for user 'admin'").hasMessageContaining("DRYDOCK_PASSWORD");
        Map<String, String> credentials = Map.of("DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "secret");
        assertThatThrownBy(() -> CliConfig.resolve(new CliConfig.Flags("localhost:8228", null, null, null), credentials))
                .hasMessageContaining("is not an http:// or https:// URL");
        assertThatThrownBy(() -> CliConfig.resolve(new CliConfig.Flags("http://h/v1?x=1", null, null, null), credentials))
                .hasMessageContaining("must not have a query");
    }
}
