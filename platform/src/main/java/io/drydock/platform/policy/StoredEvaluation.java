package io.drydock.platform.policy;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored policy evaluation of (account, digest, tag, bundle digest).
 *
 * @param result       the Anchore-shaped PolicyEvaluation document (JSON)
 * @param resultDigest digest of the result without its timestamps: equal digests mean nothing changed
 */
public record StoredEvaluation(
        UUID id,
        String account,
        String imageDigest,
        String tag,
        String policyId,
        String bundleDigest,
        String finalAction,
        String status,
        String result,
        String resultDigest,
        Instant createdAt,
        Instant lastEvaluatedAt) {
}
