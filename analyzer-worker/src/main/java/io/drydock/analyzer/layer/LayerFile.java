package io.drydock.analyzer.layer;

/**
 * The content one layer wrote at a path, for files selected with {@link ContentRequest#keepLayerVersions()}.
 *
 * @param truncated true when only a head of the file was kept
 */
public record LayerFile(int layerIndex, String layerDigest, String path, byte[] content, boolean truncated) {
}
