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
 * @param maxPathLength        longest normalised path or symlink target, in characters
 * @param maxPathDepth         deepest normalised path, in components
 * @param maxWarnings          warnings kept in the result; the rest are counted, so a noisy image cannot bloat it
 * @param maxLayers            layers in the manifest; checked before anything is downloaded
 * @param maxHeaderBytes       tar metadata of one entry (its header, PAX extended headers, GNU long names, sparse
 *                             maps, and the global PAX headers in force): the tar reader holds all of it in memory
 *                             and follows chained headers recursively, so it is bounded well below a file's limit
 * @param maxNestingDepth      archives inside archives (a jar in a war in an ear): deeper ones are not opened
 * @param maxTempBytes         temporary disk one analysis may use for files too large to hold in memory (a large
 *                             jar or binary a cataloger reads with random access)
 */
public record AnalyzerLimits(
        long maxCompressedBytes,
        long maxUncompressedBytes,
        long maxEntries,
        long maxFileBytes,
        long maxCollectedBytes,
        int maxPathLength,
        int maxPathDepth,
        int maxWarnings,
        int maxLayers,
        int maxHeaderBytes,
        int maxNestingDepth,
        long maxTempBytes) {

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
        requirePositive(maxLayers, "maxLayers");
        requirePositive(maxHeaderBytes, "maxHeaderBytes");
        requirePositive(maxNestingDepth, "maxNestingDepth");
        requirePositive(maxTempBytes, "maxTempBytes");
    }

    /**
     * The design's defaults. Collected bytes are counted cumulatively (every layer's copy of a package database is
     * kept for attribution), hence a budget well above the single-file limit. 4096 is Linux's PATH_MAX. Docker's
     * overlay2 driver stops at 128 layers, so 1000 leaves room for any builder. Real PAX headers carry a
     * long name and a few extended attributes (each at most 64 KiB on Linux); 256 KiB keeps the tar reader's
     * recursion over chained headers a few hundred frames deep.
     */
    public static AnalyzerLimits defaults() {
        return new AnalyzerLimits(10 * GIB, 40 * GIB, 2_000_000, 64 * MIB, 512 * MIB, 4096, 256, 200, 1000,
                256 * 1024, 8, 4 * GIB);
    }

    public AnalyzerLimits withMaxCompressedBytes(long value) {
        return new AnalyzerLimits(value, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxUncompressedBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, value, maxEntries, maxFileBytes, maxCollectedBytes, maxPathLength,
                maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxEntries(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, value, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxFileBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, value, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxCollectedBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, value,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxPathLength(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                value, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxPathDepth(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, value, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxWarnings(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, value, maxLayers, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxLayers(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, value, maxHeaderBytes, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxHeaderBytes(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, value, maxNestingDepth, maxTempBytes);
    }

    public AnalyzerLimits withMaxNestingDepth(int value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, value, maxTempBytes);
    }

    public AnalyzerLimits withMaxTempBytes(long value) {
        return new AnalyzerLimits(maxCompressedBytes, maxUncompressedBytes, maxEntries, maxFileBytes, maxCollectedBytes,
                maxPathLength, maxPathDepth, maxWarnings, maxLayers, maxHeaderBytes, maxNestingDepth, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
