package io.drydock.gateway.registry;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.drydock.gateway.ApiClient.encode;
import static io.drydock.schemas.db.Tables.REGISTRY_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;

/** Registry credentials (Anchore §1.10): validated against real registries, stored encrypted, per account. */
class RegistryApiIT extends GatewayIT {

    static final String TEAM = "team-registries";
    static final String TEAM_USER = "team-registries-user";
    static final String TEAM_PASSWORD = "team-registries-password";

    @Autowired
    DSLContext dsl;

    @BeforeEach
    void team() {
        ensureTeam(admin());
    }

    @Test
    void addsAValidatedCredentialAndListsGetsUpdatesAndDeletesItWithoutEverShowingThePassword() {
        String registry = BASIC_AUTH_REGISTRY.hostPort();

        Response added = admin().post("/v1/registries", body(registry, PRIVATE_USER, PRIVATE_PASSWORD));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        JsonNode record = added.body().get(0);
        assertThat(record.path("registry").asString()).isEqualTo(registry);
        assertThat(record.path("registry_name").asString()).isEqualTo(registry);
        assertThat(record.path("registry_user").asString()).isEqualTo(PRIVATE_USER);
        assertThat(record.path("registry_type").asString()).isEqualTo("docker_v2");
        assertThat(record.path("registry_verify").asBoolean()).isFalse();
        assertThat(record.path("userId").asString()).isEqualTo("admin");
        assertThat(record.path("created_at").asString()).endsWith("Z");
        assertThat(added.text()).doesNotContain(PRIVATE_PASSWORD).doesNotContain("registry_pass");

        String stored = dsl.select(REGISTRY_CREDENTIAL.REGISTRY_PASS).from(REGISTRY_CREDENTIAL)
                .where(REGISTRY_CREDENTIAL.REGISTRY.eq(registry)).fetchSingle().value1();
        assertThat(stored).isNotBlank().doesNotContain(PRIVATE_PASSWORD);

        Response listed = admin().get("/v1/registries");
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.text()).doesNotContain(PRIVATE_PASSWORD);
        assertThat(admin().get("/v1/registries/" + encode(registry)).body().get(0).path("registry").asString()).isEqualTo(registry);

        Map<String, Object> update = body(registry, PRIVATE_USER, PRIVATE_PASSWORD);
        update.put("registry_name", "ci registry");
        Response updated = admin().put("/v1/registries/" + encode(registry), update);
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.body().get(0).path("registry_name").asString()).isEqualTo("ci registry");
        assertThat(updated.text()).doesNotContain(PRIVATE_PASSWORD);

        assertThat(admin().delete("/v1/registries/" + encode(registry)).status()).isEqualTo(200);
        Response gone = admin().get("/v1/registries/" + encode(registry));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("httpcode").asInt()).isEqualTo(404);
        assertThat(admin().delete("/v1/registries/" + encode(registry)).status()).isEqualTo(404);
    }

    @Test
    void validatesAgainstATokenAuthRegistryToo() {
        Response added = admin().post("/v1/registries?validate=True",
                body(TOKEN_AUTH_REGISTRY.hostPort(), PRIVATE_USER, PRIVATE_PASSWORD));
        Response refused = admin().post("/v1/registries",
                body(TOKEN_AUTH_REGISTRY.hostPort() + "/other", PRIVATE_USER, "wrong"));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(refused.status()).as(refused.text()).isEqualTo(406);
    }

    @Test
    void refusesAWrongPasswordWith406AndStoresNothing() {
        Response refused = admin().post("/v1/registries", body(BASIC_AUTH_REGISTRY.hostPort(), PRIVATE_USER, "not-it"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(406);
        assertThat(refused.body().path("httpcode").asInt()).isEqualTo(406);
        assertThat(refused.body().path("message").asString())
                .startsWith("cannot ping supplied registry with supplied credentials")
                .contains("rejected the credentials of user " + PRIVATE_USER)
                .doesNotContain("not-it");
        assertThat(refused.body().path("detail").path("error_codes").get(0).asString()).isEqualTo("REGISTRY_PERMISSION_DENIED");
        assertThat(dsl.fetchCount(REGISTRY_CREDENTIAL)).isZero();
        assertThat(admin().get("/v1/registries").body()).isEmpty();
    }

    @Test
    void aFailedUpdateKeepsTheStoredCredential() {
        String registry = BASIC_AUTH_REGISTRY.hostPort();
        admin().post("/v1/registries", body(registry, PRIVATE_USER, PRIVATE_PASSWORD));
        String before = dsl.select(REGISTRY_CREDENTIAL.REGISTRY_PASS).from(REGISTRY_CREDENTIAL).fetchSingle().value1();

        Response refused = admin().put("/v1/registries/" + encode(registry), body(registry, PRIVATE_USER, "not-it"));

        assertThat(refused.status()).isEqualTo(406);
        assertThat(dsl.select(REGISTRY_CREDENTIAL.REGISTRY_PASS).from(REGISTRY_CREDENTIAL).fetchSingle().value1())
                .isEqualTo(before);
    }

    @Test
    void refusesADuplicateWithConflict() {
        String registry = BASIC_AUTH_REGISTRY.hostPort();
        assertThat(admin().post("/v1/registries", body(registry, PRIVATE_USER, PRIVATE_PASSWORD)).status()).isEqualTo(200);

        Response duplicate = admin().post("/v1/registries?validate=false", body(registry, "someone", "else"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("httpcode").asInt()).isEqualTo(409);
        assertThat(admin().get("/v1/registries").body().get(0).path("registry_user").asString()).isEqualTo(PRIVATE_USER);
    }

    @Test
    void findsRegistriesWhoseNamesHoldSlashesColonsAndStarsEncodedOrNot() {
        String registry = "registry.example.com:5000/team/*";
        Response added = admin().post("/v1/registries?validate=false", body(registry, "robot", "pw"));
        assertThat(added.status()).as(added.text()).isEqualTo(200);

        assertThat(admin().get("/v1/registries/" + encode(registry)).status()).isEqualTo(200);
        assertThat(admin().get("/v1/registries/" + encode(registry)).body().get(0).path("registry").asString()).isEqualTo(registry);
        assertThat(admin().get("/v1/registries/registry.example.com:5000/team/*").status()).isEqualTo(200);
        assertThat(admin().get("/registries/" + encode(registry) + "/").status()).as("no /v1, trailing slash").isEqualTo(200);

        Response updated = admin().put("/v1/registries/" + encode(registry) + "?validate=false",
                body(registry, "robot2", "pw2"));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.body().get(0).path("registry_user").asString()).isEqualTo("robot2");

        assertThat(admin().delete("/v1/registries/" + encode(registry)).status()).isEqualTo(200);
        assertThat(admin().get("/v1/registries").body()).isEmpty();
    }

    @Test
    void storesDockerHubUnderOneName() {
        Response added = admin().post("/v1/registries?validate=false", body("index.docker.io", "hubuser", "pw"));

        assertThat(added.body().get(0).path("registry").asString()).isEqualTo("docker.io");
        assertThat(admin().get("/v1/registries/registry-1.docker.io").status()).isEqualTo(200);
    }

    @Test
    void refusesWhatItDoesNotSupportWithAClearMessage() {
        Map<String, Object> ecr = body("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "awsauto", "awsauto");
        ecr.put("registry_type", "awsecr");
        Response refused = admin().post("/v1/registries", ecr);
        Response wildcardValidated = admin().post("/v1/registries", body("*.example.com", "robot", "pw"));
        Response noPassword = admin().post("/v1/registries", Map.of("registry", "registry.example.com", "registry_user", "robot"));
        Response withScheme = admin().post("/v1/registries?validate=false", body("https://registry.example.com", "robot", "pw"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asString()).contains("awsecr is not supported");
        assertThat(wildcardValidated.status()).isEqualTo(400);
        assertThat(wildcardValidated.body().path("message").asString()).contains("validate=false");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.body().path("message").asString()).contains("registry_pass");
        assertThat(withScheme.status()).isEqualTo(400);
        assertThat(dsl.fetchCount(REGISTRY_CREDENTIAL)).isZero();
    }

    @Test
    void anAccountSeesAndChangesOnlyItsOwnRecordsAndAnAdminActsForOthers() {
        String registry = "registry.example.com";
        assertThat(admin().post("/v1/registries?validate=false", body(registry, "admin-robot", "pw")).status()).isEqualTo(200);
        ApiClient team = as(TEAM_USER, TEAM_PASSWORD);

        assertThat(team.get("/v1/registries").body()).isEmpty();
        assertThat(team.get("/v1/registries/" + registry).status()).isEqualTo(404);
        assertThat(team.delete("/v1/registries/" + registry).status()).isEqualTo(404);
        assertThat(team.put("/v1/registries/" + registry + "?validate=false", body(registry, "x", "y")).status()).isEqualTo(404);
        assertThat(team.actingAs("admin").get("/v1/registries").status()).as("a user cannot act as another account").isEqualTo(403);

        Response forTeam = admin().actingAs(TEAM).post("/v1/registries?validate=false", body(registry, "team-robot", "pw"));
        assertThat(forTeam.status()).as(forTeam.text()).isEqualTo(200);
        assertThat(forTeam.body().get(0).path("userId").asString()).isEqualTo(TEAM);

        assertThat(team.get("/v1/registries").body()).singleElement()
                .satisfies(r -> assertThat(r.path("registry_user").asString()).isEqualTo("team-robot"));
        assertThat(admin().get("/v1/registries").body()).singleElement()
                .satisfies(r -> assertThat(r.path("registry_user").asString()).isEqualTo("admin-robot"));
        assertThat(team.delete("/v1/registries/" + registry).status()).isEqualTo(200);
        assertThat(admin().get("/v1/registries/" + registry).status()).as("the admin's own record stays").isEqualTo(200);
    }

    static void ensureTeam(ApiClient admin) {
        // Accounts outlive the per-test truncation; create them once per database.
        if (admin.get("/v1/accounts/" + TEAM).status() == 404) {
            assertThat(admin.post("/v1/accounts", Map.of("name", TEAM, "email", "t@example.com")).status()).isEqualTo(200);
            assertThat(admin.post("/v1/accounts/" + TEAM + "/users",
                    Map.of("username", TEAM_USER, "password", TEAM_PASSWORD)).status()).isEqualTo(200);
        }
    }

    static Map<String, Object> body(String registry, String user, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registry", registry);
        body.put("registry_user", user);
        body.put("registry_pass", password);
        body.put("registry_type", "docker_v2");
        body.put("registry_verify", false);
        return body;
    }
}
