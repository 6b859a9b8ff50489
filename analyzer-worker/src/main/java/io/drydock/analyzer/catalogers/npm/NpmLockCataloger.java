package io.drydock.analyzer.catalogers.npm;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ManifestText;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * npm packages a project's lock file pins: {@code package-lock.json} / {@code npm-shrinkwrap.json} (lockfile versions
 * 1 to 3), {@code yarn.lock} (Yarn 1 and Yarn 2+) and {@code pnpm-lock.yaml} (lockfile 5 to 9). Lock files inside a
 * {@code node_modules} are not read: they belong to dependencies (npm and Yarn ignore them) or are npm's hidden
 * {@code node_modules/.package-lock.json}, which only repeats the installed packages. When the project's packages are
 * also installed beside the lock file, {@link InstalledOverLocked} keeps the installed copy only.
 */
public final class NpmLockCataloger implements FileCataloger {

    static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml");
    /** Far above the largest real monorepos (a few hundred thousand lines, some 20 000 packages). */
    static final int MAX_PACKAGES = 200_000;

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return LOCK_FILES.contains(fileName(path)) && !path.startsWith("node_modules/")
                && !path.contains("/node_modules/");
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        String fileName = fileName(file.path());
        long maxBytes = context.limits().maxFileBytes();
        LockSink sink = new LockSink(MAX_PACKAGES);
        switch (fileName) {
            case "yarn.lock" -> YarnLockParser.parse(ManifestText.read(file, maxBytes), sink);
            case "pnpm-lock.yaml" -> PnpmLockParser.parse(ManifestText.read(file, maxBytes), sink);
            default -> {
                if (file.size() > maxBytes) {
                    throw new IOException(file.size() + " bytes, more than the " + maxBytes + " bytes read of a lock file");
                }
                try (InputStream in = file.open()) {
                    PackageLockParser.parse(in, sink);
                }
            }
        }
        if (sink.rejected() > 0) {
            context.warnings().add(file.path() + ": " + sink.rejected() + " entries without a valid npm name and version"
                    + " skipped");
        }
        return sink.packages().stream()
                .map(pkg -> NpmPackages.record(pkg.name(), pkg.version(), List.of(), null, file.path(),
                        Map.of()))
                .toList();
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
