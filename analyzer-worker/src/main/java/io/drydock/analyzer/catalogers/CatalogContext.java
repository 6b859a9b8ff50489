package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.layer.TempSpace;
import java.util.Objects;

/**
 * What a {@link FileCataloger} may use while reading one image: its limits (single-file memory, nesting depth), its
 * bounded warnings, and its temporary disk for files too large to hold in memory (an archive inside an archive).
 */
public record CatalogContext(AnalyzerLimits limits, Warnings warnings, TempSpace tempSpace) {

    public CatalogContext {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(tempSpace, "tempSpace");
    }
}
