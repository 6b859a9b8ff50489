package io.drydock.analyzer.catalogers.dpkg;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Debian packages from {@code /var/lib/dpkg/status} and the distroless {@code /var/lib/dpkg/status.d/*} files, with
 * owned files from {@code /var/lib/dpkg/info/*.list} and licenses from machine-readable copyright files.
 */
public final class DpkgCataloger implements PackageCataloger {

    public static final String TYPE = "dpkg";

    static final String STATUS = "var/lib/dpkg/status";
    static final String STATUS_DIR = "var/lib/dpkg/status.d";
    static final String INFO_DIR = "var/lib/dpkg/info";
    static final String DOC_DIR = "usr/share/doc";
    /** License fields sit in the first paragraphs; the full texts that follow are not needed. */
    private static final int COPYRIGHT_HEAD_BYTES = 256 * 1024;

    @Override
    public ContentSelector contentSelector() {
        return path -> {
            if (isDatabase(path)) {
                return Optional.of(ContentRequest.wholeFile().withLayerVersions());
            }
            if (isFileList(path)) {
                return Optional.of(ContentRequest.wholeFile());
            }
            if (isCopyright(path)) {
                return Optional.of(ContentRequest.head(COPYRIGHT_HEAD_BYTES));
            }
            return Optional.empty();
        };
    }

    static boolean isDatabase(String path) {
        return path.equals(STATUS) || isStatusDirFile(path);
    }

    /** distroless writes {@code status.d/<pkg>} and, beside it, {@code status.d/<pkg>.md5sums}. */
    private static boolean isStatusDirFile(String path) {
        return ImagePaths.parent(path).equals(STATUS_DIR) && !path.endsWith(".md5sums");
    }

    /** {@code info/<pkg>.list}, or the {@code .md5sums} files that are all distroless images have. */
    private static boolean isFileList(String path) {
        String parent = ImagePaths.parent(path);
        return (parent.equals(INFO_DIR) && (path.endsWith(".list") || path.endsWith(".md5sums")))
                || (parent.equals(STATUS_DIR) && path.endsWith(".md5sums"));
    }

    private static boolean isCopyright(String path) {
        return ImagePaths.name(path).equals("copyright") && ImagePaths.parent(ImagePaths.parent(path)).equals(DOC_DIR);
    }

    @Override
    public List<PackageRecord> catalog(ImageFileSystem fs, Distro distro) {
        LayerAttribution attribution = new LayerAttribution();
        for (LayerFile database : fs.layerVersions(DpkgCataloger::isDatabase)) {
            boolean statusRequired = database.path().equals(STATUS);
            for (Map<String, String> stanza : DpkgStanzas.parse(text(database.content()))) {
                DpkgPackage.from(stanza, statusRequired)
                        .ifPresent(pkg -> attribution.listed(database, pkg.name(), pkg.version()));
            }
        }

        List<PackageRecord> packages = new ArrayList<>();
        for (String database : finalDatabases(fs)) {
            String layerOfDatabase = fs.resolve(database).map(FsEntry::layerDigest).orElse(null);
            byte[] content = fs.content(database).orElse(new byte[0]);
            for (Map<String, String> stanza : DpkgStanzas.parse(text(content))) {
                DpkgPackage.from(stanza, database.equals(STATUS)).ifPresent(pkg -> packages.add(record(fs, distro,
                        pkg, database, attribution.firstLayer(pkg.name(), pkg.version()).orElse(layerOfDatabase))));
            }
        }
        packages.sort(Comparator.comparing(PackageRecord::name)
                .thenComparing(PackageRecord::arch, Comparator.nullsFirst(Comparator.naturalOrder())));
        return packages;
    }

    private static List<String> finalDatabases(ImageFileSystem fs) {
        List<String> databases = new ArrayList<>();
        if (fs.content(STATUS).isPresent()) {
            databases.add(STATUS);
        }
        for (FsEntry entry : fs.list(STATUS_DIR)) {
            if (entry.holdsContent() && isStatusDirFile(entry.path()) && fs.content(entry.path()).isPresent()) {
                databases.add(entry.path());
            }
        }
        return databases;
    }

    private static PackageRecord record(ImageFileSystem fs, Distro distro, DpkgPackage pkg, String database,
            String layerDigest) {
        return new PackageRecord(TYPE, pkg.name(), pkg.version(), pkg.arch(), pkg.sourceName(), pkg.sourceVersion(),
                licenses(fs, pkg), pkg.sizeBytes(), pkg.maintainer(), layerDigest, ImagePaths.absolute(database),
                purl(distro, pkg), List.of(), ownedFiles(fs, pkg), null);
    }

    /**
     * Multi-arch packages list their files in {@code <name>:<arch>.list}, the others in {@code <name>.list}. Without a
     * list (distroless images keep only {@code status.d/<name>.md5sums}), the md5sums file names the package's
     * regular files: {@code <md5>  <path relative to the root>} per line.
     */
    private static List<String> ownedFiles(ImageFileSystem fs, DpkgPackage pkg) {
        List<String> names = new ArrayList<>();
        if (pkg.arch() != null) {
            names.add(pkg.name() + ":" + pkg.arch());
        }
        names.add(pkg.name());
        for (String name : names) {
            Optional<byte[]> list = fs.content(ImagePaths.child(INFO_DIR, name + ".list"));
            if (list.isPresent()) {
                return filePaths(fs, text(list.get()).split("\\R"));
            }
        }
        for (String dir : List.of(INFO_DIR, STATUS_DIR)) {
            for (String name : names) {
                Optional<byte[]> sums = fs.content(ImagePaths.child(dir, name + ".md5sums"));
                if (sums.isPresent()) {
                    return filePaths(fs, text(sums.get()).lines()
                            .map(line -> line.length() > 34 && line.charAt(32) == ' ' ? line.substring(34) : "")
                            .map(path -> "/" + path).toArray(String[]::new));
                }
            }
        }
        return List.of();
    }

    private static List<String> filePaths(ImageFileSystem fs, String[] lines) {
        List<String> files = new ArrayList<>();
        for (String line : lines) {
            Optional<String> path = ImagePaths.normalize(line.strip());
            if (line.isBlank() || path.isEmpty() || path.get().isEmpty()) {
                continue;
            }
            if (!fs.isDirectory(path.get())) {
                files.add(ImagePaths.absolute(path.get()));
            }
        }
        return files;
    }

    private static List<String> licenses(ImageFileSystem fs, DpkgPackage pkg) {
        return fs.content(ImagePaths.child(DOC_DIR, pkg.name() + "/copyright"))
                .map(DpkgCataloger::text)
                .map(DebianCopyright::licenses)
                .orElse(List.of());
    }

    /**
     * {@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc}: upstream names the
     * source package when it differs, with its version when that differs too (binNMUs).
     */
    static String purl(Distro distro, DpkgPackage pkg) {
        String upstream = null;
        if (!pkg.sourceName().equals(pkg.name()) || !pkg.sourceVersion().equals(pkg.version())) {
            upstream = pkg.sourceVersion().equals(pkg.version()) ? pkg.sourceName()
                    : pkg.sourceName() + "@" + pkg.sourceVersion();
        }
        boolean debianFamily = distro.known() && Objects.equals(distro.flavor(), "DEB");
        return PackageUrl.builder("deb", pkg.name())
                .namespace(debianFamily ? distro.name() : "debian")
                .version(pkg.version())
                .qualifier("arch", pkg.arch())
                .qualifier("distro", debianFamily ? distro.name() + "-" + distro.version() : null)
                .qualifier("upstream", upstream)
                .build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
