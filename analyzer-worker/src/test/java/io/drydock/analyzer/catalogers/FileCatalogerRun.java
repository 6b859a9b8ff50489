package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.LayerStack;
import io.drydock.analyzer.layer.TempSpace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.drydock.analyzer.search.ContentSearch;
import java.util.List;
import java.util.Optional;

/** Streams layers past one file cataloger, as an analysis does, and collects what it found and warned about. */
public record FileCatalogerRun(List<PackageRecord> packages, List<String> warnings) {

    public static FileCatalogerRun of(FileCataloger cataloger, byte[]... layers) {
        return of(AnalyzerLimits.defaults(), cataloger, layers);
    }

    public static FileCatalogerRun of(AnalyzerLimits limits, FileCataloger cataloger, byte[]... layers) {
        Warnings warnings = new Warnings(100);
        ContentSelector nothing = path -> Optional.empty();
        try (TempSpace temp = TempSpace.underSystemTemp(limits.maxTempBytes())) {
            LayerStack stack = new LayerStack(limits, nothing, warnings, List.of(cataloger),
                    new CatalogContext(limits, warnings, temp), ContentSearch.none());
            for (byte[] layer : layers) {
                stack.add(TestTar.describe(layer), new ByteArrayInputStream(layer));
            }
            return new FileCatalogerRun(stack.fileSystem().filePackages(), warnings.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PackageRecord find(String name) {
        return packages.stream().filter(pkg -> pkg.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no package " + name + " in " + packages));
    }
}
