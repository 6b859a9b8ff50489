package io.drydock.analyzer;

/**
 * Bounds on what one image analysis may consume. Every limit guards memory, disk or CPU against a hostile or broken
 * image; exceeding one fails the analysis with an {@link AnalysisFailure} instead of degrading the worker.
 *
 * @param maxCompressedBytes   sum of the layer blobs as stored in the registry
 * @param maxUncompressedBytes sum of the decompressed layer streams (tar headers included): the guard against
 *                             decompression bombs
 * @param maxEntries           tar entries over all layers, whiteouts included
 * @param maxFileBytes         largest single file a cataloger may hold in memory
 * @param maxCollectedBytes    all file contents held in memory for catalogers over the whole image
 * @param maxPathLength        longest normalised path, in characters
 * @param maxPathDepth         deepest normalised path, in components
 * @param maxWarnings          warnings kept in the result; the rest are counted, so a noisy image cannot bloat it
 */
public record AnalyzerLimits(
        long maxCompressedBytes,
        long maxUncompressedBytes,
        long maxEntries,
        long maxFileBytes,
        long maxCollectedBytes,
        int maxPathLength,
        int maxPathDepth,
        int maxWarnings) {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    public AnalyzerLimits {
        requirePositive(maxCompressedBytes, "maxCompressedBytes");
        requirePositive(maxUncompressedBytes, "maxUncompressedBytes");
        requirePositive(maxEntries, "maxEntries");
        requirePositive(maxFileBytes, "maxFileBytes");
        requirePositive(maxCollectedBytes, "maxCollectedBytes");
        requirePositive(maxPathLength, "maxPathLength");
        requirePositive(maxPathDepth, "maxPathDepth");
        requirePositive(maxWarnings, "maxWarnings");
    }

    /**
     * The design's defaults. Collected bytes are counted cumulatively (every layer's copy of a package database is
     * kept for attribution), hence a budget well above the single-file limit. 4096 is Linux's PATH_MAX.
     */
    public static AnalyzerLimits defaults() {
        return new AnalyzerLimits(10 * GIB, 40 * GIB, 2_000_000, 64 * MIB, 512 * MIB, 4096, 256, 200);
    }

    public AnalyzerLimits withMaxCompressedBytes(long value) {
        return new AnalyzerLimits(value, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxUncompressedBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, value, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxEntries(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, value, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxFileBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, value, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxCollectedBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, value,
                maxPathLength, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxPathLength(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes,
                maxCollectedBytes, value, maxPathDepth, maxWarnings);
    }

    public AnalyzerLimits withMaxPathDepth(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes,
                maxCollectedBytes, maxPathLength, value, maxWarnings);
    }

    public AnalyzerLimits withMaxWarnings(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes,
                maxCollectedBytes, maxPathLength, maxPathDepth, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
