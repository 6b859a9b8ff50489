package io.drydock.analyzer.layer;

/** Content kept for a cataloger while streaming, with how it was asked for. */
public record CollectedFile(byte[] content, boolean truncated, boolean keepLayerVersions) {
}
