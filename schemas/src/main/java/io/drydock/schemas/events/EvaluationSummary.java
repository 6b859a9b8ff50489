package io.drydock.schemas.events;

import java.util.UUID;

/**
 * A small summary of one stored evaluation.
 *
 * @param evaluationId       the stored evaluation row
 * @param policyId           the bundle evaluated
 * @param finalAction        {@code go}, {@code warn} or {@code stop}
 * @param status             {@code pass} or {@code fail}
 * @param vulnerabilityCount how many vulnerabilities were matched
 */
public record EvaluationSummary(
        UUID evaluationId,
        String policyId,
        String finalAction,
        String status,
        int vulnerabilityCount) {
}
