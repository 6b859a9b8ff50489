package io.drydock.gateway.image;

import io.drydock.platform.internal.InternalToken;
import io.drydock.platform.net.OutboundHttp;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.SERVICE_INSTANCE;

/**
 * Asks a live policy-worker (found in the service registry; the all-in-one runtime registers as {@code drydock}) to
 * evaluate an image now. Internal traffic: never through the proxy. When no worker answers, the check serves the
 * stored evaluation, which policy-worker keeps current as analyses complete and tags are added.
 */
@Component
public class PolicyWorkerClient {

    private static final Logger log = LoggerFactory.getLogger(PolicyWorkerClient.class);
    private static final Duration LIVE = Duration.ofSeconds(60);

    private final DSLContext dsl;
    private final InternalToken token;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = OutboundHttp.internal()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public PolicyWorkerClient(DSLContext dsl, InternalToken token, JsonMapper json, Clock clock) {
        this.dsl = dsl;
        this.token = token;
        this.json = json;
        this.clock = clock;
    }

    /** True when a policy-worker evaluated (and stored) the image for the tag now. */
    public boolean evaluateNow(String account, String digest, String fulltag, String policyId) {
        List<String> urls = dsl.select(SERVICE_INSTANCE.BASE_URL).from(SERVICE_INSTANCE)
                .where(SERVICE_INSTANCE.SERVICENAME.in("policy-worker", "drydock"),
                        SERVICE_INSTANCE.HEARTBEAT_AT.gt(utc(clock.instant().minus(LIVE))))
                .orderBy(SERVICE_INSTANCE.HEARTBEAT_AT.desc())
                .fetch(SERVICE_INSTANCE.BASE_URL);
        Map<String, Object> body = new HashMap<>();
        body.put("account", account);
        body.put("imageDigest", digest);
        body.put("fulltag", fulltag);
        body.put("policyId", policyId);
        for (String url : urls) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/internal/evaluations"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header(InternalToken.HEADER, token.value())
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
                log.warn("policy-worker at {} answered {} to an evaluation request; {}", url, response.statusCode(),
                        response.statusCode() == 401 ? "set the same drydock.internal.token on every service" : response.body());
            } catch (IOException e) {
                log.warn("policy-worker at {} unreachable for an evaluation request: {}", url, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
