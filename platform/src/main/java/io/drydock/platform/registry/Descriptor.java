package io.drydock.platform.registry;

import java.util.Objects;

/**
 * A content descriptor from a manifest: what a blob is, its digest and its size in bytes.
 *
 * @param mediaType e.g. {@code application/vnd.oci.image.layer.v1.tar+gzip}
 * @param digest    {@code sha256:…}
 * @param size      bytes, as declared by the manifest
 */
public record Descriptor(String mediaType, String digest, long size) {

    public Descriptor {
        Objects.requireNonNull(digest, "digest");
    }
}
