package io.drydock.gateway.subscription;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static io.drydock.gateway.ApiClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

/** Subscriptions (Anchore §1.8). */
class SubscriptionApiIT extends GatewayIT {

    private static final String KEY = "registry.example.com/team/app:1.4";

    @Test
    void createsReadsUpdatesAndDeletesASubscription() throws Exception {
        Response created = admin().post("/v1/subscriptions",
                Map.of("subscription_key", KEY, "subscription_type", "tag_update", "active", true));

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String id = created.body().get(0).path("subscription_id").asString();
        assertThat(id).isEqualTo(md5Hex("admin+" + KEY + "+tag_update"));
        assertThat(created.body().get(0).path("subscription_key").asString()).isEqualTo(KEY);
        assertThat(created.body().get(0).path("subscription_type").asString()).isEqualTo("tag_update");
        assertThat(created.body().get(0).path("userId").asString()).isEqualTo("admin");
        assertThat(created.body().get(0).path("active").asBoolean()).isTrue();

        Response fetched = admin().get("/v1/subscriptions/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().get(0).path("subscription_id").asString()).isEqualTo(id);

        Response updated = admin().put("/v1/subscriptions/" + id,
                Map.of("subscription_key", KEY, "subscription_type", "tag_update", "active", false));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.body().get(0).path("active").asBoolean()).isFalse();
        assertThat(admin().get("/v1/subscriptions/" + id).body().get(0).path("active").asBoolean()).isFalse();

        Response deleted = admin().delete("/v1/subscriptions/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(admin().get("/v1/subscriptions/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesADuplicateWithConflict() {
        Map<String, Object> body = Map.of("subscription_key", KEY, "subscription_type", "policy_eval");
        assertThat(admin().post("/v1/subscriptions", body).status()).isEqualTo(200);

        Response duplicate = admin().post("/v1/subscriptions", body);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("httpcode").asInt()).isEqualTo(409);
    }

    @Test
    void rejectsAnUnknownSubscriptionType() {
        Response created = admin().post("/v1/subscriptions",
                Map.of("subscription_key", KEY, "subscription_type", "tag_updates"));
        Response listed = admin().get("/v1/subscriptions?subscription_type=tag_updates");

        assertThat(created.status()).isEqualTo(400);
        assertThat(listed.status()).isEqualTo(400);
    }

    @Test
    void listsByKeyAndType() {
        admin().post("/v1/subscriptions", Map.of("subscription_key", KEY, "subscription_type", "tag_update"));
        admin().post("/v1/subscriptions", Map.of("subscription_key", KEY, "subscription_type", "vuln_update"));
        admin().post("/v1/subscriptions", Map.of("subscription_key", "other/app:1", "subscription_type", "tag_update"));

        Response listed = admin().get("/v1/subscriptions?subscription_key=" + encode(KEY) + "&subscription_type=vuln_update");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().size()).isEqualTo(1);
        assertThat(listed.body().get(0).path("subscription_id").asString())
                .isEqualTo(md5Hex("admin+" + KEY + "+vuln_update"));
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
