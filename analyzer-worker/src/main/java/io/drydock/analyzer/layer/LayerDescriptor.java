package io.drydock.analyzer.layer;

import java.util.Objects;

/**
 * One layer as the image manifest describes it.
 *
 * @param digest    blob digest, {@code sha256:<hex>}
 * @param mediaType as declared; informational only, since compression is detected from the bytes
 * @param size      compressed size in bytes
 */
public record LayerDescriptor(String digest, String mediaType, long size) {

    public LayerDescriptor {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative layer size " + size + " for " + digest);
        }
    }
}
