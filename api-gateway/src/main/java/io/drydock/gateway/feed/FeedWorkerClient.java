package io.drydock.gateway.feed;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.internal.InternalToken;
import io.drydock.platform.net.OutboundHttp;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.SERVICE_INSTANCE;

/**
 * Feed changes are feed-worker's: the gateway forwards them to a live feed-worker's {@code /internal/feeds} (found in
 * the service registry; the all-in-one runtime registers as {@code drydock}), with the internal token, never through
 * the proxy. An instance that refuses the connection is skipped for the next one; one that accepted the request but
 * did not answer in time is not asked again, so a slow sync is never started twice.
 */
@Component
public class FeedWorkerClient {

    private static final Logger log = LoggerFactory.getLogger(FeedWorkerClient.class);
    /** Three missed heartbeats (15 s apart by default) and an instance counts as down, as for GET /system. */
    private static final Duration LIVE = Duration.ofSeconds(60);
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final InternalToken token;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration syncTimeout;
    private final HttpClient http = OutboundHttp.internal()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param syncTimeout how long a synchronous {@code POST /system/feeds} may take: a first sync of every group
     *                    downloads whole databases
     */
    public FeedWorkerClient(DSLContext dsl, InternalToken token, JsonMapper json, Clock clock,
                            @Value("${drydock.feeds.sync-timeout:PT30M}") Duration syncTimeout) {
        this.dsl = dsl;
        this.token = token;
        this.json = json;
        this.clock = clock;
        this.syncTimeout = syncTimeout;
    }

    /** {@code POST /internal/feeds/sync} with {@code {"flush": …}}: feed-worker's {@code [FeedSyncResult]}. */
    public JsonNode sync(boolean flush) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flush", flush);
        JsonNode results = send("POST", "/internal/feeds/sync",
                HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)), syncTimeout);
        if (!results.isArray()) {
            throw new ApiException(502, "feed-worker answered the sync with " + (results.isMissingNode() ? "nothing"
                    : "a " + results.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ", not a list of"
                    + " sync results", Map.of());
        }
        return results;
    }

    /** {@code PUT /internal/feeds/{feed}[/{group}]?enabled=…}. */
    public JsonNode setEnabled(String feed, String group, boolean enabled) {
        return send("PUT", path(feed, group) + "?enabled=" + enabled, HttpRequest.BodyPublishers.noBody(),
                Duration.ofMinutes(1));
    }

    /** {@code DELETE /internal/feeds/{feed}[/{group}]}: the data goes, and the metadata with it. */
    public JsonNode delete(String feed, String group) {
        return send("DELETE", path(feed, group), HttpRequest.BodyPublishers.noBody(), Duration.ofMinutes(10));
    }

    private static String path(String feed, String group) {
        return "/internal/feeds/" + segment(feed) + (group == null ? "" : "/" + segment(group));
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%3A", ":");
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, Duration timeout) {
        List<String> urls = dsl.select(SERVICE_INSTANCE.BASE_URL).from(SERVICE_INSTANCE)
                .where(SERVICE_INSTANCE.SERVICENAME.in("feed-worker", "drydock"),
                        SERVICE_INSTANCE.HEARTBEAT_AT.gt(utc(clock.instant().minus(LIVE))))
                .orderBy(SERVICE_INSTANCE.HEARTBEAT_AT.desc())
                .fetch(SERVICE_INSTANCE.BASE_URL);
        if (urls.isEmpty()) {
            throw new ApiException(503, "no feed-worker is running: none has a heartbeat in the service registry"
                    + " within the last " + LIVE.toSeconds() + " s; start feed-worker (or the all-in-one runtime)",
                    Map.of());
        }
        for (String url : urls) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header(InternalToken.HEADER, token.value())
                    .method(method, body)
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                log.warn("feed-worker at {} unreachable for {} {}: {}; trying the next instance", url, method, path,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                continue;
            } catch (HttpTimeoutException e) {
                throw new ApiException(504, "feed-worker at " + url + " did not answer " + method + " " + path
                        + " within " + timeout.toSeconds() + " s; it may still be working (see GET /system/feeds)",
                        Map.of());
            } catch (IOException e) {
                throw new ApiException(502, "feed-worker at " + url + " failed on " + method + " " + path + ": "
                        + e.getMessage(), Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "interrupted while waiting for feed-worker", Map.of());
            }
            return answer(url, method, path, response);
        }
        throw new ApiException(503, "no feed-worker could be reached (tried " + String.join(", ", urls) + ")",
                Map.of());
    }

    /** 2xx: the body; an error in Anchore's shape keeps its status and message (404 unknown feed, 409 busy). */
    private JsonNode answer(String url, String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status / 100 == 2) {
            return body == null ? MissingNode.getInstance() : body;
        }
        if (status == 401 || status == 403) {
            log.error("feed-worker at {} refused the internal token; set the same drydock.internal.token on every"
                    + " service", url);
            throw new ApiException(502, "feed-worker refused this gateway's internal token; set the same"
                    + " drydock.internal.token on every service", Map.of());
        }
        if (body != null && body.hasNonNull("message")) {
            Map<String, Object> detail = body.has("detail") && body.get("detail").isObject()
                    ? json.convertValue(body.get("detail"), DETAIL) : Map.of();
            throw new ApiException(status, body.get("message").asString(), detail);
        }
        throw new ApiException(502, "feed-worker at " + url + " answered " + method + " " + path + " with HTTP "
                + status + ": " + abbreviate(response.body()), Map.of());
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
