package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.Warnings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Applies layers in manifest order to build the final {@link ImageFileSystem}, reading each blob exactly once as a
 * stream. Not thread-safe; one instance per image analysis.
 */
public final class LayerStack {

    private static final int READ_AHEAD = 64 * 1024;

    private final ImageBudget budget;
    private final LayerReader reader;
    private final ImageFileSystem fileSystem = new ImageFileSystem();
    private int nextIndex;

    public LayerStack(AnalyzerLimits limits, ContentSelector selector, Warnings warnings) {
        this.budget = new ImageBudget(limits);
        this.reader = new LayerReader(budget, selector, warnings);
    }

    /**
     * Reads the layer blob to its end, closes it and applies the layer on top of the ones added before.
     *
     * @throws AnalysisFailure when the blob is corrupt or truncated, or a limit is exceeded
     * @throws IOException     when the blob stream itself fails (the source's own error, e.g. a network failure)
     */
    public LayerSummary add(LayerDescriptor layer, InputStream blob) throws IOException {
        int index = nextIndex++;
        String digest = layer.digest();
        SourceGuardInputStream guarded = new SourceGuardInputStream(blob);
        Compression compression = Compression.NONE;
        try (BufferedInputStream compressed = new BufferedInputStream(
                new BudgetedInputStream(guarded, n -> budget.countCompressed(digest, n)), READ_AHEAD)) {
            compression = Compression.detect(compressed);
            try (InputStream tarStream = new BudgetedInputStream(compression.decompress(compressed),
                    n -> budget.countUncompressed(digest, n))) {
                LayerChanges changes = reader.read(index, digest, tarStream, fileSystem);
                // Read past the end-of-archive marker: checks the compression trailer, and lets a digest-verifying
                // source see its whole blob.
                tarStream.transferTo(OutputStream.nullOutputStream());
                fileSystem.apply(changes);
                return new LayerSummary(index, digest, changes.entryCount(), changes.fileBytes());
            }
        } catch (AnalysisFailure failure) {
            throw failure;
        } catch (IOException | RuntimeException e) {
            // Decoders report corrupt input as either kind (zstd-jni throws unchecked ZstdException).
            guarded.rethrowSourceFailure();
            throw new AnalysisFailure("layer " + digest + " (" + compression.name().toLowerCase(Locale.ROOT)
                    + ") is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    public ImageFileSystem fileSystem() {
        return fileSystem;
    }
}
