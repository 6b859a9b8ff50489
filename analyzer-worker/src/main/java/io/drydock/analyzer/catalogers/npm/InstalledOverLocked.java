package io.drydock.analyzer.catalogers.npm;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One npm package, one finding: a package that a lock file pins and that is also installed in the {@code node_modules}
 * beside (or below) that lock file is reported from its installed {@code package.json} only, which carries its
 * license and author and is what actually runs. Syft reaches the same result by reading only installed packages in
 * images; Drydock also reads lock files, for images that ship a project without its {@code node_modules} (a build
 * output, a source image), and so drops the duplicates here.
 */
public final class InstalledOverLocked {

    private InstalledOverLocked() {
    }

    public static List<PackageRecord> filter(List<PackageRecord> packages) {
        Map<String, List<String>> installed = new HashMap<>();
        for (PackageRecord pkg : packages) {
            if (isNpm(pkg) && !isLocked(pkg)) {
                installed.computeIfAbsent(pkg.name() + "@" + pkg.version(), k -> new ArrayList<>())
                        .add(pkg.location());
            }
        }
        if (installed.isEmpty()) {
            return packages;
        }
        List<PackageRecord> kept = new ArrayList<>(packages.size());
        for (PackageRecord pkg : packages) {
            if (!(isNpm(pkg) && isLocked(pkg) && installedBeside(pkg, installed))) {
                kept.add(pkg);
            }
        }
        return kept;
    }

    private static boolean installedBeside(PackageRecord locked, Map<String, List<String>> installed) {
        List<String> locations = installed.get(locked.name() + "@" + locked.version());
        if (locations == null) {
            return false;
        }
        String modules = locked.location().substring(0, locked.location().lastIndexOf('/') + 1) + "node_modules/";
        return locations.stream().anyMatch(location -> location.startsWith(modules));
    }

    private static boolean isNpm(PackageRecord pkg) {
        return PackageTypes.NPM.equals(pkg.type()) && pkg.location() != null;
    }

    private static boolean isLocked(PackageRecord pkg) {
        return NpmLockCataloger.LOCK_FILES.contains(NpmLockCataloger.fileName(pkg.location()));
    }
}
