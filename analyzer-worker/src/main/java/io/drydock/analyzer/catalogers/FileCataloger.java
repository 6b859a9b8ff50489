package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.PackageRecord;
import java.io.IOException;
import java.util.List;

/**
 * Finds packages in single files as the layers stream past: archives (jars), binaries (Go build information, version
 * strings) and manifests that stand alone (a {@code package.json}, a {@code *.deps.json}). Its findings belong to the
 * layer that wrote the file, and survive only while that layer's copy is the final one at its path. Implementations
 * are stateless and thread-safe: one instance serves concurrent analyses.
 */
public interface FileCataloger {

    /** How many leading bytes {@link #wants} sees (fewer when the file is shorter). */
    int HEAD_BYTES = 512;

    /**
     * Decides, from the normalised path (no leading slash), the size and the first {@link #HEAD_BYTES} bytes, whether
     * to read this file. Called for every regular file of every layer: must be cheap.
     */
    boolean wants(String path, long size, byte[] head);

    /**
     * The packages in the file. Their {@link PackageRecord#location()} is the file's absolute path, or below it for
     * archives inside it; the layer is filled in by the caller. A file that is not what it seemed (a corrupt jar)
     * throws, and becomes a warning: one bad file never fails the analysis. Limits of the whole analysis
     * ({@link io.drydock.analyzer.AnalysisFailure}) propagate.
     */
    List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException;
}
