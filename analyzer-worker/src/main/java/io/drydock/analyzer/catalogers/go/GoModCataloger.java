package io.drydock.analyzer.catalogers.go;

import io.drydock.analyzer.catalogers.GoModuleCpes;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ManifestText;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go modules a {@code go.mod} requires, after its {@code replace} directives: a replacement by another module version
 * reports that module, a replacement by a local directory ({@code => ../fork}) is the project's own code and is not
 * reported. Copies of dependencies' {@code go.mod} files in the module cache ({@code …/pkg/mod/…}) are not read: their
 * requirements are candidates for version selection, not what a build used. The main module itself is not a package.
 */
public final class GoModCataloger implements FileCataloger {

    /** Real go.mod files are kilobytes; Kubernetes' is some 15 KB. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return (path.equals("go.mod") || path.endsWith("/go.mod"))
                && !path.startsWith("pkg/mod/") && !path.contains("/pkg/mod/");
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        GoModFile mod = GoModFile.parse(ManifestText.read(file, MAX_BYTES));
        return mod.resolvedRequirements().stream()
                .map(module -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    if (module.indirect()) {
                        metadata.put("indirect", "true");
                    }
                    if (module.replaced() != null) {
                        metadata.put("replaces", module.replaced());
                    }
                    return PackageRecord.language(PackageTypes.GO, module.path(), module.version(), List.of(), null,
                            file.path(), purl(module.path(), module.version()), GoModuleCpes.of(module.path(), module.version()),
                            List.of(), metadata);
                })
                .toList();
    }

    /**
     * {@code pkg:golang/github.com/pkg/errors@v0.9.1}: all but the last path element are the namespace. The path keeps
     * its case although the purl type's notes ask for lower case: Go module paths are case-sensitive
     * ({@code github.com/Sirupsen/logrus} and {@code github.com/sirupsen/logrus} are different modules) and the Go
     * vulnerability database names them as written, as Syft's purls do.
     */
    static String purl(String path, String version) {
        int slash = path.lastIndexOf('/');
        return PackageUrl.builder("golang", path.substring(slash + 1))
                .namespace(slash > 0 ? path.substring(0, slash) : null)
                .version(version)
                .build();
    }
}
