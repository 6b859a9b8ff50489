package io.drydock.platform.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * What a registry lookup found for a tag, to be recorded for an account.
 *
 * @param tagCreatedAt the tag-history time of this (digest, tag): now, or a creation-timestamp override
 */
public record NewImageRecord(
        String account,
        String digest,
        String parentDigest,
        String imageId,
        String manifest,
        String parentManifest,
        String platform,
        long compressedSize,
        String registry,
        String repo,
        String tag,
        String dockerfile,
        Map<String, String> annotations,
        Instant tagCreatedAt) {
}
