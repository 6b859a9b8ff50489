package io.drydock.analyzer.catalogers.dpkg;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of one dpkg stanza the analysis keeps.
 *
 * @param sourceName    from {@code Source}, else the package name
 * @param sourceVersion from {@code Source: name (version)}, else the package version
 * @param sizeBytes     {@code Installed-Size} (KiB) in bytes, or null
 */
record DpkgPackage(
        String name,
        String version,
        String arch,
        String sourceName,
        String sourceVersion,
        Long sizeBytes,
        String maintainer) {

    private static final Pattern SOURCE = Pattern.compile("^(\\S+)(?:\\s+\\((.+)\\))?$");

    /**
     * The package described by a stanza, if it is installed. The main status file records every package dpkg ever
     * saw, so its Status must say installed; distroless {@code status.d} files list only installed packages and may
     * omit the field.
     */
    static Optional<DpkgPackage> from(Map<String, String> fields, boolean statusRequired) {
        String name = fields.getOrDefault("Package", "");
        String version = fields.getOrDefault("Version", "");
        if (name.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        String status = fields.get("Status");
        if (status == null ? statusRequired : !installed(status)) {
            return Optional.empty();
        }
        String sourceName = name;
        String sourceVersion = version;
        Matcher source = SOURCE.matcher(fields.getOrDefault("Source", ""));
        if (source.matches()) {
            sourceName = source.group(1);
            if (source.group(2) != null) {
                sourceVersion = source.group(2).strip();
            }
        }
        return Optional.of(new DpkgPackage(name, version, emptyToNull(fields.get("Architecture")), sourceName,
                sourceVersion, kibToBytes(fields.get("Installed-Size")), emptyToNull(fields.get("Maintainer"))));
    }

    /**
     * {@code <want> <flag> <state>}: the state must be {@code installed}. A wanted state of {@code deinstall} or
     * {@code purge} means removal is pending; {@code hold} is kept, since a held package is installed and as
     * vulnerable as any other. Half-installed, unpacked, config-files and not-installed states are skipped.
     */
    static boolean installed(String status) {
        String[] words = status.strip().split("\\s+");
        return words.length == 3 && (words[0].equals("install") || words[0].equals("hold"))
                && words[2].equals("installed");
    }

    private static Long kibToBytes(String installedSize) {
        if (installedSize == null) {
            return null;
        }
        try {
            return Math.multiplyExact(Long.parseLong(installedSize.strip()), 1024L);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
