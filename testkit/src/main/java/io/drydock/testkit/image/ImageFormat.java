package io.drydock.testkit.image;

/** Which manifest family a test image is written in; decides every media type of the image. */
public enum ImageFormat {

    /** Docker image manifest v2 schema 2 and manifest list. */
    DOCKER("application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.docker.image.rootfs.diff.tar"),

    /** OCI image manifest and image index. */
    OCI("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar");

    private final String manifestMediaType;
    private final String indexMediaType;
    private final String configMediaType;
    private final String layerMediaTypeBase;

    ImageFormat(String manifestMediaType, String indexMediaType, String configMediaType, String layerMediaTypeBase) {
        this.manifestMediaType = manifestMediaType;
        this.indexMediaType = indexMediaType;
        this.configMediaType = configMediaType;
        this.layerMediaTypeBase = layerMediaTypeBase;
    }

    public String manifestMediaType() {
        return manifestMediaType;
    }

    public String indexMediaType() {
        return indexMediaType;
    }

    public String configMediaType() {
        return configMediaType;
    }

    /**
     * The layer media type for a compression. Docker's schema 2 names only gzip; the {@code .zstd} suffix is what
     * containerd and BuildKit write for zstd layers in Docker-format images.
     */
    public String layerMediaType(Compression compression) {
        return switch (compression) {
            case NONE -> layerMediaTypeBase;
            case GZIP -> layerMediaTypeBase + (this == OCI ? "+gzip" : ".gzip");
            case ZSTD -> layerMediaTypeBase + (this == OCI ? "+zstd" : ".zstd");
        };
    }
}
