package io.drydock.analyzer.catalogers.apk;

import java.util.List;

/**
 * One package of apk's installed database.
 *
 * @param origin     the source package ({@code o:}); null when absent
 * @param license    the {@code L:} expression as written
 * @param sizeBytes  {@code I:}, already in bytes; null when absent
 * @param files      owned files ({@code F:} directory + {@code R:} name), absolute
 */
record ApkPackage(
        String name,
        String version,
        String arch,
        String origin,
        String license,
        Long sizeBytes,
        String maintainer,
        List<String> files) {
}
