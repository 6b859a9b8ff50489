package io.drydock.analyzer.image;

import java.util.List;

/**
 * The parts of a Docker or OCI image config the analysis uses.
 *
 * @param diffIds {@code rootfs.diff_ids}: digests of the uncompressed layers, in order
 */
public record ImageConfig(
        String architecture,
        String os,
        ConfigSummary config,
        List<HistoryEntry> history,
        List<String> diffIds) {

    public ImageConfig {
        history = List.copyOf(history);
        diffIds = List.copyOf(diffIds);
    }
}
