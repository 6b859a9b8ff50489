package io.drydock.platform.events;

import io.drydock.platform.messaging.Events;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.EVENT_LOG;

/**
 * The append-only events log (GET /v1/events). Every service writes to it in its own transactions; rows are
 * purged only by retention.
 */
@Repository
public class EventLog {

    /** The account system events are stored under, as in Anchore. */
    public static final String SYSTEM_ACCOUNT = "admin";

    private final DSLContext dsl;
    private final JsonMapper json;
    private final Clock clock;
    private final ServiceIdentity identity;

    public EventLog(DSLContext dsl, JsonMapper json, Clock clock, ServiceIdentity identity) {
        this.dsl = dsl;
        this.json = json;
        this.clock = clock;
        this.identity = identity;
    }

    /** Appends an event, e.g. {@code user.image.analysis.failed} at level {@code error}. */
    public void append(String account, String type, String level, String message, String resourceType,
                       String resourceId, Map<String, ?> details) {
        dsl.insertInto(EVENT_LOG)
                .set(EVENT_LOG.ID, Events.UuidV7.next(clock))
                .set(EVENT_LOG.ACCOUNT, account)
                .set(EVENT_LOG.TYPE, type)
                .set(EVENT_LOG.LEVEL, level)
                .set(EVENT_LOG.MESSAGE, message)
                .set(EVENT_LOG.DETAILS, JSONB.valueOf(json.writeValueAsString(details == null ? Map.of() : details)))
                .set(EVENT_LOG.RESOURCE_TYPE, resourceType)
                .set(EVENT_LOG.RESOURCE_ID, resourceId)
                .set(EVENT_LOG.SOURCE_SERVICE, identity.serviceName())
                .set(EVENT_LOG.SOURCE_HOST, identity.hostId())
                .set(EVENT_LOG.CREATED_AT, utc(clock.instant()))
                .execute();
    }
}
