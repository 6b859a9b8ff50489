package io.drydock.platform.registry;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerConfigCredentialsTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAuthsAsDockerLoginWritesThem() {
        DockerConfigCredentials credentials = DockerConfigCredentials.parse("""
                {"auths": {
                   "https://index.docker.io/v1/": {"auth": "%s"},
                   "registry.example.com:5000": {"auth": "%s"},
                   "https://ghcr.io": {"username": "bot", "password": "tok:en"},
                   "quay.io": {}
                 },
                 "credsStore": "desktop"}""".formatted(b64("hubuser:hub:pass"), b64("ci:F@oBar!")));

        assertThat(credentials.forRegistry("docker.io")).contains(new RegistryCredentials("hubuser", "hub:pass"));
        assertThat(credentials.forRegistry("registry.example.com:5000")).contains(new RegistryCredentials("ci", "F@oBar!"));
        assertThat(credentials.forRegistry("ghcr.io")).contains(new RegistryCredentials("bot", "tok:en"));
        assertThat(credentials.forRegistry("quay.io")).as("no usable credentials").isEmpty();
        assertThat(credentials.forRegistry("registry.example.com")).as("the port is part of the name").isEmpty();
    }

    @Test
    void rejectsAMalformedFileWithTheReason() {
        assertThatThrownBy(() -> DockerConfigCredentials.parse("{\"auths\": {\"r.io\": {\"auth\": \"%%%\"}}}"))
                .hasMessageContaining("r.io").hasMessageContaining("base64");
        assertThatThrownBy(() -> DockerConfigCredentials.parse("{\"auths\": {\"r.io\": {\"auth\": \"" + b64("nocolon") + "\"}}}"))
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> DockerConfigCredentials.parse("{auths"))
                .hasMessageContaining("not JSON");
    }
}
