package io.drydock.schemas.events;

import java.util.UUID;

/**
 * One sync of one feed group finished and changed data. Key: {@code feed/group}. The affected packages are stored by
 * sync id for the matcher to read; they never travel on the wire.
 *
 * @param metadata       event metadata; no account (feeds are global)
 * @param syncId         the sync whose changes are stored
 * @param feed           the feed, e.g. {@code vulnerabilities}
 * @param group          the group, e.g. {@code debian:12}
 * @param recordsAdded   records new in this sync
 * @param recordsUpdated records changed in this sync
 * @param recordsRemoved records withdrawn or removed in this sync
 */
public record FeedUpdated(
        EventMetadata metadata,
        UUID syncId,
        String feed,
        String group,
        int recordsAdded,
        int recordsUpdated,
        int recordsRemoved) implements DrydockEvent {
}
