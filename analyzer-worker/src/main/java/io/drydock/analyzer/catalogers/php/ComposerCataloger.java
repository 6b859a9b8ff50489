package io.drydock.analyzer.catalogers.php;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.BoundedJson;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.layer.ImagePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * PHP packages Composer pinned or installed: a project's {@code composer.lock} ({@code packages} and
 * {@code packages-dev}) and the {@code vendor/composer/installed.json} Composer writes when it installs, in both its
 * 1.x form (an array of packages) and its 2.x form ({@code {"packages": [...], "dev-package-names": [...]}}). See
 * https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control and Composer's
 * {@code res/composer-schema.json} for the package fields.
 */
public final class ComposerCataloger implements FileCataloger {

    /** Lock files of large applications are a few MiB. */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final int MAX_PACKAGES = 50_000;
    static final int MAX_AUTHORS = 20;
    static final int MAX_LICENSES = 20;

    /** Composer package names: {@code vendor/name}, lower case letters, digits and {@code _.-}. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}");

    @Override
    public boolean wants(String path, long size, byte[] head) {
        if (size > MAX_BYTES) {
            return false;
        }
        String name = ImagePaths.name(path);
        return name.equals("composer.lock")
                || (name.equals("installed.json") && ImagePaths.name(ImagePaths.parent(path)).equals("composer"));
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        JsonNode root = BoundedJson.read(file.readAtMost(MAX_BYTES), file.path());
        List<PackageRecord> packages = new ArrayList<>();
        if (root.isArray()) {
            addAll(packages, root, Set.of(), file.path()); // installed.json of Composer 1
        } else {
            Set<String> devNames = new HashSet<>();
            for (JsonNode devName : root.path("dev-package-names").values()) {
                String text = BoundedJson.text(devName);
                if (text != null && devNames.size() < MAX_PACKAGES) {
                    devNames.add(text);
                }
            }
            addAll(packages, root.path("packages"), devNames, file.path());
            addAll(packages, root.path("packages-dev"), null, file.path());
        }
        return packages;
    }

    /** @param devNames the names of development packages, or null when all of these are */
    private static void addAll(List<PackageRecord> packages, JsonNode list, Set<String> devNames, String location) {
        if (!list.isArray()) {
            return;
        }
        for (JsonNode pkg : list.values()) {
            if (packages.size() >= MAX_PACKAGES) {
                return;
            }
            String name = BoundedJson.text(pkg.path("name"));
            String version = BoundedJson.text(pkg.path("version"));
            if (name == null || version == null || !PACKAGE_NAME.matcher(name).matches() || version.isBlank()
                    || version.length() > 256) {
                continue;
            }
            boolean dev = devNames == null || devNames.contains(name);
            packages.add(record(pkg, name, version, dev, location));
        }
    }

    private static PackageRecord record(JsonNode pkg, String fullName, String version, boolean dev, String location) {
        int slash = fullName.indexOf('/');
        String vendor = fullName.substring(0, slash);
        String name = fullName.substring(slash + 1);
        Map<String, String> metadata = new LinkedHashMap<>();
        BoundedJson.putText(metadata, "composer.type", pkg.path("type"));
        BoundedJson.putText(metadata, "composer.source-reference", pkg.path("source").path("reference"));
        BoundedJson.putText(metadata, "composer.dist-shasum", pkg.path("dist").path("shasum"));
        if (dev) {
            metadata.put("composer.dev", "true");
        }
        return PackageRecord.language(PackageTypes.COMPOSER, fullName, version, strings(pkg.path("license"),
                        MAX_LICENSES), authors(pkg.path("authors")), location,
                PackageUrl.builder("composer", name).namespace(vendor).version(version).build(),
                LanguageCpes.of(List.of(vendor, name), List.of(name), version, null), List.of(), metadata);
    }

    /** Authors' names, comma-joined as Anchore shows origins. */
    private static String authors(JsonNode authors) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode author : authors.values()) {
            String name = BoundedJson.text(author.path("name"));
            if (name != null && !name.isBlank() && names.size() < MAX_AUTHORS) {
                names.add(name.strip());
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** A string or an array of strings (the schema allows both for {@code license}). */
    private static List<String> strings(JsonNode node, int max) {
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : node.values()) {
            String text = BoundedJson.text(value);
            if (text != null && !text.isBlank() && values.size() < max) {
                values.add(text);
            }
        }
        return List.copyOf(values);
    }
}
