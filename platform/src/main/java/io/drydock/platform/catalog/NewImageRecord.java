package io.drydock.platform.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * What a registry lookup found for a tag, to be recorded for an account.
 *
 * @param tagCreatedAt the tag-history time of this (digest, tag): now, or a creation-timestamp override
 * @param source       where the content is read from; kept from the first record of the digest for the account
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
        Instant tagCreatedAt,
        ImageSource source) {

    public NewImageRecord {
        source = source == null ? ImageSource.REGISTRY : source;
    }

    /** A record of an image pulled from a registry. */
    public NewImageRecord(String account, String digest, String parentDigest, String imageId, String manifest,
                          String parentManifest, String platform, long compressedSize, String registry, String repo,
                          String tag, String dockerfile, Map<String, String> annotations, Instant tagCreatedAt) {
        this(account, digest, parentDigest, imageId, manifest, parentManifest, platform, compressedSize, registry,
                repo, tag, dockerfile, annotations, tagCreatedAt, ImageSource.REGISTRY);
    }
}
