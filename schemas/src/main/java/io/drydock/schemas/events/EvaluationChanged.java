package io.drydock.schemas.events;

import java.util.List;

/**
 * For (account, digest, tag) the final action and/or the vulnerability set changed. Key: image digest.
 *
 * @param metadata    event metadata; the account the evaluation belongs to
 * @param imageDigest the evaluated digest
 * @param fulltag     the evaluated tag, {@code registry/repo:tag}
 * @param changes     what changed
 * @param before      the previous evaluation, {@code null} for the first one
 * @param after       the new evaluation; {@code null} only for a {@code VULN_UPDATE} of an account without an active
 *                    bundle (the added/removed vulnerabilities are in {@code image_vulnerability_change} under
 *                    {@code metadata.eventId})
 */
public record EvaluationChanged(
        EventMetadata metadata,
        String imageDigest,
        String fulltag,
        List<EvaluationChangeKind> changes,
        EvaluationSummary before,
        EvaluationSummary after) implements DrydockEvent {
}
