package io.drydock.gateway.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drydock.gateway.ApiClient;
import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.gateway.vulnerability.VulnerabilityData;
import io.drydock.platform.internal.InternalToken;
import io.drydock.testkit.LocalServers;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.SERVICE_INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /system/feeds} (§1.2): the list read from feed-worker's tables, and the changes forwarded to a feed-worker
 * found in the service registry — here a loopback server standing in for it, which checks the internal token and
 * changes the tables as feed-worker would. The gateway runs as {@code api-gateway} (GatewayIT), so it is not a
 * feed-worker itself.
 */
class FeedApiIT extends GatewayIT {

    private static final String USER_ACCOUNT = "feeds-reader";
    private static final String USER = "feeds-reader-user";
    private static final String PASSWORD = "reader-secret-1";
    private static final Instant CREATED = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant SYNCED = Instant.parse("2024-06-01T09:00:00Z");
    private static final String SYNC_RESULT = """
            [{"feed": "vulnerabilities", "status": "success", "total_time_seconds": 4.2,
              "groups": [{"group": "debian:12", "status": "success", "updated_image_count": 0,
                          "updated_record_count": 12, "total_time_seconds": 4.1}]}]""";

    @Autowired
    DSLContext dsl;
    @Autowired
    VulnerabilityData data;
    @Autowired
    InternalToken token;

    private HttpServer feedWorker;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** What the stand-in answers a sync with, and the token it accepts (null: the gateway's). */
    private volatile String syncAnswer = SYNC_RESULT;
    private volatile String acceptedToken;

    /** A request the stand-in feed-worker received. */
    record Received(String method, String pathAndQuery, String token, String contentType, String body) {
    }

    @BeforeEach
    void feedsAndAFeedWorker() throws IOException {
        data.reset();
        data.feed("vulnerabilities", true, CREATED, SYNCED);
        data.group("vulnerabilities", "debian:12", "Debian:12", true, CREATED, SYNCED, 31_042, null);
        data.group("vulnerabilities", "github:java", "Maven", true, CREATED, null, 0, null);
        data.feed("nvd", true, CREATED, null);
        data.group("nvd", "nvd:cves", "NVD", false, CREATED, SYNCED, 250_000,
                "https://services.nvd.nist.gov answered 503 Service Unavailable");
        dsl.deleteFrom(SERVICE_INSTANCE).execute();
        feedWorker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feedWorker.createContext("/internal/feeds", this::handle);
        feedWorker.start();
    }

    @AfterEach
    void stopFeedWorker() {
        feedWorker.stop(0);
    }

    @Test
    void listsFeedsAndGroupsWithTheirSyncStateToAnyUser() {
        VulnerabilityData.ensureAccount(admin(), USER_ACCOUNT, USER, PASSWORD);
        assertThat(ApiClient.anonymous(port).get("/v1/system/feeds").status()).isEqualTo(401);
        Response response = as(USER, PASSWORD).get("/v1/system/feeds/");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode feeds = response.body();
        assertThat(feeds.size()).isEqualTo(2);
        JsonNode nvd = feeds.get(0);
        assertThat(nvd.path("name").asString()).isEqualTo("nvd");
        assertThat(nvd.path("last_full_sync").isNull()).isTrue();
        JsonNode nvdGroup = nvd.path("groups").get(0);
        assertThat(nvdGroup.path("enabled").asBoolean(true)).isFalse();
        assertThat(nvdGroup.path("last_attempt_status").asString()).isEqualTo("failure");
        assertThat(nvdGroup.path("last_error").asString()).contains("503 Service Unavailable");
        assertThat(nvdGroup.path("last_sync").asString()).as("the last good sync stays").isEqualTo("2024-06-01T09:00:00Z");

        JsonNode vulnerabilities = feeds.get(1);
        assertThat(vulnerabilities.path("name").asString()).isEqualTo("vulnerabilities");
        assertThat(vulnerabilities.path("created_at").asString()).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(vulnerabilities.path("updated_at").asString()).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(vulnerabilities.path("last_full_sync").asString()).isEqualTo("2024-06-01T09:00:00Z");
        assertThat(vulnerabilities.path("enabled").asBoolean()).isTrue();
        JsonNode debian = vulnerabilities.path("groups").get(0);
        assertThat(debian.path("name").asString()).isEqualTo("debian:12");
        assertThat(debian.path("created_at").asString()).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(debian.path("last_sync").asString()).isEqualTo("2024-06-01T09:00:00Z");
        assertThat(debian.path("record_count").asInt()).isEqualTo(31_042);
        assertThat(debian.path("enabled").asBoolean()).isTrue();
        assertThat(debian.path("last_attempt_status").asString()).isEqualTo("success");
        assertThat(debian.path("last_error").isNull()).isTrue();
        JsonNode java = vulnerabilities.path("groups").get(1);
        assertThat(java.path("last_sync").isNull()).as("never synced").isTrue();
        assertThat(java.path("last_attempt_status").isNull()).isTrue();
    }

    @Test
    void syncsThroughFeedWorkerWithTheInternalTokenAndAnswersItsResultAsItIs() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());

        Response response = admin().post("/v1/system/feeds?flush=True", "");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ApiClient.JSON.readTree(SYNC_RESULT));
        assertThat(received).hasSize(1);
        Received sync = received.getFirst();
        assertThat(sync.method()).isEqualTo("POST");
        assertThat(sync.pathAndQuery()).isEqualTo("/internal/feeds/sync");
        assertThat(sync.token()).isEqualTo(token.value());
        assertThat(sync.contentType()).isEqualTo("application/json");
        assertThat(ApiClient.JSON.readTree(sync.body())).isEqualTo(ApiClient.JSON.readTree("{\"flush\": true}"));

        assertThat(admin().post("/v1/system/feeds", "").status()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(received.get(1).body()).path("flush").asBoolean(true)).isFalse();
    }

    @Test
    void changesFeedsOnlyForAdmins() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());
        VulnerabilityData.ensureAccount(admin(), USER_ACCOUNT, USER, PASSWORD);
        ApiClient user = as(USER, PASSWORD);
        assertThat(user.post("/v1/system/feeds", "").status()).isEqualTo(403);
        assertThat(user.put("/v1/system/feeds/vulnerabilities?enabled=false", "").status()).isEqualTo(403);
        assertThat(user.put("/v1/system/feeds/vulnerabilities/debian:12?enabled=false", "").status()).isEqualTo(403);
        assertThat(user.delete("/v1/system/feeds/vulnerabilities").status()).isEqualTo(403);
        assertThat(user.delete("/v1/system/feeds/vulnerabilities/debian:12").status()).isEqualTo(403);
        assertThat(received).as("nothing reached feed-worker").isEmpty();
    }

    @Test
    void disablesAndEnablesAFeedAndAGroupAndAnswersTheirNewState() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());

        Response feed = admin().put("/v1/system/feeds/vulnerabilities?enabled=False", "");
        assertThat(feed.status()).as(feed.text()).isEqualTo(200);
        assertThat(feed.body().path("name").asString()).isEqualTo("vulnerabilities");
        assertThat(feed.body().path("enabled").asBoolean(true)).isFalse();
        assertThat(feed.body().path("groups").size()).isEqualTo(2);
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().pathAndQuery()).isEqualTo("/internal/feeds/vulnerabilities?enabled=false");
        assertThat(received.getFirst().token()).isEqualTo(token.value());

        Response group = admin().put("/v1/system/feeds/vulnerabilities/debian:12?enabled=false", "");
        assertThat(group.status()).as(group.text()).isEqualTo(200);
        assertThat(group.body().isArray()).isTrue();
        assertThat(group.body().get(0).path("name").asString()).isEqualTo("vulnerabilities");
        assertThat(group.body().get(0).path("groups").get(0).path("enabled").asBoolean(true)).isFalse();
        assertThat(received.get(1).pathAndQuery()).isEqualTo("/internal/feeds/vulnerabilities/debian:12?enabled=false");

        assertThat(admin().put("/v1/system/feeds/vulnerabilities?enabled=true", "").body().path("enabled").asBoolean())
                .isTrue();
        assertThat(admin().put("/v1/system/feeds/vulnerabilities", "").status()).as("enabled is required")
                .isEqualTo(400);
    }

    @Test
    void deletesAFeedOrAGroupAndAnswersNotFoundForAnUnknownOne() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());

        Response group = admin().delete("/v1/system/feeds/vulnerabilities/github:java");
        assertThat(group.status()).as(group.text()).isEqualTo(200);
        assertThat(received.getFirst().method()).isEqualTo("DELETE");
        assertThat(received.getFirst().pathAndQuery()).isEqualTo("/internal/feeds/vulnerabilities/github:java");
        assertThat(admin().get("/v1/system/feeds").body().get(1).path("groups").size()).isEqualTo(1);

        assertThat(admin().delete("/v1/system/feeds/nvd").status()).isEqualTo(200);
        assertThat(admin().get("/v1/system/feeds").body().size()).isEqualTo(1);

        Response unknown = admin().delete("/v1/system/feeds/vulndb");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("message").asString()).isEqualTo("Resource feed vulndb not found");
        Response unknownGroup = admin().put("/v1/system/feeds/vulndb/vulndb:vulnerabilities?enabled=true", "");
        assertThat(unknownGroup.status()).isEqualTo(404);
    }

    @Test
    void passesOnFeedWorkersRefusalWithItsErrorCode() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());
        Response busy = admin().put("/v1/system/feeds/busy?enabled=true", "");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body().path("message").asString()).isEqualTo("a feed sync is in progress");
        assertThat(busy.body().path("detail").path("error_codes").get(0).asString())
                .isEqualTo("FEED_SYNC_ALREADY_IN_PROGRESS");
    }

    @Test
    void answersBadGatewayWhenFeedWorkerRefusesTheTokenOrAnswersNonsense() {
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now());
        acceptedToken = "a-token-of-another-deployment";
        Response refused = admin().post("/v1/system/feeds", "");
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.body().path("message").asString()).contains("drydock.internal.token");

        acceptedToken = null;
        syncAnswer = "";
        Response empty = admin().post("/v1/system/feeds", "");
        assertThat(empty.status()).isEqualTo(502);
        assertThat(empty.body().path("message").asString())
                .isEqualTo("feed-worker answered the sync with nothing, not a list of sync results");
    }

    @Test
    void skipsAnInstanceThatRefusesConnectionsAndUsesTheNextLiveOne() {
        int deadPort = LocalServers.freeLoopbackPort();
        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(), Instant.now().minusSeconds(10));
        register("drydock", "http://127.0.0.1:" + deadPort, Instant.now());

        Response response = admin().post("/v1/system/feeds", "");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(received).hasSize(1);
    }

    @Test
    void answersServiceUnavailableWhenNoFeedWorkerIsRunning() {
        Response none = admin().post("/v1/system/feeds", "");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.body().path("message").asString()).startsWith("no feed-worker is running");

        register("feed-worker", "http://127.0.0.1:" + feedWorker.getAddress().getPort(),
                Instant.now().minusSeconds(300));
        Response stale = admin().put("/v1/system/feeds/vulnerabilities?enabled=false", "");
        assertThat(stale.status()).as("an instance without a recent heartbeat is not running").isEqualTo(503);

        register("feed-worker", "http://127.0.0.1:" + LocalServers.freeLoopbackPort(), Instant.now());
        Response unreachable = admin().delete("/v1/system/feeds/nvd");
        assertThat(unreachable.status()).isEqualTo(503);
        assertThat(unreachable.body().path("message").asString()).startsWith("no feed-worker could be reached");
        assertThat(received).isEmpty();
        assertThat(admin().get("/v1/system/feeds").body().size()).as("nothing was changed").isEqualTo(2);
    }

    private void register(String service, String baseUrl, Instant heartbeat) {
        dsl.insertInto(SERVICE_INSTANCE)
                .set(SERVICE_INSTANCE.SERVICENAME, service)
                .set(SERVICE_INSTANCE.HOSTID, service + "-test")
                .set(SERVICE_INSTANCE.BASE_URL, baseUrl)
                .set(SERVICE_INSTANCE.VERSION, "test")
                .set(SERVICE_INSTANCE.STARTED_AT, utc(heartbeat))
                .set(SERVICE_INSTANCE.HEARTBEAT_AT, utc(heartbeat))
                .onConflict(SERVICE_INSTANCE.SERVICENAME, SERVICE_INSTANCE.HOSTID).doUpdate()
                .set(SERVICE_INSTANCE.BASE_URL, baseUrl)
                .set(SERVICE_INSTANCE.HEARTBEAT_AT, utc(heartbeat))
                .execute();
    }

    /** feed-worker's side of the internal contract, changing the tables as feed-worker does. */
    private void handle(HttpExchange exchange) throws IOException {
        String presented = exchange.getRequestHeaders().getFirst(InternalToken.HEADER);
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), presented,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (acceptedToken == null ? !token.matches(presented) : !acceptedToken.equals(presented)) {
            answer(exchange, 401, "");
            return;
        }
        List<String> segments = List.of(path.substring("/internal/feeds/".length()).split("/"));
        String feed = segments.getFirst();
        String group = segments.size() > 1 ? segments.get(1) : null;
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.equals("/internal/feeds/sync")) {
            answer(exchange, 200, syncAnswer);
        } else if (feed.equals("busy")) {
            answer(exchange, 409, "{\"message\": \"a feed sync is in progress\", \"httpcode\": 409,"
                    + " \"detail\": {\"error_codes\": [\"FEED_SYNC_ALREADY_IN_PROGRESS\"]}}");
        } else if (!dsl.fetchExists(FEED, FEED.NAME.eq(feed))) {
            answer(exchange, 404, "{\"message\": \"Resource feed " + feed + " not found\", \"httpcode\": 404,"
                    + " \"detail\": {}}");
        } else if (method.equals("PUT")) {
            boolean enabled = Boolean.parseBoolean(query.substring("enabled=".length()));
            if (group == null) {
                dsl.update(FEED).set(FEED.ENABLED, enabled).where(FEED.NAME.eq(feed)).execute();
            } else {
                dsl.update(FEED_GROUP).set(FEED_GROUP.ENABLED, enabled)
                        .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).execute();
            }
            answer(exchange, 200, "{}");
        } else if (method.equals("DELETE")) {
            if (group == null) {
                dsl.deleteFrom(FEED).where(FEED.NAME.eq(feed)).execute();
            } else {
                dsl.deleteFrom(FEED_GROUP).where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).execute();
            }
            answer(exchange, 200, "");
        } else {
            answer(exchange, 405, "");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
