package io.drydock.gateway.event;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.events.EventLog;
import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events log API (Anchore §1.11), scoped to the caller's account. */
class EventApiIT extends GatewayIT {

    @Autowired
    EventLog events;
    @Autowired
    AccountRepository accounts;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void seed() {
        TestPostgres.shared().truncate("event_log");
        accounts.createAccount("team-events", "user", null, Instant.now());
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < 5; i++) {
                events.append("admin", "system.image_analysis.completed", "info", "done " + i, "image_digest",
                        "sha256:" + i, Map.of("n", i));
            }
            events.append("admin", "system.image_analysis.registry_lookup_failed", "error", "no such tag",
                    "image_reference", "registry.local/app:9", Map.of());
            events.append("team-events", "system.image_analysis.failed", "error", "other account", "image_digest",
                    "sha256:x", Map.of());
        });
    }

    @Test
    void listsTheAccountsEventsNewestFirstInPages() {
        List<String> messages = new ArrayList<>();
        Response first = admin().get("/v1/events?limit=4");
        Response second = admin().get("/v1/events?limit=4&page=2");

        assertThat(first.body().get("next_page").asBoolean()).isTrue();
        assertThat(first.body().get("item_count").asInt()).isEqualTo(4);
        assertThat(second.body().get("next_page").asBoolean()).isFalse();
        first.body().get("results").forEach(r -> messages.add(r.at("/event/message").asString()));
        second.body().get("results").forEach(r -> messages.add(r.at("/event/message").asString()));
        assertThat(messages).hasSize(6).doesNotContain("other account").contains("no such tag", "done 0", "done 4");
        JsonNode event = first.body().get("results").get(0);
        assertThat(event.get("generated_uuid").asString()).isNotBlank();
        assertThat(event.at("/event/resource/user_id").asString()).isEqualTo("admin");
        assertThat(event.at("/event/source/servicename").asString()).isNotBlank();
    }

    @Test
    void filtersByTypeWithWildcardsLevelAndResource() {
        assertThat(admin().get("/v1/events?event_type=system.image_analysis.*").body().get("item_count").asInt()).isEqualTo(6);
        assertThat(admin().get("/v1/events?event_type=*lookup_failed").body().get("item_count").asInt()).isEqualTo(1);
        assertThat(admin().get("/v1/events?level=error").body().get("item_count").asInt()).isEqualTo(1);
        assertThat(admin().get("/v1/events?resource_type=image_digest&resource_id=sha256:3").body().get("item_count").asInt())
                .isEqualTo(1);
        assertThat(admin().get("/v1/events?since=2000-01-01T00:00:00Z").body().get("item_count").asInt()).isEqualTo(6);
        assertThat(admin().get("/v1/events?before=2000-01-01").body().get("item_count").asInt()).isZero();
    }

    @Test
    void rejectsBadParameters() {
        assertThat(admin().get("/v1/events?since=yesterday").status()).isEqualTo(400);
        assertThat(admin().get("/v1/events?since=2026-02-01T00:00:00Z&before=2026-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(admin().get("/v1/events?page=0").status()).isEqualTo(400);
        assertThat(admin().get("/v1/events?limit=1001").status()).isEqualTo(400);
        assertThat(admin().get("/v1/events?event_type=DROP%20TABLE").status()).isEqualTo(400);
    }

    @Test
    void getsAndDeletesOnlyTheAccountsOwnEvents() {
        String id = admin().get("/v1/events?level=error").body().at("/results/0/generated_uuid").asString();
        String others = admin().actingAs("team-events").get("/v1/events").body().at("/results/0/generated_uuid").asString();

        assertThat(admin().get("/v1/events/" + id).body().at("/event/message").asString()).isEqualTo("no such tag");
        assertThat(admin().get("/v1/events/" + others).status()).as("another account's event").isEqualTo(404);
        assertThat(admin().delete("/v1/events/" + others).status()).isEqualTo(404);
        assertThat(admin().delete("/v1/events/" + id).status()).isEqualTo(200);
        assertThat(admin().get("/v1/events/" + id).status()).isEqualTo(404);
        Response deleted = admin().delete("/v1/events?level=info");
        assertThat(deleted.body().size()).isEqualTo(5);
        assertThat(admin().get("/v1/events").body().get("item_count").asInt()).isZero();
        assertThat(admin().actingAs("team-events").get("/v1/events").body().get("item_count").asInt()).isEqualTo(1);
    }
}
