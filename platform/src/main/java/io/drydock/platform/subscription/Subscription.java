package io.drydock.platform.subscription;

import java.time.Instant;

/** An account's subscription, as Anchore defines it (§7.1 of the reference). */
public record Subscription(
        String account,
        String subscriptionId,
        String subscriptionKey,
        String subscriptionType,
        String subscriptionValue,
        boolean active,
        Instant createdAt,
        Instant lastUpdated) {
}
