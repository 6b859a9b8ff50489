package io.drydock.schemas.events;

import java.util.UUID;

/**
 * An (account, digest, tag) was recorded, or re-analysis of a digest was requested. Key: image digest.
 * Wakes analyzer workers; the analysis job itself is claimed in PostgreSQL.
 *
 * @param metadata       event metadata; the account that added the image
 * @param imageDigest    the platform manifest digest, {@code sha256:...}
 * @param jobId          the analysis job to claim; {@code null} when the digest was already analysed
 * @param fulltag        the tag as stored, {@code registry/repo:tag}
 * @param reason         why the image was added
 * @param previousDigest the digest the tag pointed at before, {@code null} if none
 */
public record ImageAdded(
        EventMetadata metadata,
        String imageDigest,
        UUID jobId,
        String fulltag,
        ImageAddedReason reason,
        String previousDigest) implements DrydockEvent {
}
