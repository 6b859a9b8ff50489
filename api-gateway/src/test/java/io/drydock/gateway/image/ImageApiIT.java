package io.drydock.gateway.image;

import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.gateway.TopicReader;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import io.drydock.schemas.db.tables.records.EventLogRecord;
import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.drydock.gateway.ApiClient.encode;
import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;
import static io.drydock.schemas.db.Tables.EVENT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /images} and {@code GET /images} against a real registry (Anchore §1.3, §2.3). */
class ImageApiIT extends GatewayIT {

    @Autowired
    DSLContext dsl;
    @Autowired
    EventCodec codec;

    private final String repo = "drydock/gateway-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void addsAnImageByTagAsOneAnchoreImageRecord() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

        Response added = admin().post("/v1/images", Map.of("tag", fulltag));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().size()).isEqualTo(1);
        JsonNode image = added.body().get(0);
        assertThat(image.path("imageDigest").asString()).isEqualTo(digest);
        assertThat(image.path("parentDigest").asString()).as("a single manifest is its own parent").isEqualTo(digest);
        assertThat(image.path("analysis_status").asString()).isEqualTo("not_analyzed");
        assertThat(image.path("image_status").asString()).isEqualTo("active");
        assertThat(image.path("userId").asString()).isEqualTo("admin");
        assertThat(image.path("image_type").asString()).isEqualTo("docker");
        JsonNode detail = image.path("image_detail").get(0);
        assertThat(detail.path("fulltag").asString()).isEqualTo(fulltag);
        assertThat(detail.path("registry").asString()).isEqualTo(REGISTRY.hostPort());
        assertThat(detail.path("repo").asString()).isEqualTo(repo);
        assertThat(detail.path("tag").asString()).isEqualTo("1.0");
        assertThat(detail.path("fulldigest").asString()).isEqualTo(REGISTRY.hostPort() + "/" + repo + "@" + digest);
        assertThat(image.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        Response fetched = admin().get("/v1/images/" + digest);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().get(0).path("imageDigest").asString()).isEqualTo(digest);
    }

    @Test
    void reAddingTheSameTagKeepsOneRecordAndOneQueuedJob() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

        Response first = admin().post("/v1/images?autosubscribe=False", Map.of("tag", fulltag));
        Response second = admin().post("/v1/images?autosubscribe=False", Map.of("tag", fulltag));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get(0).path("imageDigest").asString()).isEqualTo(digest);
        assertThat(second.body().get(0).path("image_detail").size()).isEqualTo(1);
        Response listed = admin().get("/v1/images");
        assertThat(listed.body().size()).isEqualTo(1);
        assertThat(dsl.fetch(ANALYSIS_JOB, ANALYSIS_JOB.IMAGE_DIGEST.eq(digest)))
                .singleElement().satisfies(job -> assertThat(job.getState()).isEqualTo("queued"));
    }

    @Test
    void picksTheLinuxAmd64ManifestOfAMultiArchIndex() {
        TestImage amd64 = TestImages.platform(repo, "amd64", null);
        TestImage arm64 = TestImages.platform(repo, "arm64", "v8");
        String index = TestImage.pushIndex(REGISTRY, repo, "multi", ImageFormat.OCI, List.of(arm64, amd64));

        Response added = admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":multi"));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get(0).path("imageDigest").asString()).isEqualTo(amd64.manifestDigest());
        assertThat(added.body().get(0).path("parentDigest").asString()).isEqualTo(index);
    }

    @Test
    void picksThePlatformAskedFor() {
        TestImage amd64 = TestImages.platform(repo, "amd64", null);
        TestImage arm64 = TestImages.platform(repo, "arm64", "v8");
        String index = TestImage.pushIndex(REGISTRY, repo, "multi", ImageFormat.DOCKER, List.of(amd64, arm64));

        Response added = admin().post("/v1/images?platform=linux/arm64/v8",
                Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":multi"));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get(0).path("imageDigest").asString()).isEqualTo(arm64.manifestDigest());
        assertThat(added.body().get(0).path("parentDigest").asString()).isEqualTo(index);
    }

    @Test
    void answersAnUnknownTagWithNotFoundAndLogsTheLookupFailure() {
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":missing";

        Response added = admin().post("/v1/images", Map.of("tag", fulltag));

        assertThat(added.status()).isEqualTo(404);
        assertThat(added.body().path("httpcode").asInt()).isEqualTo(404);
        assertThat(errorCodes(added)).containsExactly("REGISTRY_IMAGE_NOT_FOUND");
        assertThat(dsl.fetch(EVENT_LOG)).singleElement().satisfies((EventLogRecord event) -> {
            assertThat(event.getAccount()).isEqualTo("admin");
            assertThat(event.getLevel()).isEqualTo("error");
            assertThat(event.getType()).isEqualTo("system.image_analysis.registry_lookup_failed");
            assertThat(event.getResourceId()).contains(repo + ":missing");
            assertThat(event.getDetails().data()).contains("REGISTRY_IMAGE_NOT_FOUND");
        });
        assertThat(admin().get("/v1/images").body().size()).as("no record for a failed lookup").isZero();
    }

    @Test
    void reportsARegistryThatCannotBeReached() {
        Response added = admin().post("/v1/images", Map.of("tag", DEAD_REGISTRY + "/" + repo + ":1.0"));

        assertThat(added.status()).as(added.text()).isGreaterThanOrEqualTo(500);
        assertThat(errorCodes(added)).containsExactly("REGISTRY_NOT_ACCESSIBLE");
        assertThat(added.body().path("message").asString()).contains(DEAD_REGISTRY).contains("gave up after 5 attempts");
    }

    @Test
    void refusesARegistryAtAnAddressThatIsNotAllowed() {
        for (String tag : List.of("169.254.169.254/latest/meta-data:iam", "10.0.0.1:5000/app:1.0", "0.0.0.0:5000/app:1.0")) {
            Response added = admin().post("/v1/images", Map.of("tag", tag));

            assertThat(added.status()).as(added.text()).isEqualTo(403);
            assertThat(errorCodes(added)).containsExactly("REGISTRY_ADDRESS_REFUSED");
            assertThat(added.body().path("message").asString()).contains("refused to connect to");
        }
        assertThat(admin().get("/v1/images").body().size()).isZero();
    }

    @Test
    void rejectsInvalidPullStrings() {
        for (String pullString : List.of("registry.example.com/app:1.0 ; rm -rf /", "registry.example.com/app:1.0$x",
                "registry.example.com//app:1.0", "registry.example.com/app:", "")) {
            Response added = admin().post("/v1/images", Map.of("tag", pullString));
            assertThat(added.status()).as("%s → %s", pullString, added.text()).isEqualTo(400);
            assertThat(added.body().path("httpcode").asInt()).isEqualTo(400);
        }
        Response digestAsTag = admin().post("/v1/images",
                Map.of("tag", "registry.example.com/app@sha256:" + "a".repeat(64)));
        assertThat(digestAsTag.status()).as(digestAsTag.text()).isEqualTo(400);
    }

    @Test
    void rejectsASourceMixedWithATopLevelTag() {
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

        Response added = admin().post("/v1/images", Map.of("tag", fulltag,
                "source", Map.of("tag", Map.of("pullstring", fulltag))));

        assertThat(added.status()).as(added.text()).isEqualTo(400);
        assertThat(added.body().path("message").asString()).contains("source");
    }

    @Test
    void rejectsADockerfileThatIsNotBase64() {
        Response added = admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0",
                "dockerfile", "FROM alpine:3.20\nRUN apk add curl"));

        assertThat(added.status()).as(added.text()).isEqualTo(400);
        assertThat(added.body().path("message").asString()).contains("base64");
    }

    @Test
    void acceptsTheNewerSourceFormWithABase64Dockerfile() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String dockerfile = Base64.getEncoder().encodeToString("FROM scratch\n".getBytes(StandardCharsets.UTF_8));

        Response added = admin().post("/v1/images", Map.of("source", Map.of("tag",
                Map.of("pullstring", REGISTRY.hostPort() + "/" + repo + ":1.0", "dockerfile", dockerfile))));

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.body().get(0).path("imageDigest").asString()).isEqualTo(digest);
        assertThat(added.body().get(0).path("image_detail").get(0).path("dockerfile").asString()).isEqualTo(dockerfile);
    }

    @Test
    void mergesAnnotationsOnReAddAndDeletesKeysSetToNull() {
        TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

        admin().post("/v1/images", Map.of("tag", fulltag, "annotations", Map.of("team", "payments", "tier", "1")));
        Response readded = admin().post("/v1/images",
                Map.of("tag", fulltag, "annotations", Map.of("tier", "null", "owner", "alice")));

        assertThat(readded.status()).as(readded.text()).isEqualTo(200);
        assertThat(ApiClient.JSON.convertValue(readded.body().get(0).path("annotations"), Map.class))
                .isEqualTo(Map.of("team", "payments", "owner", "alice"));
    }

    @Test
    void activatesTagUpdateOnlyWhenAutosubscribingAndAnalysisUpdateAlways() {
        TestImages.small(repo + "-a").push(REGISTRY, repo, "watched");
        TestImages.small(repo + "-b").push(REGISTRY, repo, "unwatched");
        String watched = REGISTRY.hostPort() + "/" + repo + ":watched";
        String unwatched = REGISTRY.hostPort() + "/" + repo + ":unwatched";

        assertThat(admin().post("/v1/images?autosubscribe=True", Map.of("tag", watched)).status()).isEqualTo(200);
        assertThat(admin().post("/v1/images", Map.of("tag", unwatched)).status()).isEqualTo(200);

        assertThat(activeByType(watched)).isEqualTo(Map.of("tag_update", true, "analysis_update", true,
                "policy_eval", false, "vuln_update", false));
        assertThat(activeByType(unwatched)).isEqualTo(Map.of("tag_update", false, "analysis_update", true,
                "policy_eval", false, "vuln_update", false));
    }

    @Test
    void publishesImageAddedWithReasonApiAndTheQueuedJob() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";

        assertThat(admin().post("/v1/images", Map.of("tag", fulltag)).status()).isEqualTo(200);

        ImageAdded event = TopicReader.awaitEvents(codec, Topics.IMAGE_ADDED_TOPIC, digest, 1).getFirst();
        UUID job = dsl.select(ANALYSIS_JOB.ID).from(ANALYSIS_JOB).where(ANALYSIS_JOB.IMAGE_DIGEST.eq(digest))
                .fetchSingle(ANALYSIS_JOB.ID);
        assertThat(event.imageDigest()).isEqualTo(digest);
        assertThat(event.reason()).isEqualTo(ImageAddedReason.API);
        assertThat(event.jobId()).isEqualTo(job);
        assertThat(event.fulltag()).isEqualTo(fulltag);
        assertThat(event.previousDigest()).isNull();
        assertThat(event.metadata().account()).isEqualTo("admin");
        assertThat(event.metadata().type()).isEqualTo(Topics.IMAGE_ADDED);
    }

    @Test
    void listsOnlyTheLatestDigestOfATagUnlessHistoryIsAsked() {
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":latest";
        String first = TestImages.small(repo + "-first").push(REGISTRY, repo, "latest");
        assertThat(admin().post("/v1/images", Map.of("tag", fulltag)).status()).isEqualTo(200);
        String second = TestImages.small(repo + "-second").push(REGISTRY, repo, "latest");
        assertThat(admin().post("/v1/images", Map.of("tag", fulltag)).status()).isEqualTo(200);

        Response latest = admin().get("/v1/images?fulltag=" + encode(fulltag));
        Response history = admin().get("/v1/images?fulltag=" + encode(fulltag) + "&history=true");

        assertThat(digests(latest)).containsExactly(second);
        assertThat(digests(history)).containsExactly(second, first);
        assertThat(digests(admin().get("/v1/images"))).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void rejectsAnInvalidFulltagFilter() {
        Response listed = admin().get("/v1/images?fulltag=" + encode("registry.example.com/app:1.0 ; rm"));

        assertThat(listed.status()).as(listed.text()).isEqualTo(400);
        assertThat(listed.body().path("message").asString()).contains("invalid image reference");
    }

    @Test
    void announcesThePreviousDigestWhenATagMoves() {
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":latest";
        String first = TestImages.small(repo + "-first").push(REGISTRY, repo, "latest");
        assertThat(admin().post("/v1/images", Map.of("tag", fulltag)).status()).isEqualTo(200);
        String second = TestImages.small(repo + "-second").push(REGISTRY, repo, "latest");

        assertThat(admin().post("/v1/images", Map.of("tag", fulltag)).status()).isEqualTo(200);

        ImageAdded moved = TopicReader.awaitEvents(codec, Topics.IMAGE_ADDED_TOPIC, second, 1).getFirst();
        assertThat(moved.previousDigest()).isEqualTo(first);
        assertThat(moved.fulltag()).isEqualTo(fulltag);
    }

    @Test
    void checkOfAnImageNotYetAnalysedIsNotFound() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        String fulltag = REGISTRY.hostPort() + "/" + repo + ":1.0";
        admin().post("/v1/images", Map.of("tag", fulltag));

        Response check = admin().get("/v1/images/" + digest + "/check?tag=" + encode(fulltag));

        assertThat(check.status()).isEqualTo(404);
        assertThat(check.body().path("message").asString())
                .isEqualTo("image is not analyzed - analysis_status: not_analyzed");
    }

    @Test
    void checkNeedsATag() {
        String digest = TestImages.small(repo).push(REGISTRY, repo, "1.0");
        admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0"));

        Response check = admin().get("/v1/images/" + digest + "/check");

        assertThat(check.status()).isEqualTo(400);
        assertThat(check.body().path("httpcode").asInt()).isEqualTo(400);
    }

    private Map<String, Boolean> activeByType(String fulltag) {
        Response subscriptions = admin().get("/v1/subscriptions?subscription_key=" + encode(fulltag));
        assertThat(subscriptions.status()).isEqualTo(200);
        Map<String, Boolean> active = new java.util.HashMap<>();
        for (JsonNode subscription : subscriptions.body()) {
            active.put(subscription.path("subscription_type").asString(), subscription.path("active").asBoolean());
        }
        return active;
    }

    private static List<String> digests(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().valueStream().map(image -> image.path("imageDigest").asString()).toList();
    }

    private static List<String> errorCodes(Response response) {
        return response.body().path("detail").path("error_codes").valueStream().map(JsonNode::asString).toList();
    }
}
