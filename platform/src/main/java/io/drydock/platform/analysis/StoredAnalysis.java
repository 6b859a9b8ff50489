package io.drydock.platform.analysis;

import java.time.Instant;
import java.util.List;

/**
 * An image analysis as stored: the summary columns, the full document (JSON) and the normalised packages.
 *
 * @param document the full analysis as JSON (config, history, layers, packages, files)
 */
public record StoredAnalysis(
        String imageDigest,
        String analyzerVersion,
        String imageId,
        String distro,
        String distroVersion,
        String likeDistro,
        String arch,
        String os,
        long imageSize,
        int layerCount,
        String dockerfileMode,
        String document,
        Instant analyzedAt,
        List<StoredPackage> packages) {

    /** One package of an analysis. */
    public record StoredPackage(
            String pkgType,
            String name,
            String version,
            String arch,
            String sourceName,
            String sourceVersion,
            String licenses,
            Long size,
            String origin,
            String layerDigest,
            String location,
            String purl) {
    }
}
