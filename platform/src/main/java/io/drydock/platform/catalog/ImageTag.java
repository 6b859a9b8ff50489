package io.drydock.platform.catalog;

import java.time.Instant;

/** One tag an account has seen on an image (a row of the tag history). */
public record ImageTag(
        String registry,
        String repo,
        String tag,
        String imageId,
        String dockerfile,
        Instant createdAt,
        Instant lastUpdated,
        Instant tagDetectedAt) {

    public String fulltag() {
        return registry + "/" + repo + ":" + tag;
    }
}
