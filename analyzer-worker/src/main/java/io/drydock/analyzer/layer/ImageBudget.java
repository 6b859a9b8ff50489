package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalyzerLimits;

/** Running totals of one image's analysis against its {@link AnalyzerLimits}. */
final class ImageBudget {

    private final AnalyzerLimits limits;
    private long compressedBytes;
    private long uncompressedBytes;
    private long entries;
    private long collectedBytes;

    ImageBudget(AnalyzerLimits limits) {
        this.limits = limits;
    }

    AnalyzerLimits limits() {
        return limits;
    }

    void countCompressed(String layerDigest, long bytes) {
        compressedBytes += bytes;
        if (compressedBytes > limits.maxCompressedBytes()) {
            throw new AnalysisFailure("image exceeds " + limits.maxCompressedBytes()
                    + " compressed bytes (limit) while reading layer " + layerDigest);
        }
    }

    void countUncompressed(String layerDigest, long bytes) {
        uncompressedBytes += bytes;
        if (uncompressedBytes > limits.maxUncompressedBytes()) {
            throw new AnalysisFailure("image exceeds " + limits.maxUncompressedBytes()
                    + " uncompressed bytes (limit) while reading layer " + layerDigest);
        }
    }

    void countEntry(String layerDigest) {
        entries++;
        if (entries > limits.maxEntries()) {
            throw new AnalysisFailure("layer " + layerDigest + " takes the image over " + limits.maxEntries()
                    + " entries (limit)");
        }
    }

    void countEntries(String layerDigest, long count) {
        entries += count;
        if (entries > limits.maxEntries()) {
            throw new AnalysisFailure("layer " + layerDigest + " takes the image over " + limits.maxEntries()
                    + " entries (limit)");
        }
    }

    void countCollected(String layerDigest, String path, long bytes) {
        collectedBytes += bytes;
        if (collectedBytes > limits.maxCollectedBytes()) {
            throw new AnalysisFailure("file contents kept for cataloguing exceed " + limits.maxCollectedBytes()
                    + " bytes (limit) at /" + path + " in layer " + layerDigest);
        }
    }
}
