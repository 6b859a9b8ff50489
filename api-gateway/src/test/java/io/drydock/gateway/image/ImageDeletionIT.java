package io.drydock.gateway.image;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.subscription.SubscriptionRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DELETE /images/{digest}} (Anchore §2.4) and what the compare-and-set status moves make of late events. */
class ImageDeletionIT extends GatewayIT {

    @Autowired
    ImageRepository images;
    @Autowired
    SubscriptionRepository subscriptions;

    private final String repo = "drydock/deletion-" + UUID.randomUUID().toString().substring(0, 8);
    private final String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

    @Test
    void deletesAnImageByMovingItToDeleting() {
        String digest = add("");

        Response deleted = admin().delete("/v1/images/" + digest);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("digest").asString()).isEqualTo(digest);
        assertThat(deleted.body().path("status").asString()).isEqualTo("deleting");
        assertThat(images.find("admin", digest).orElseThrow().imageStatus()).isEqualTo("deleting");
        assertThat(admin().get("/v1/images").body().size()).as("deleting images are not listed by default").isZero();
        assertThat(admin().get("/v1/images?image_status=deleting").body().size()).isEqualTo(1);
        assertThat(admin().delete("/v1/images/" + digest).body().path("status").asString())
                .as("deleting again").isEqualTo("deleting");
    }

    @Test
    void refusesToDeleteAnImageBeingAnalysedUnlessForced() {
        String digest = add("");
        images.startAnalysis(digest, Instant.now());

        Response refused = admin().delete("/v1/images/" + digest);
        assertThat(refused.body().path("status").asString()).isEqualTo("delete_failed");
        assertThat(refused.body().path("detail").asString()).contains("analyzed");
        assertThat(images.find("admin", digest).orElseThrow().imageStatus()).isEqualTo("active");

        Response forced = admin().delete("/v1/images/" + digest + "?force=True");
        assertThat(forced.body().path("status").asString()).isEqualTo("deleting");
    }

    @Test
    void refusesToDeleteTheLatestDigestOfAWatchedTagUnlessForcedAndForceStopsTheWatch() {
        String digest = add("?autosubscribe=True");
        String tagUpdate = SubscriptionRepository.subscriptionId("admin", fulltag, "tag_update");

        Response refused = admin().delete("/v1/images/" + digest);
        assertThat(refused.body().path("status").asString()).isEqualTo("delete_failed");
        assertThat(refused.body().path("detail").asString()).contains("tag_update");
        assertThat(subscriptions.find("admin", tagUpdate).orElseThrow().active()).isTrue();

        Response forced = admin().delete("/v1/images/" + digest + "?force=True");
        assertThat(forced.body().path("status").asString()).isEqualTo("deleting");
        assertThat(subscriptions.find("admin", tagUpdate).orElseThrow().active()).isFalse();
    }

    @Test
    void deletesAnOlderDigestOfAWatchedTagWithoutForce() {
        String older = add("?autosubscribe=True");
        TestImages.small(repo + "-newer").push(REGISTRY, repo, "1.0");
        String newer = admin().post("/v1/images?autosubscribe=True", Map.of("tag", fulltag)).body().get(0)
                .path("imageDigest").asString();
        assertThat(newer).isNotEqualTo(older);

        assertThat(admin().delete("/v1/images/" + older).body().path("status").asString()).isEqualTo("deleting");
        assertThat(admin().delete("/v1/images/" + newer).body().path("status").asString()).isEqualTo("delete_failed");
    }

    @Test
    void answersNotFoundForAnUnknownDigest() {
        String unknown = "sha256:" + "0".repeat(64);

        Response deleted = admin().delete("/v1/images/" + unknown);

        assertThat(deleted.body().path("digest").asString()).isEqualTo(unknown);
        assertThat(deleted.body().path("status").asString()).isEqualTo("not_found");
    }

    @Test
    void neverResurrectsADeletedImageWhenItsAnalysisCompletesLate() {
        String digest = add("");
        images.startAnalysis(digest, Instant.now());
        assertThat(admin().delete("/v1/images/" + digest + "?force=True").body().path("status").asString())
                .isEqualTo("deleting");

        int completed = images.completeAnalysis(digest, "late-image-id", Instant.now());
        int failed = images.failAnalysis(digest, "late failure", Instant.now());

        assertThat(completed).isZero();
        assertThat(failed).isZero();
        Image image = images.find("admin", digest).orElseThrow();
        assertThat(image.imageStatus()).isEqualTo("deleting");
        assertThat(image.analysisStatus()).isEqualTo(AnalysisStatus.ANALYZING);
        assertThat(image.analyzedAt()).isNull();
        assertThat(admin().get("/v1/images").body().size()).isZero();
    }

    @Test
    void reAddingADeletedImageBringsItBackForAFreshAnalysis() {
        String digest = add("");
        images.startAnalysis(digest, Instant.now());
        images.completeAnalysis(digest, "id", Instant.now());
        admin().delete("/v1/images/" + digest);

        String again = add("");

        Image image = images.find("admin", digest).orElseThrow();
        assertThat(again).isEqualTo(digest);
        assertThat(image.imageStatus()).isEqualTo("active");
        assertThat(image.analysisStatus()).isEqualTo(AnalysisStatus.NOT_ANALYZED);
        assertThat(image.analysisJobId()).as("a new analysis is queued").isNotNull();
    }

    private String add(String query) {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        Response added = admin().post("/v1/images" + query, Map.of("tag", fulltag));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        return digest;
    }
}
