package io.drydock.analyzer;

/**
 * One manifest layer.
 *
 * @param size      compressed size from the manifest
 * @param createdBy the history step that produced it, or null when the history does not say
 */
public record LayerRecord(String digest, long size, String mediaType, String createdBy) {
}
