package io.drydock.platform.catalog;

import java.util.UUID;

/**
 * A claimed analysis job.
 *
 * @param account      whose registry credentials pull the image (and whose fair share it counts against)
 * @param pullRegistry the registry to pull from
 * @param pullRepo     the repository to pull from, as stored (no {@code library/})
 * @param platform     {@code os/arch[/variant]}
 * @param attempts     how many times the job has been claimed, this claim included
 * @param source       where the analyser reads the image from
 */
public record AnalysisJob(
        UUID id,
        String account,
        String imageDigest,
        String pullRegistry,
        String pullRepo,
        String platform,
        int attempts,
        int maxAttempts,
        String leaseOwner,
        ImageSource source) {
}
