package io.drydock.platform.registry;

import java.util.List;

/**
 * What a reference resolves to in the registry: the platform-specific manifest to analyse and, for a multi-platform
 * image, the index it was chosen from. The byte arrays take part in {@code equals} by identity: compare digests.
 *
 * @param digest              digest of the platform-specific manifest (Anchore's {@code imageDigest})
 * @param parentDigest        digest of the index the manifest was chosen from, or {@code digest} when the reference
 *                            pointed at a single manifest (Anchore's {@code parentDigest})
 * @param manifestBytes       the manifest exactly as served (its sha256 is {@code digest})
 * @param manifestMediaType   media type of the manifest (Docker schema 2 or OCI)
 * @param parentManifestBytes the index exactly as served, or {@code manifestBytes} when there was none
 * @param configDigest        digest of the image config blob
 * @param layers              layer descriptors, base layer first
 * @param compressedSize      sum of the layer sizes declared by the manifest
 */
public record ResolvedImage(
        String digest,
        String parentDigest,
        byte[] manifestBytes,
        String manifestMediaType,
        byte[] parentManifestBytes,
        String configDigest,
        List<Descriptor> layers,
        long compressedSize) {

    public ResolvedImage {
        layers = List.copyOf(layers);
    }

    /** Anchore's {@code imageId}: the config digest without its algorithm prefix. */
    public String imageId() {
        return configDigest.substring(configDigest.indexOf(':') + 1);
    }

    /** Whether the reference pointed at a multi-platform index. */
    public boolean fromIndex() {
        return !digest.equals(parentDigest);
    }
}
