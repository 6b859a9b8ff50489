package io.drydock.analyzer.catalogers.python;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageCataloger;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.layer.ContentRequest;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.FsEntry;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.ImagePaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Installed Python distributions: a wheel install's {@code *.dist-info/METADATA} with the files its {@code RECORD}
 * lists, an egg's {@code *.egg-info/PKG-INFO} (or {@code EGG-INFO/PKG-INFO}) with its {@code installed-files.txt},
 * and the single-file {@code *.egg-info} that distutils wrote. A package cataloger because the metadata needs its
 * neighbours; every file is kept only as a bounded head, so a huge or garbage file costs at most that head and never
 * fails the analysis.
 */
public final class PythonCataloger implements PackageCataloger {

    /** Headers come first; the long description after them is not read. */
    static final int METADATA_HEAD_BYTES = 1024 * 1024;
    /** A RECORD line is about 100 bytes: this holds the largest real packages' file lists. */
    static final int FILE_LIST_HEAD_BYTES = 16 * 1024 * 1024;
    static final int TOP_LEVEL_HEAD_BYTES = 64 * 1024;
    static final int MAX_NAME_CHARS = 256;
    static final int MAX_TOP_LEVEL_NAMES = 100;
    /** A single-line License field longer than this is a license text pasted in, not a license name. */
    static final int MAX_LICENSE_NAME_CHARS = 200;

    private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

    @Override
    public ContentSelector contentSelector() {
        return path -> {
            if (isMetadata(path)) {
                return Optional.of(ContentRequest.head(METADATA_HEAD_BYTES));
            }
            String name = ImagePaths.name(path);
            String dir = ImagePaths.name(ImagePaths.parent(path));
            if ((name.equals("RECORD") && dir.endsWith(".dist-info"))
                    || (name.equals("installed-files.txt") && isEggInfoDir(dir))) {
                return Optional.of(ContentRequest.head(FILE_LIST_HEAD_BYTES));
            }
            if (name.equals("top_level.txt") && (dir.endsWith(".dist-info") || isEggInfoDir(dir))) {
                return Optional.of(ContentRequest.head(TOP_LEVEL_HEAD_BYTES));
            }
            return Optional.empty();
        };
    }

    static boolean isMetadata(String path) {
        String name = ImagePaths.name(path);
        String dir = ImagePaths.name(ImagePaths.parent(path));
        return (name.equals("METADATA") && dir.endsWith(".dist-info"))
                || (name.equals("PKG-INFO") && isEggInfoDir(dir))
                || (name.endsWith(".egg-info") && name.length() > ".egg-info".length());
    }

    private static boolean isEggInfoDir(String dirName) {
        return dirName.endsWith(".egg-info") || dirName.equals("EGG-INFO");
    }

    @Override
    public List<PackageRecord> catalog(ImageFileSystem fs, Distro distro) {
        List<PackageRecord> packages = new ArrayList<>();
        for (FsEntry entry : fs.entries()) {
            if (entry.holdsContent() && isMetadata(entry.path())) {
                fs.content(entry.path()).flatMap(content -> record(fs, entry.path(), content))
                        .ifPresent(pkg -> packages.add(pkg.withLayerDigest(entry.layerDigest())));
            }
        }
        return packages;
    }

    private static Optional<PackageRecord> record(ImageFileSystem fs, String path, byte[] content) {
        CoreMetadata metadata = CoreMetadata.parse(text(content));
        String name = metadata.first("Name");
        String version = metadata.first("Version");
        if (name == null || version == null || name.length() > MAX_NAME_CHARS || version.length() > MAX_NAME_CHARS
                || name.contains("\n") || version.contains("\n")) {
            return Optional.empty();
        }
        boolean singleFile = ImagePaths.name(path).endsWith(".egg-info");
        String metadataDir = singleFile ? null : ImagePaths.parent(path);
        String sitePackages = ImagePaths.parent(singleFile ? path : metadataDir);
        if (metadataDir != null && ImagePaths.name(metadataDir).equals("EGG-INFO")) {
            // An .egg directory: foo-1.0-py3.11.egg/EGG-INFO/PKG-INFO, installed into site-packages as a whole.
            sitePackages = ImagePaths.parent(sitePackages);
        }

        Map<String, String> details = new LinkedHashMap<>();
        details.put("site-packages", ImagePaths.absolute(sitePackages));
        String metadataVersion = metadata.first("Metadata-Version");
        if (metadataVersion != null && metadataVersion.length() <= 16) {
            details.put("metadata-version", metadataVersion);
        }
        List<String> files = List.of();
        if (metadataDir != null) {
            files = ownedFiles(fs, metadataDir, sitePackages);
            topLevel(fs, metadataDir).ifPresent(modules -> details.put("top-level", modules));
        }
        String normalised = normalisedName(name);
        return Optional.of(PackageRecord.language(PackageTypes.PYTHON, name, version, licenses(metadata),
                origin(metadata), ImagePaths.absolute(path),
                PackageUrl.builder("pypi", normalised).version(version).build(),
                cpes(normalised, version), files, details));
    }

    private static List<String> ownedFiles(ImageFileSystem fs, String metadataDir, String sitePackages) {
        if (metadataDir.endsWith(".dist-info")) {
            return completeLines(fs, ImagePaths.child(metadataDir, "RECORD"))
                    .map(record -> OwnedFiles.fromRecord(record, sitePackages))
                    .orElse(List.of());
        }
        return completeLines(fs, ImagePaths.child(metadataDir, "installed-files.txt"))
                .map(list -> OwnedFiles.fromInstalledFiles(list, metadataDir))
                .orElse(List.of());
    }

    private static Optional<String> topLevel(ImageFileSystem fs, String metadataDir) {
        return completeLines(fs, ImagePaths.child(metadataDir, "top_level.txt"))
                .map(content -> Arrays.stream(content.split("\n"))
                        .map(String::strip)
                        .filter(module -> !module.isEmpty() && module.length() <= MAX_NAME_CHARS)
                        .distinct()
                        .limit(MAX_TOP_LEVEL_NAMES)
                        .toList())
                .filter(modules -> !modules.isEmpty())
                .map(modules -> String.join(",", modules));
    }

    /**
     * PEP 639's {@code License-Expression} when present, else a {@code License} field that names a license (not one
     * that holds a whole license text), else the {@code License ::} classifiers' last segments.
     */
    static List<String> licenses(CoreMetadata metadata) {
        String expression = metadata.first("License-Expression");
        if (expression != null && !expression.contains("\n") && expression.length() <= MAX_LICENSE_NAME_CHARS) {
            return List.of(expression);
        }
        String license = metadata.first("License");
        if (license != null && !license.contains("\n") && license.length() <= MAX_LICENSE_NAME_CHARS
                && !license.equalsIgnoreCase("UNKNOWN")) {
            return List.of(license);
        }
        Set<String> fromClassifiers = new LinkedHashSet<>();
        for (String classifier : metadata.all("Classifier")) {
            String[] parts = classifier.split("::");
            if (parts.length >= 2 && parts[0].strip().equals("License")) {
                String last = parts[parts.length - 1].strip();
                if (!last.isEmpty() && !last.equals("OSI Approved") && last.length() <= MAX_LICENSE_NAME_CHARS) {
                    fromClassifiers.add(last);
                }
            }
        }
        return List.copyOf(fromClassifiers);
    }

    /** The author, else the maintainer, with their e-mail address ({@code Author-email} may already hold both). */
    static String origin(CoreMetadata metadata) {
        String author = person(metadata.first("Author"), metadata.first("Author-email"));
        return author != null ? author : person(metadata.first("Maintainer"), metadata.first("Maintainer-email"));
    }

    private static String person(String name, String email) {
        String origin;
        if (name == null || email == null) {
            origin = name == null ? email : name;
        } else {
            origin = email.contains("<") || email.contains(name) ? email : name + " <" + email + ">";
        }
        return origin == null ? null : origin.replace('\n', ' ');
    }

    /** PEP 503: lower case, each run of {@code -}, {@code _} and {@code .} one {@code -}. */
    static String normalisedName(String name) {
        return PEP503_SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /**
     * NVD names Python projects by their PyPI name, sometimes with underscores, under the project's own vendor, a
     * {@code python-} prefixed one, or {@code python} (CVE-2018-18074 names {@code python:requests}).
     */
    static List<String> cpes(String normalisedName, String version) {
        List<String> products = new ArrayList<>(List.of(normalisedName));
        if (normalisedName.contains("-")) {
            products.add(normalisedName.replace('-', '_'));
        }
        return LanguageCpes.of(List.of(normalisedName, "python-" + normalisedName, "python"), products, version,
                "python");
    }

    /**
     * The kept text of a line-based file. Of a file only a head was kept of, the last line is cut and would name a
     * file that does not exist: it is left out.
     */
    private static Optional<String> completeLines(ImageFileSystem fs, String path) {
        Optional<String> text = fs.content(path).map(PythonCataloger::text);
        if (text.isEmpty() || !fs.contentTruncated(path)) {
            return text;
        }
        int lastNewline = text.get().lastIndexOf('\n');
        return Optional.of(lastNewline < 0 ? "" : text.get().substring(0, lastNewline + 1));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
