package io.drydock.analyzer.layer;

import io.drydock.analyzer.PackageRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one layer does to the file system, gathered before it is applied: whiteouts only hide lower layers'
 * content (OCI image spec), so they must not be applied in tar order against this layer's own entries.
 */
record LayerChanges(
        int index,
        String digest,
        Map<String, FsEntry> entries,
        Set<String> whiteouts,
        Set<String> opaqueDirs,
        Map<String, CollectedFile> contents,
        Map<String, List<PackageRecord>> filePackages,
        long entryCount,
        long fileBytes) {
}
