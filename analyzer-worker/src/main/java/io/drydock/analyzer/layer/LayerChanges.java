package io.drydock.analyzer.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one layer does to the file system, gathered before it is applied: whiteouts only hide lower layers'
 * content (OCI image spec), so they must not be applied in tar order against this layer's own entries. Depends only on
 * the layer's content and the analyzer's configuration, so it is what the per-layer cache keeps (as JSON).
 *
 * @param warnings what reading the layer had to say, repeated whenever the layer is used from the cache
 */
public record LayerChanges(
        int index,
        String digest,
        Map<String, FsEntry> entries,
        Set<String> whiteouts,
        Set<String> opaqueDirs,
        Map<String, CollectedFile> contents,
        Map<String, FileFindings> findings,
        long entryCount,
        long fileBytes,
        List<String> warnings) {

    /** The same changes at another position in another image's layer list. */
    LayerChanges reindexed(int newIndex) {
        if (newIndex == index) {
            return this;
        }
        Map<String, FsEntry> moved = new LinkedHashMap<>();
        entries.forEach((path, entry) -> moved.put(path, new FsEntry(entry.path(), entry.type(), entry.mode(),
                entry.uid(), entry.gid(), entry.size(), entry.linkTarget(), entry.sha256(), newIndex,
                entry.layerDigest())));
        return new LayerChanges(newIndex, digest, moved, whiteouts, opaqueDirs, contents, findings, entryCount,
                fileBytes, warnings);
    }
}
