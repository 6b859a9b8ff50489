package io.drydock.analyzer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.analyzer.AnalysisFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigParserTest {

    static byte[] resource(String name) {
        try (InputStream in = ImageConfigParserTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final ImageConfigParser parser = new ImageConfigParser();

    @Test
    void readsPlatformRuntimeSettingsAndHistory() {
        ImageConfig config = parser.parse(resource("buildkit-config.json"));

        assertThat(config.architecture()).isEqualTo("arm64");
        assertThat(config.os()).isEqualTo("linux");
        ConfigSummary summary = config.config();
        assertThat(summary.variant()).isEqualTo("v8");
        assertThat(summary.user()).isEqualTo("app");
        assertThat(summary.workingDir()).isEqualTo("/srv/app");
        assertThat(summary.exposedPorts()).containsExactly("8080/tcp", "8443/tcp");
        assertThat(summary.env()).contains("APP_HOME=/srv/app");
        assertThat(summary.entrypoint()).containsExactly("/srv/app/app");
        assertThat(summary.cmd()).containsExactly("serve");
        assertThat(summary.healthcheck()).isEqualTo(new Healthcheck(
                List.of("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"), 30_000_000_000L,
                3_000_000_000L, null, 3));
        assertThat(summary.labels()).containsEntry("org.opencontainers.image.version", "2.4.1");
        assertThat(config.history()).hasSize(12);
        assertThat(config.history().get(1))
                .isEqualTo(new HistoryEntry("2024-06-13T00:00:00Z", "CMD [\"bash\"]", "buildkit.dockerfile.v0", null,
                        true));
    }

    @Test
    void toleratesNullsAndMissingSections() {
        String json = """
                {"architecture":"amd64","os":"linux","config":{"Env":null,"Cmd":"/bin/sh","Entrypoint":null,
                 "Labels":null,"ExposedPorts":null},"rootfs":{"type":"layers","diff_ids":["sha256:aa"]}}
                """;

        ImageConfig config = parser.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(config.config().env()).isEmpty();
        assertThat(config.config().cmd()).containsExactly("/bin/sh");
        assertThat(config.config().entrypoint()).isNull();
        assertThat(config.config().labels()).isEqualTo(Map.of());
        assertThat(config.config().healthcheck()).isNull();
        assertThat(config.history()).isEmpty();
        assertThat(config.diffIds()).containsExactly("sha256:aa");
    }

    @Test
    void failsClearlyOnInvalidJson() {
        assertThatThrownBy(() -> parser.parse("{\"architecture\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("image config is not valid JSON: ");
        assertThatThrownBy(() -> parser.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("image config is not a JSON object");
    }
}
