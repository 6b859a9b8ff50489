package io.drydock.platform.policy;

import java.time.Instant;

/**
 * A stored policy bundle of an account.
 *
 * @param bundle       the bundle document as JSON, as the user gave it
 * @param bundleDigest sha256 of the bundle document; part of an evaluation's key
 */
public record PolicyBundleRecord(
        String account,
        String policyId,
        String name,
        String description,
        boolean active,
        String policySource,
        String bundle,
        String bundleDigest,
        Instant createdAt,
        Instant lastUpdated) {
}
