package io.drydock.feeds.internal;

import io.drydock.feeds.FeedWorkerTestApplication;
import io.drydock.feeds.OsvArchives;
import io.drydock.platform.internal.InternalToken;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.KafkaProbe;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.FEED_SYNC;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The internal endpoints the gateway's {@code /system/feeds} calls, over real HTTP, with two configured local sources
 * (npm and PyPI, as an air-gapped install has them).
 */
@SpringBootTest(classes = FeedWorkerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"drydock.feeds.enabled=false", "drydock.internal.token=feeds-test-token"})
class InternalFeedControllerIT {

    private static final Path SOURCES = sources();

    @LocalServerPort
    int port;
    @Autowired
    DSLContext dsl;
    @Autowired
    JsonMapper json;
    @Autowired
    EventCodec codec;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("drydock.feeds.sources[0].ecosystem", () -> "npm");
        registry.add("drydock.feeds.sources[0].path", () -> SOURCES.resolve("npm").toString());
        registry.add("drydock.feeds.sources[1].ecosystem", () -> "PyPI");
        registry.add("drydock.feeds.sources[1].path", () -> SOURCES.resolve("pypi.zip").toString());
    }

    private static Path sources() {
        try {
            Path root = Files.createTempDirectory("drydock-feed-sources");
            OsvArchives.directory(root.resolve("npm"), Map.of("GHSA-35jh-r3h4-6jhm", OsvArchives.record("npm", "GHSA-35jh-r3h4-6jhm"),
                    "GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m")));
            Files.write(root.resolve("pypi.zip"), OsvArchives.zip(Map.of("PYSEC-2014-13", OsvArchives.record("PyPI", "PYSEC-2014-13"))));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void emptyFeeds() {
        TestPostgres.shared().truncate("feed", "feed_sync", "vulnerability_fix_observation", "outbox", "event_log");
    }

    @Test
    void refusesCallsWithoutTheInternalToken() throws Exception {
        assertThat(send("POST", "/internal/feeds/sync", "{}", null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/internal/feeds/vulnerabilities", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(dsl.fetchCount(FEED)).isZero();
    }

    @Test
    void syncsSynchronouslyAndAnswersTheResultPerGroup() throws Exception {
        HttpResponse<String> response = send("POST", "/internal/feeds/sync", "{\"flush\": false}", "feeds-test-token");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json.readTree(response.body());
        assertThat(results.size()).isEqualTo(1);
        JsonNode feed = results.get(0);
        assertThat(feed.get("feed").asString()).isEqualTo("vulnerabilities");
        assertThat(feed.get("status").asString()).isEqualTo("success");
        assertThat(feed.get("total_time_seconds").isNumber()).isTrue();
        assertThat(feed.get("groups").size()).isEqualTo(2);
        JsonNode npm = feed.get("groups").get(0);
        assertThat(npm.get("group").asString()).isEqualTo("github:npm");
        assertThat(npm.get("status").asString()).isEqualTo("success");
        assertThat(npm.get("updated_record_count").asInt()).isEqualTo(2);
        assertThat(npm.get("updated_image_count").asInt()).isZero();
        assertThat(npm.has("total_time_seconds")).isTrue();

        HttpResponse<String> withoutBody = send("POST", "/internal/feeds/sync", null, "feeds-test-token");
        assertThat(withoutBody.statusCode()).isEqualTo(200);
        assertThat(json.readTree(withoutBody.body()).get(0).get("groups").get(0).get("updated_record_count").asInt()).isZero();
    }

    @Test
    void disabledFeedsAndGroupsAreSkippedAndKeepTheirData() throws Exception {
        send("POST", "/internal/feeds/sync", "{\"flush\": false}", "feeds-test-token");

        HttpResponse<String> disabled = send("PUT", "/internal/feeds/vulnerabilities?enabled=false", null, "feeds-test-token");

        assertThat(disabled.statusCode()).isEqualTo(200);
        JsonNode metadata = json.readTree(disabled.body());
        assertThat(metadata.get("name").asString()).isEqualTo("vulnerabilities");
        assertThat(metadata.get("enabled").asBoolean()).isFalse();
        assertThat(metadata.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(metadata.get("last_full_sync").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(metadata.get("groups")).extracting(group -> group.get("name").asString() + "=" + group.get("record_count").asInt())
                .containsExactly("github:npm=2", "github:python=1");
        JsonNode skipped = json.readTree(send("POST", "/internal/feeds/sync", "{\"flush\": true}", "feeds-test-token").body());
        assertThat(skipped.get(0).get("groups").size()).isZero();
        assertThat(dsl.fetchCount(VULNERABILITY)).isEqualTo(3);

        send("PUT", "/internal/feeds/vulnerabilities?enabled=true", null, "feeds-test-token");
        HttpResponse<String> groupDisabled = send("PUT", "/internal/feeds/vulnerabilities/github:npm?enabled=false", null,
                "feeds-test-token");
        assertThat(groupDisabled.statusCode()).isEqualTo(200);
        JsonNode feeds = json.readTree(groupDisabled.body());
        assertThat(feeds.get(0).get("groups").get(0).get("enabled").asBoolean()).isFalse();
        assertThat(feeds.get(0).get("groups").get(0).get("last_sync").asString()).isNotBlank();
        JsonNode flushed = json.readTree(send("POST", "/internal/feeds/sync", "{\"flush\": true}", "feeds-test-token").body());
        assertThat(flushed.get(0).get("groups")).extracting(group -> group.get("group").asString()).containsExactly("github:python");
        assertThat(dsl.fetchCount(VULNERABILITY, VULNERABILITY.GROUP_NAME.eq("github:npm"))).isEqualTo(2);

        assertThat(send("PUT", "/internal/feeds/nvd?enabled=true", null, "feeds-test-token").statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/internal/feeds/vulnerabilities/debian:12?enabled=true", null, "feeds-test-token").statusCode())
                .isEqualTo(404);
    }

    @Test
    void deletingAGroupOrAFeedRemovesItsDataUntilTheNextSyncRecreatesIt() throws Exception {
        send("POST", "/internal/feeds/sync", "{\"flush\": false}", "feeds-test-token");

        assertThat(send("DELETE", "/internal/feeds/vulnerabilities/github:npm", null, "feeds-test-token").statusCode()).isEqualTo(200);

        assertThat(dsl.fetchCount(VULNERABILITY, VULNERABILITY.GROUP_NAME.eq("github:npm"))).isZero();
        assertThat(dsl.fetchCount(FEED_GROUP)).isEqualTo(1);
        var removal = dsl.select(FEED_SYNC.ID, FEED_SYNC.STATUS, FEED_SYNC.RECORDS_REMOVED).from(FEED_SYNC)
                .where(FEED_SYNC.GROUP_NAME.eq("github:npm")).orderBy(FEED_SYNC.STARTED_AT.desc(), FEED_SYNC.ID.desc()).limit(1)
                .fetchOne();
        assertThat(List.of(removal.value2(), removal.value3())).as("the removal is recorded as a sync").containsExactly("success", 2);
        await("removal announced for re-matching").atMost(ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaProbe.records(Topics.FEED_UPDATED, "vulnerabilities/github:npm").stream()
                        .map(record -> codec.decode(Topics.FEED_UPDATED_TOPIC, record))
                        .filter(event -> event.syncId().equals(removal.value1())))
                        .singleElement().satisfies(event -> assertThat(event.recordsRemoved()).isEqualTo(2)));
        assertThat(send("DELETE", "/internal/feeds/vulnerabilities/github:npm", null, "feeds-test-token").statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/internal/feeds/vulnerabilities", null, "feeds-test-token").statusCode()).isEqualTo(200);
        assertThat(dsl.fetchCount(FEED)).isZero();
        assertThat(dsl.fetchCount(VULNERABILITY)).isZero();
        assertThat(send("DELETE", "/internal/feeds/vulnerabilities", null, "feeds-test-token").statusCode()).isEqualTo(404);

        send("POST", "/internal/feeds/sync", "{}", "feeds-test-token");
        assertThat(dsl.fetchCount(VULNERABILITY)).isEqualTo(3);
        assertThat(dsl.fetchCount(FEED_GROUP)).isEqualTo(2);
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header(InternalToken.HEADER, token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
