package io.drydock.platform.registry;

import java.util.List;

/**
 * The fields of an image manifest or index that resolving needs; Jackson 3 ignores the rest by default.
 * One type for both because a registry may not say which of the two it served.
 */
record ManifestDocument(
        Integer schemaVersion,
        String mediaType,
        Entry config,
        List<Entry> layers,
        List<Entry> manifests,
        List<Object> fsLayers) {

    record Entry(String mediaType, String digest, Long size, EntryPlatform platform) {

        Descriptor toDescriptor() {
            return new Descriptor(mediaType, digest, size == null ? 0 : size);
        }
    }

    record EntryPlatform(String os, String architecture, String variant) {

        Platform toPlatform() {
            return new Platform(os == null ? "" : os, architecture == null ? "" : architecture, variant);
        }
    }
}
