package io.drydock.analyzer.image;

import io.drydock.analyzer.layer.LayerDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pairs the config's history with the manifest's layers: every history entry not marked {@code empty_layer}
 * produced the next layer, in order.
 *
 * @param dockerHistory  Anchore's {@code docker_history}, oldest step first
 * @param layerCreatedBy for each manifest layer, the step that created it, or null when history runs short
 */
public record ImageHistory(List<DockerHistoryEntry> dockerHistory, List<String> layerCreatedBy) {

    public ImageHistory {
        dockerHistory = List.copyOf(dockerHistory);
        layerCreatedBy = Collections.unmodifiableList(new ArrayList<>(layerCreatedBy));
    }

    /**
     * @param layerSizes per manifest layer, the bytes of file content it holds (what {@code docker history} shows)
     */
    public static ImageHistory of(List<HistoryEntry> history, List<LayerDescriptor> layers, List<Long> layerSizes) {
        List<DockerHistoryEntry> entries = new ArrayList<>();
        List<String> createdBy = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry step : history) {
            if (!step.emptyLayer() && layer < layers.size()) {
                entries.add(new DockerHistoryEntry(step.created(), step.createdBy(), step.comment(),
                        layers.get(layer).digest(), layerSizes.get(layer), List.of()));
                createdBy.add(step.createdBy());
                layer++;
            } else {
                entries.add(new DockerHistoryEntry(step.created(), step.createdBy(), step.comment(),
                        DockerHistoryEntry.MISSING_ID, 0, List.of()));
            }
        }
        while (createdBy.size() < layers.size()) {
            createdBy.add(null);
        }
        return new ImageHistory(entries, createdBy);
    }
}
