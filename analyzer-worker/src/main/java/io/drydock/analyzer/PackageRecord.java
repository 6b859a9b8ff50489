package io.drydock.analyzer;

import java.util.List;
import java.util.Objects;

/**
 * One installed OS package.
 *
 * @param type          {@code dpkg} or {@code APKG}, as Anchore types them
 * @param version       full version as the package manager writes it (dpkg: with epoch)
 * @param sourceName    source package (dpkg {@code Source}, apk origin); the package's own name when none is given
 * @param sourceVersion source package version; the package's own version when none is given
 * @param size          installed size in bytes, or null when the database does not say
 * @param origin        who ships it: the maintainer
 * @param layerDigest   the first layer whose package database lists this name and version
 * @param location      the package database it was read from ({@code /var/lib/dpkg/status})
 * @param purl          package URL, canonical form
 * @param files         absolute paths the package database says the package owns (directories left out)
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
        List<String> files) {

    public PackageRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
