package io.drydock.analyzer.catalogers;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.layer.TempSpace;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link CatalogContext} with the default limits for each test, its temporary space under {@code target/}
 * and removed after the test: {@code @RegisterExtension final TestCatalogContext catalog = new TestCatalogContext();}.
 */
public final class TestCatalogContext implements BeforeEachCallback, AfterEachCallback {

    private TempSpace tempSpace;
    private CatalogContext context;

    @Override
    public void beforeEach(ExtensionContext extension) {
        tempSpace = new TempSpace(Path.of("target", "catalog-temp"), 1L << 30);
        context = new CatalogContext(AnalyzerLimits.defaults(), new Warnings(10), tempSpace);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        tempSpace.close();
    }

    public CatalogContext context() {
        return context;
    }
}
