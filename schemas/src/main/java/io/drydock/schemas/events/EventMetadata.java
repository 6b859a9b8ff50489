package io.drydock.schemas.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries besides its payload.
 *
 * @param eventId    unique per event (UUIDv7, time ordered); consumers de-duplicate by it
 * @param type       the event type, e.g. {@code image-added}; equals the topic name without prefix
 * @param version    the schema version of the payload; a consumer parks events of a version newer than it knows
 * @param occurredAt when the fact happened (UTC)
 * @param account    the account the event belongs to; {@code null} for global events (feeds, shared analyses)
 */
public record EventMetadata(UUID eventId, String type, int version, Instant occurredAt, String account) {
}
