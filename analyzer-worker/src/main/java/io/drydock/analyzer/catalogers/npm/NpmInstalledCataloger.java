package io.drydock.analyzer.catalogers.npm;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ManifestText;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Installed npm packages: the {@code package.json} of each package directory under a {@code node_modules}
 * ({@code node_modules/lodash/package.json}, {@code node_modules/@babel/core/package.json}, nested ones and pnpm's
 * {@code node_modules/.pnpm/x@1.0.0/node_modules/x/package.json} alike). Manifests deeper inside a package (test
 * fixtures, templates) are not packages and are not read.
 */
public final class NpmInstalledCataloger implements FileCataloger {

    private static final String MANIFEST = "package.json";
    private static final Pattern INSTALLED = Pattern.compile("(?:^|.*/)node_modules/(?:@[^/]+/)?[^/@][^/]*/package\\.json");
    /** Real manifests are kilobytes; the largest published ones stay well under a megabyte. */
    static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return path.endsWith(MANIFEST) && INSTALLED.matcher(path).matches();
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        JsonNode manifest;
        try {
            manifest = NpmPackages.JSON.readTree(ManifestText.read(file, MAX_MANIFEST_BYTES));
        } catch (JacksonException e) {
            throw new IOException("not a valid package.json: " + e.getOriginalMessage(), e);
        }
        if (manifest == null || !manifest.isObject()) {
            throw new IOException("not a valid package.json: not a JSON object");
        }
        String name = NpmPackages.text(manifest.path("name"));
        String version = NpmPackages.text(manifest.path("version"));
        if (!NpmPackages.validName(name) || !NpmPackages.validVersion(version)) {
            return List.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        String homepage = NpmPackages.text(manifest.path("homepage"));
        if (homepage != null) {
            metadata.put("homepage", homepage);
        }
        if (manifest.path("private").isBoolean() && manifest.path("private").booleanValue()) {
            metadata.put("private", "true");
        }
        return List.of(NpmPackages.record(name, version, NpmPackages.licenses(manifest), NpmPackages.author(manifest),
                file.path(), metadata));
    }
}
