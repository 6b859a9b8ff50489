package io.drydock.analyzer;

import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerSource;
import java.util.List;
import java.util.Objects;

/**
 * An image to analyse.
 *
 * @param layers      the manifest's layers, base first
 * @param configJson  the image config blob, exactly as stored (its SHA-256 is the image id)
 * @param layerSource opens layer blobs; digest verification is its job
 * @param dockerfile  the Dockerfile the user supplied with the image, or null
 */
public record AnalysisRequest(List<LayerDescriptor> layers, byte[] configJson, LayerSource layerSource,
        String dockerfile) {

    public AnalysisRequest {
        layers = List.copyOf(layers);
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(layerSource, "layerSource");
    }

    public static AnalysisRequest of(List<LayerDescriptor> layers, byte[] configJson, LayerSource layerSource) {
        return new AnalysisRequest(layers, configJson, layerSource, null);
    }

    public AnalysisRequest withDockerfile(String text) {
        return new AnalysisRequest(layers, configJson, layerSource, text);
    }
}
