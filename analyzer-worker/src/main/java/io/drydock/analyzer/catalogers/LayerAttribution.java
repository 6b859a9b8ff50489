package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.layer.LayerFile;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Attributes a package to the first layer whose package database lists the same name and version, so that a
 * package upgraded in a later layer belongs to that layer while untouched packages stay with the base image.
 * Feed it each layer's database copies in layer order.
 */
public final class LayerAttribution {

    private final Map<String, String> firstLayerDigest = new HashMap<>();
    private int lastLayerIndex = -1;

    public void listed(LayerFile database, String name, String version) {
        if (database.layerIndex() < lastLayerIndex) {
            throw new IllegalArgumentException("database copies must come in layer order");
        }
        lastLayerIndex = database.layerIndex();
        firstLayerDigest.putIfAbsent(key(name, version), database.layerDigest());
    }

    public Optional<String> firstLayer(String name, String version) {
        return Optional.ofNullable(firstLayerDigest.get(key(name, version)));
    }

    private static String key(String name, String version) {
        return name + '\u0000' + version;
    }
}
