package io.drydock.gateway.account;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, routing and account scoping of the API as the Anchore CLI relies on them (§0.1, §0.2). */
class ApiAccessIT extends GatewayIT {

    static final String TEAM_B = "team-b";
    static final String TEAM_B_USER = "team-b-user";
    static final String TEAM_B_PASSWORD = "team-b-password";

    @BeforeEach
    void teamB() {
        // Accounts outlive the per-test truncation; create them once per database.
        if (admin().get("/v1/accounts/" + TEAM_B).status() == 404) {
            assertThat(admin().post("/v1/accounts", Map.of("name", TEAM_B, "email", "b@example.com")).status()).isEqualTo(200);
            assertThat(admin().post("/v1/accounts/" + TEAM_B + "/users",
                    Map.of("username", TEAM_B_USER, "password", TEAM_B_PASSWORD)).status()).isEqualTo(200);
        }
    }

    @Test
    void answersMissingCredentialsWithABasicChallenge() {
        Response response = ApiClient.anonymous(port).get("/v1/images");

        assertUnauthorized(response);
    }

    @Test
    void answersAWrongPasswordWithABasicChallenge() {
        Response response = as("admin", "not-the-password").get("/v1/images");

        assertUnauthorized(response);
        assertUnauthorized(as("nobody", ADMIN_PASSWORD).get("/v1/images"));
    }

    @Test
    void answersTheVersionCheckWithoutCredentials() {
        for (String path : List.of("/v1", "/v1/", "/")) {
            Response response = ApiClient.anonymous(port).get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body().asString()).as(path).isEqualTo("v1");
        }
    }

    @Test
    void servesTheSwaggerDocumentWithTheApiVersionTheCliNeeds() {
        for (String path : List.of("/swagger.json", "/v1/swagger.json")) {
            Response response = ApiClient.anonymous(port).get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body().path("info").path("version").asString()).as(path).isEqualTo("0.1.20");
        }
    }

    @Test
    void routesWorkWithoutTheVersionPrefixAndWithATrailingSlash() {
        for (String path : List.of("/v1/images", "/images", "/images/", "/v1/images/", "/v1/subscriptions/",
                "/subscriptions")) {
            Response response = admin().get(path);
            assertThat(response.status()).as(path + " → " + response.text()).isEqualTo(200);
            assertThat(response.body().isArray()).as(path).isTrue();
        }
        Response account = admin().get("/account/");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body().path("name").asString()).isEqualTo("admin");
    }

    @Test
    void adminActsOnAnotherAccountWithTheImpersonationHeader() {
        String repo = "drydock/access-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = smallImage(repo).push(REGISTRY, repo, "1.0");
        ApiClient teamB = as(TEAM_B_USER, TEAM_B_PASSWORD);

        Response added = admin().actingAs(TEAM_B).post("/v1/images",
                Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0"));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get(0).path("userId").asString()).isEqualTo(TEAM_B);
        assertThat(digests(teamB.get("/v1/images"))).containsExactly(digest);
        assertThat(digests(admin().actingAs(TEAM_B).get("/v1/images"))).containsExactly(digest);
        assertThat(digests(admin().get("/v1/images"))).as("the admin's own account").isEmpty();
        assertThat(admin().get("/v1/images/" + digest).status()).isEqualTo(404);
    }

    @Test
    void refusesTheImpersonationHeaderFromANonAdmin() {
        Response response = as(TEAM_B_USER, TEAM_B_PASSWORD).actingAs("admin").get("/v1/images");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body().path("httpcode").asInt()).isEqualTo(403);
    }

    @Test
    void keepsOneAccountsImagesAwayFromAnother() {
        String repo = "drydock/access-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = smallImage(repo).push(REGISTRY, repo, "1.0");
        assertThat(admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0")).status())
                .isEqualTo(200);
        ApiClient teamB = as(TEAM_B_USER, TEAM_B_PASSWORD);

        assertThat(digests(teamB.get("/v1/images"))).isEmpty();
        assertThat(teamB.get("/v1/images/" + digest).status()).isEqualTo(404);
        assertThat(teamB.delete("/v1/images/" + digest + "?force=True").body().path("status").asString())
                .isEqualTo("not_found");
        assertThat(admin().get("/v1/images/" + digest).body().get(0).path("image_status").asString())
                .isEqualTo("active");
    }

    @Test
    void keepsOneAccountsSubscriptionsAwayFromAnother() {
        String id = admin().post("/v1/subscriptions",
                Map.of("subscription_key", "registry.example.com/app:1", "subscription_type", "tag_update"))
                .body().get(0).path("subscription_id").asString();
        ApiClient teamB = as(TEAM_B_USER, TEAM_B_PASSWORD);

        assertThat(teamB.get("/v1/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(teamB.put("/v1/subscriptions/" + id, Map.of("active", false)).status()).isEqualTo(404);
        assertThat(teamB.delete("/v1/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/v1/subscriptions/" + id).body().get(0).path("active").asBoolean()).isTrue();
    }

    private static TestImage smallImage(String marker) {
        return TestImage.builder()
                .layer(TestLayer.builder().file("etc/drydock-test-marker", marker + "\n").build())
                .build();
    }

    private static List<String> digests(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().valueStream().map(image -> image.path("imageDigest").asString()).toList();
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("basic realm=\"Authentication required\"");
        assertThat(response.text()).isEqualTo("Unauthorized");
    }
}
