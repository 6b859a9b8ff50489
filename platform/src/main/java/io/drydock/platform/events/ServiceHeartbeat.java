package io.drydock.platform.events;

import org.jooq.DSLContext;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.SERVICE_INSTANCE;

/**
 * Keeps this process in the service registry: synchronous internal calls look up a live instance's base URL here
 * (never through the proxy), and {@code GET /v1/system} reports who is up.
 */
@Component
public class ServiceHeartbeat {

    private final DSLContext dsl;
    private final ServiceIdentity identity;
    private final Clock clock;
    private final Environment environment;
    private final Instant startedAt;

    public ServiceHeartbeat(DSLContext dsl, ServiceIdentity identity, Clock clock, Environment environment) {
        this.dsl = dsl;
        this.identity = identity;
        this.clock = clock;
        this.environment = environment;
        this.startedAt = clock.instant();
    }

    /**
     * Where other services reach this one: {@code drydock.base-url} (set it in a distributed deployment, e.g. the
     * pod's address), else loopback with the port the web server actually listens on.
     */
    String baseUrl() {
        String configured = environment.getProperty("drydock.base-url");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return "http://127.0.0.1:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    @Scheduled(fixedDelayString = "${drydock.heartbeat-interval:15s}")
    public void beat() {
        String baseUrl = baseUrl();
        Instant now = clock.instant();
        dsl.insertInto(SERVICE_INSTANCE)
                .set(SERVICE_INSTANCE.SERVICENAME, identity.serviceName())
                .set(SERVICE_INSTANCE.HOSTID, identity.hostId())
                .set(SERVICE_INSTANCE.BASE_URL, baseUrl)
                .set(SERVICE_INSTANCE.VERSION, "drydock-0.1.0")
                .set(SERVICE_INSTANCE.STARTED_AT, utc(startedAt))
                .set(SERVICE_INSTANCE.HEARTBEAT_AT, utc(now))
                .onConflict(SERVICE_INSTANCE.SERVICENAME, SERVICE_INSTANCE.HOSTID).doUpdate()
                .set(SERVICE_INSTANCE.BASE_URL, baseUrl)
                .set(SERVICE_INSTANCE.HEARTBEAT_AT, utc(now))
                .execute();
    }
}
