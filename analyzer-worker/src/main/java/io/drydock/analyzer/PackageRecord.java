package io.drydock.analyzer;

import java.util.Collections;
import java.util.LinkedHashMap;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One package found in an image: an OS package from a package database, or a language package from its manifest,
 * archive or binary.
 *
 * @param type          {@link PackageTypes}: {@code dpkg}, {@code APKG} or {@code rpm} for OS packages (as Anchore
 *                      types them), {@code java}, {@code python}, {@code npm}, {@code gem}, {@code go},
 *                      {@code rust}, {@code nuget}, {@code composer} or {@code binary} for the others
 * @param version       full version as the ecosystem writes it (dpkg and rpm: with epoch, rpm: with release)
 * @param sourceName    source package (dpkg {@code Source}, apk origin, rpm source rpm name); the package's own name
 *                      when none is given; null for language packages
 * @param sourceVersion source package version; the package's own version when none is given
 * @param size          installed size in bytes, or null when the source does not say
 * @param origin        who ships it: the maintainer, vendor, author or Maven groupId
 * @param layerDigest   the layer that introduced it: for OS packages the first layer whose package database lists this
 *                      name and version, for the others the layer that wrote the file it was found in
 * @param location      where it was found: the package database ({@code /var/lib/dpkg/status}), or the manifest,
 *                      archive or binary, nested archives joined with {@code :} ({@code /app/x.war:WEB-INF/lib/y.jar})
 * @param purl          package URL, canonical form
 * @param cpes          CPE 2.3 names for matching against NVD data, most specific first
 * @param files         absolute paths the package says it owns (directories left out)
 * @param metadata      ecosystem details a content type or policy gate shows ({@code implementation-version},
 *                      {@code pom.groupId}, ...), in a stable order
 */
public record PackageRecord(
        String type,
        String name,
        String version,
        String arch,
        String sourceName,
        String sourceVersion,
        List<String> licenses,
        Long size,
        String origin,
        String layerDigest,
        String location,
        String purl,
        List<String> cpes,
        List<String> files,
        Map<String, String> metadata) {

    public PackageRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        cpes = cpes == null ? List.of() : List.copyOf(cpes);
        files = files == null ? List.of() : List.copyOf(files);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A language package: no architecture or source package, owned files only when its manifest lists them. */
    public static PackageRecord language(String type, String name, String version, List<String> licenses,
                                         String origin, String location, String purl, List<String> cpes,
                                         List<String> files, Map<String, String> metadata) {
        return new PackageRecord(type, name, version, null, null, null, licenses, null, origin, null, location, purl,
                cpes, files, metadata);
    }

    @JsonIgnore
    public boolean isOsPackage() {
        return PackageTypes.isOs(type);
    }

    public PackageRecord withLayerDigest(String digest) {
        return new PackageRecord(type, name, version, arch, sourceName, sourceVersion, licenses, size, origin, digest,
                location, purl, cpes, files, metadata);
    }

    public PackageRecord withLocation(String value) {
        return new PackageRecord(type, name, version, arch, sourceName, sourceVersion, licenses, size, origin,
                layerDigest, value, purl, cpes, files, metadata);
    }

    public PackageRecord withCpes(List<String> value) {
        return new PackageRecord(type, name, version, arch, sourceName, sourceVersion, licenses, size, origin,
                layerDigest, location, purl, value, files, metadata);
    }
}
