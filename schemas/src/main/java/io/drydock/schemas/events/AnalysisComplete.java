package io.drydock.schemas.events;

import java.util.UUID;

/**
 * The analysis of a digest was stored, or failed. Key: image digest. Analyses are shared by digest, so the event is
 * about the digest: every account whose image record references it is affected.
 *
 * @param metadata        event metadata; the account is the one whose job ran, for audit only
 * @param imageDigest     the analysed digest
 * @param jobId           the analysis job that finished
 * @param status          analysed or failed
 * @param analyzerVersion the analyzer version that produced the analysis
 * @param failureReason   why it failed; {@code null} unless FAILED
 */
public record AnalysisComplete(
        EventMetadata metadata,
        String imageDigest,
        UUID jobId,
        AnalysisOutcome status,
        String analyzerVersion,
        String failureReason) implements DrydockEvent {
}
