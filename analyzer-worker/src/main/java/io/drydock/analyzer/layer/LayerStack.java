package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.search.ContentSearch;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Applies layers in manifest order to build the final {@link ImageFileSystem}, reading each blob exactly once as a
 * stream. Not thread-safe; one instance per image analysis.
 */
public final class LayerStack {

    private static final int READ_AHEAD = 64 * 1024;

    private final ImageBudget budget;
    private final LayerReader reader;
    private final Warnings warnings;
    private LayerChanges lastChanges;
    private final ImageFileSystem fileSystem = new ImageFileSystem();
    private int nextIndex;

    /** A stack without file catalogers and without temporary disk. */
    public LayerStack(AnalyzerLimits limits, ContentSelector selector, Warnings warnings) {
        this(limits, selector, warnings, List.of(), null, ContentSearch.none());
    }

    /**
     * @param fileCatalogers see every regular file of every layer as it streams past
     * @param context        their limits, warnings and temporary disk; may be null only without file catalogers
     * @param search         the secret and content searches run over small files
     */
    public LayerStack(AnalyzerLimits limits, ContentSelector selector, Warnings warnings,
                      List<FileCataloger> fileCatalogers, CatalogContext context, ContentSearch search) {
        if (!fileCatalogers.isEmpty() && context == null) {
            throw new IllegalArgumentException("file catalogers need a catalog context");
        }
        this.budget = new ImageBudget(limits);
        this.warnings = warnings;
        this.reader = new LayerReader(budget, selector, fileCatalogers, context, search);
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
        long[] blobBytes = {0};
        try (BufferedInputStream compressed = new BufferedInputStream(new BudgetedInputStream(guarded, n -> {
            budget.countCompressed(digest, n);
            blobBytes[0] += n;
            checkNotLongerThanDeclared(layer, blobBytes[0]);
        }), READ_AHEAD)) {
            compression = Compression.detect(compressed);
            try (InputStream tarStream = new BudgetedInputStream(compression.decompress(compressed),
                    n -> budget.countUncompressed(digest, n))) {
                LayerChanges changes = reader.read(index, digest, tarStream, fileSystem);
                // Read past the end-of-archive marker: checks the compression trailer, and lets a digest-verifying
                // source see its whole blob.
                tarStream.transferTo(OutputStream.nullOutputStream());
                // Whatever follows the compressed stream is still part of the blob: its size and digest cover it.
                compressed.transferTo(OutputStream.nullOutputStream());
                if (blobBytes[0] != layer.size()) {
                    throw new AnalysisFailure("layer " + digest + " has " + blobBytes[0]
                            + " bytes, but the manifest says " + layer.size());
                }
                return apply(changes);
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

    /**
     * Applies a layer's changes as they were read once before (from the per-layer cache) on top of the layers added
     * so far, without reading the layer. The image's limits still count its entries and kept contents.
     */
    public LayerSummary addCached(LayerChanges cached) {
        LayerChanges changes = cached.reindexed(nextIndex++);
        budget.countEntries(changes.digest(), changes.entryCount());
        changes.contents().forEach((path, content) ->
                budget.countCollected(changes.digest(), path, content.content().length));
        return apply(changes);
    }

    private LayerSummary apply(LayerChanges changes) {
        fileSystem.apply(changes);
        changes.warnings().forEach(warnings::add);
        lastChanges = changes;
        return new LayerSummary(changes.index(), changes.digest(), changes.entryCount(), changes.fileBytes());
    }

    /** The changes of the layer added last, for the per-layer cache. */
    public LayerChanges lastChanges() {
        return lastChanges;
    }

    /**
     * The manifest's size is what the compressed-size limit was checked against before the download: a blob longer
     * than it said is stopped at once, not read to its end.
     */
    private static void checkNotLongerThanDeclared(LayerDescriptor layer, long bytesRead) {
        if (bytesRead > layer.size()) {
            throw new AnalysisFailure("layer " + layer.digest() + " is longer than the " + layer.size()
                    + " bytes the manifest says");
        }
    }

    public ImageFileSystem fileSystem() {
        return fileSystem;
    }
}
