package io.drydock.analyzer.layer;

import java.util.Optional;

/**
 * Per-layer findings shared by every image that contains the layer, keyed by the layer's digest and a key naming the
 * analyzer version and configuration that produced them. Implementations are thread-safe; a cache that fails never
 * fails an analysis (the layer is read instead).
 */
public interface LayerCache {

    Optional<LayerChanges> find(String layerDigest, String key);

    /** Called only after the whole layer was read and its digest verified. */
    void store(String layerDigest, String key, LayerChanges changes);

    static LayerCache none() {
        return new LayerCache() {
            @Override
            public Optional<LayerChanges> find(String layerDigest, String key) {
                return Optional.empty();
            }

            @Override
            public void store(String layerDigest, String key, LayerChanges changes) {
            }
        };
    }
}
