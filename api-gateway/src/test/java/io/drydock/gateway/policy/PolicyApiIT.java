package io.drydock.gateway.policy;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.policy.bundle.DefaultBundles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Policy bundles through the API (Anchore §1.7). */
class PolicyApiIT extends GatewayIT {

    private static final String DEFAULT_ID = "2c53a13c-1765-11e8-82ef-23527761d060";

    @Autowired
    PolicyBundleRepository bundles;
    @Autowired
    AccountRepository accounts;

    @AfterEach
    void restoreTheDefaultBundle() {
        String json = DefaultBundles.anchoreDefaultJson();
        bundles.save("admin", DEFAULT_ID, "Default bundle", null, json, Instant.now());
        bundles.activate("admin", DEFAULT_ID, Instant.now());
        for (JsonNode policy : admin().get("/v1/policies").body()) {
            if (!policy.get("policyId").asString().equals(DEFAULT_ID)) {
                admin().delete("/v1/policies/" + policy.get("policyId").asString());
            }
        }
    }

    @Test
    void everyAccountStartsWithTheDefaultBundleActive() {
        JsonNode policies = admin().get("/v1/policies").body();

        assertThat(policies).anySatisfy(p -> {
            assertThat(p.get("policyId").asString()).isEqualTo(DEFAULT_ID);
            assertThat(p.get("active").asBoolean()).isTrue();
            assertThat(p.get("policy_source").asString()).isEqualTo("local");
            assertThat(p.get("policybundle").isEmpty()).as("detail=false by default").isTrue();
        });
        assertThat(admin().get("/v1/policies/" + DEFAULT_ID).body().get(0).at("/policybundle/mappings/0/name").asString())
                .isEqualTo("default");
    }

    @Test
    void rejectsAnInvalidBundleWithEveryProblem() {
        Response response = admin().post("/v1/policies", Map.of("id", "broken", "version", "1_0", "name", "broken",
                "policies", List.of(Map.of("id", "p1", "version", "1_0", "rules", List.of(
                        Map.of("gate", "no_such_gate", "trigger", "x", "action", "STOP"),
                        Map.of("gate", "dockerfile", "trigger", "exposed_ports", "action", "STOP")))),
                "mappings", List.of(Map.of("name", "m", "registry", "*", "repository", "*",
                        "image", Map.of("type", "tag", "value", "*"), "policy_id", "p1", "whitelist_ids", List.of("missing")))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("message").asString()).isEqualTo("Bundle failed validation");
        List<String> problems = new ArrayList<>();
        response.body().at("/detail/validation_details").forEach(p -> problems.add(p.get("problem_type").asString()));
        assertThat(problems).contains("GateNotFoundError", "RequiredParameterNotSetError", "ReferencedObjectNotFoundError");
        assertThat(admin().get("/v1/policies/broken").status()).isEqualTo(404);
    }

    @Test
    void addsInactiveActivatesOneAtATimeAndNeverDeletesTheActiveOne() throws Exception {
        Map<String, Object> bundle = Map.of("version", "1_0", "name", "only-always",
                "policies", List.of(Map.of("id", "p-always", "version", "1_0",
                        "rules", List.of(Map.of("gate", "always", "trigger", "always", "action", "WARN")))),
                "mappings", List.of(Map.of("name", "all", "registry", "*", "repository", "*",
                        "image", Map.of("type", "tag", "value", "*"), "policy_id", "p-always")));

        Response added = admin().post("/v1/policies", bundle);

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        String id = added.body().get("policyId").asString();
        assertThat(id).as("md5 of account:name").isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest("admin:only-always".getBytes(StandardCharsets.UTF_8))));
        assertThat(added.body().get("active").asBoolean()).isFalse();

        JsonNode record = admin().get("/v1/policies/" + id).body().get(0);
        Response activated = admin().put("/v1/policies/" + id, Map.of("policyId", id, "active", true,
                "policybundle", record.get("policybundle")));
        assertThat(activated.body().get(0).get("active").asBoolean()).isTrue();
        assertThat(admin().get("/v1/policies/" + DEFAULT_ID).body().get(0).get("active").asBoolean())
                .as("one active bundle per account").isFalse();

        assertThat(admin().delete("/v1/policies/" + id).status()).as("the active bundle").isEqualTo(409);
        assertThat(admin().put("/v1/policies/" + id + "?active=false", Map.of("policyId", id)).status()).isEqualTo(400);
        assertThat(admin().put("/v1/policies/" + id, Map.of("policyId", "other")).status()).isEqualTo(400);
        assertThat(as("nobody", "wrong").get("/v1/policies/" + id).status()).isEqualTo(401);
        accounts.createAccount("team-policies", "user", null, Instant.now());
        ApiClient otherAccount = admin().actingAs("team-policies");
        assertThat(otherAccount.get("/v1/policies/" + id).status()).as("another account's bundle").isEqualTo(404);
        assertThat(otherAccount.get("/v1/policies").body()).noneSatisfy(
                p -> assertThat(p.get("policyId").asString()).isEqualTo(id));
        assertThat(otherAccount.delete("/v1/policies/" + id).status()).isEqualTo(404);
        assertThat(admin().get("/v1/policies/" + id).status()).as("still there").isEqualTo(200);
    }
}
