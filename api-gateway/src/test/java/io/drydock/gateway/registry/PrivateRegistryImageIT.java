package io.drydock.gateway.registry;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding an image from a registry that demands credentials: the account's stored credentials look the tag up. */
class PrivateRegistryImageIT extends GatewayIT {

    private final String repo = "team/app-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void team() {
        RegistryApiIT.ensureTeam(admin());
    }

    @Test
    void addsAnImageFromABasicAuthRegistryOnceTheAccountStoredItsCredentials() {
        String tag = push(BASIC_AUTH_REGISTRY);

        Response without = admin().post("/v1/images", Map.of("tag", tag));
        assertThat(without.status()).as(without.text()).isEqualTo(403);
        assertThat(without.body().path("detail").path("error_codes").get(0).asString()).isEqualTo("REGISTRY_PERMISSION_DENIED");

        assertThat(admin().post("/v1/registries", RegistryApiIT.body(BASIC_AUTH_REGISTRY.hostPort(), PRIVATE_USER,
                PRIVATE_PASSWORD)).status()).isEqualTo(200);
        Response with = admin().post("/v1/images", Map.of("tag", tag));

        assertThat(with.status()).as(with.text()).isEqualTo(200);
        assertThat(with.body().get(0).path("image_detail").get(0).path("fulltag").asString()).isEqualTo(tag);
    }

    @Test
    void aWildcardRecordMatchesTheRepositoriesUnderItInATokenAuthRegistry() {
        String tag = push(TOKEN_AUTH_REGISTRY);
        assertThat(admin().post("/v1/registries?validate=false", RegistryApiIT.body(TOKEN_AUTH_REGISTRY.hostPort()
                + "/other/*", PRIVATE_USER, "wrong")).status()).isEqualTo(200);
        assertThat(admin().post("/v1/registries?validate=false", RegistryApiIT.body(TOKEN_AUTH_REGISTRY.hostPort()
                + "/team/*", PRIVATE_USER, PRIVATE_PASSWORD)).status()).isEqualTo(200);

        Response added = admin().post("/v1/images", Map.of("tag", tag));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
    }

    @Test
    void anotherAccountCannotUseTheCredentials() {
        String tag = push(BASIC_AUTH_REGISTRY);
        assertThat(admin().post("/v1/registries", RegistryApiIT.body(BASIC_AUTH_REGISTRY.hostPort(), PRIVATE_USER,
                PRIVATE_PASSWORD)).status()).isEqualTo(200);
        ApiClient team = as(RegistryApiIT.TEAM_USER, RegistryApiIT.TEAM_PASSWORD);

        Response refused = team.post("/v1/images", Map.of("tag", tag));

        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(admin().post("/v1/images", Map.of("tag", tag)).status()).isEqualTo(200);
    }

    private String push(TestRegistry registry) {
        TestImage image = TestImage.builder()
                .layer(TestLayer.builder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                        .file("etc/drydock-test-marker", repo + "\n").build())
                .cmd("/bin/sh")
                .build();
        image.push(registry, repo, "v1");
        return registry.hostPort() + "/" + repo + ":v1";
    }
}
