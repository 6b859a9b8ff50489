package io.drydock.analyzer.image;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the image config says the container runs with.
 *
 * @param exposedPorts {@code 80/tcp} style keys of {@code ExposedPorts}, sorted
 * @param entrypoint   null when unset, which differs from an empty list (explicitly reset)
 * @param cmd          null when unset
 * @param healthcheck  null when unset
 * @param labels       sorted by key
 */
public record ConfigSummary(
        List<String> env,
        String user,
        List<String> exposedPorts,
        List<String> entrypoint,
        List<String> cmd,
        Healthcheck healthcheck,
        SortedMap<String, String> labels,
        String workingDir,
        String variant) {

    public ConfigSummary {
        env = env == null ? List.of() : List.copyOf(env);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
    }
}
