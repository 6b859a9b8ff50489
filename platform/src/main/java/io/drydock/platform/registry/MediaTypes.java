package io.drydock.platform.registry;

import java.util.Locale;
import java.util.Set;

/** Manifest media types of the distribution API and how to tell which one a registry served. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** Sent as {@code Accept}: schema 1 is left out so that registries that can convert serve schema 2 instead. */
    static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    private static final Set<String> SCHEMA1 = Set.of(DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }

    public static boolean isSchema1(String mediaType) {
        return SCHEMA1.contains(mediaType);
    }

    /**
     * The media type of a served manifest: the {@code Content-Type} header when it names a manifest type, else the
     * body's {@code mediaType} field (optional in OCI; umoci leaves it out), else what the body's shape says.
     *
     * @return the media type, or null when nothing identifies the document
     */
    static String detect(String contentType, ManifestDocument document) {
        String header = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (header != null && (isIndex(header) || isManifest(header) || isSchema1(header))) {
            return header;
        }
        if (document.mediaType() != null && !document.mediaType().isBlank()) {
            return document.mediaType();
        }
        if (Integer.valueOf(1).equals(document.schemaVersion()) || document.fsLayers() != null) {
            return DOCKER_SCHEMA1;
        }
        if (document.manifests() != null) {
            return OCI_INDEX;
        }
        if (document.layers() != null) {
            return OCI_MANIFEST;
        }
        return null;
    }
}
