package io.drydock.policy.gate;

import java.time.Instant;

/**
 * State of the vulnerability data serving one distro namespace (e.g. {@code debian:12}).
 *
 * @param dataPresent  whether any vulnerability records exist for the namespace
 * @param lastSyncedAt when the feed group was last synced; null if never
 */
public record FeedStatus(String namespace, boolean dataPresent, Instant lastSyncedAt) {}
