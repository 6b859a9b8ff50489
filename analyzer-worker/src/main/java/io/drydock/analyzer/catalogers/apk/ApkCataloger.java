package io.drydock.analyzer.catalogers.apk;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.LayerAttribution;
import io.drydock.analyzer.catalogers.PackageCataloger;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.layer.ContentRequest;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.FsEntry;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.ImagePaths;
import io.drydock.analyzer.layer.LayerFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Alpine (and other apk-based) packages from {@code /lib/apk/db/installed}. */
public final class ApkCataloger implements PackageCataloger {

    public static final String TYPE = "APKG";

    static final String INSTALLED = "lib/apk/db/installed";
    /** SPDX operators and grouping are not licenses. */
    private static final Set<String> LICENSE_OPERATORS = Set.of("AND", "OR", "WITH", "and", "or");

    @Override
    public ContentSelector contentSelector() {
        return path -> path.equals(INSTALLED)
                ? Optional.of(ContentRequest.wholeFile().withLayerVersions())
                : Optional.empty();
    }

    @Override
    public List<PackageRecord> catalog(ImageFileSystem fs, Distro distro) {
        Optional<byte[]> installed = fs.content(INSTALLED);
        if (installed.isEmpty()) {
            return List.of();
        }
        LayerAttribution attribution = new LayerAttribution();
        for (LayerFile database : fs.layerVersions(INSTALLED::equals)) {
            for (ApkPackage pkg : ApkDatabase.parse(new String(database.content(), StandardCharsets.UTF_8))) {
                attribution.listed(database, pkg.name(), pkg.version());
            }
        }
        String layerOfDatabase = fs.resolve(INSTALLED).map(FsEntry::layerDigest).orElse(null);
        return ApkDatabase.parse(new String(installed.get(), StandardCharsets.UTF_8)).stream()
                .map(pkg -> new PackageRecord(TYPE, pkg.name(), pkg.version(), pkg.arch(),
                        pkg.origin() == null ? pkg.name() : pkg.origin(), pkg.version(), licenses(pkg.license()),
                        pkg.sizeBytes(), pkg.maintainer(),
                        attribution.firstLayer(pkg.name(), pkg.version()).orElse(layerOfDatabase),
                        ImagePaths.absolute(INSTALLED), purl(distro, pkg), List.of(), pkg.files(), null))
                .sorted(Comparator.comparing(PackageRecord::name))
                .toList();
    }

    /** Anchore splits the license on spaces; operators and parentheses of SPDX expressions are dropped. */
    static List<String> licenses(String expression) {
        if (expression == null) {
            return List.of();
        }
        return Arrays.stream(expression.replace('(', ' ').replace(')', ' ').split("\\s+"))
                .filter(token -> !token.isEmpty() && !LICENSE_OPERATORS.contains(token))
                .distinct()
                .toList();
    }

    /** {@code pkg:apk/alpine/libcrypto3@3.3.1-r0?arch=x86_64&distro=alpine-3.20.1&upstream=openssl}. */
    static String purl(Distro distro, ApkPackage pkg) {
        boolean apkDistro = distro.known() && !distro.name().equals("busybox");
        String upstream = pkg.origin() != null && !pkg.origin().equals(pkg.name()) ? pkg.origin() : null;
        return PackageUrl.builder("apk", pkg.name())
                .namespace(apkDistro ? distro.name() : "alpine")
                .version(pkg.version())
                .qualifier("arch", pkg.arch())
                .qualifier("distro", apkDistro ? distro.name() + "-" + distro.version() : null)
                .qualifier("upstream", upstream)
                .build();
    }
}
