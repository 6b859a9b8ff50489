package io.drydock.analyzer.catalogers.java;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name and version a Java archive's file name suggests, the way Maven names artifacts
 * ({@code <artifactId>-<version>[-<classifier>].<ext>}): the name runs up to the first dash-separated part that starts
 * with a digit (or is {@code build<digits>}, {@code r<digits>} or {@code rc<digits>}); that part and the rest are the
 * version, classifiers and qualifiers included ({@code guava-31.1-jre}, {@code spring-core-5.3.20.RELEASE},
 * {@code app-1.0-SNAPSHOT}). Without such a part, a version joined by {@code _} or {@code .} at the end is taken
 * ({@code org.eclipse.osgi_3.18.0}).
 *
 * @param name    empty when the file name has none (a bare version)
 * @param version empty when the file name carries none
 */
record ArchiveFileName(String name, String version, String extension) {

    private static final Pattern VERSION_PART = Pattern.compile("(?i)(\\d.*|build\\d+.*|rc?\\d+)");
    private static final Pattern TRAILING_VERSION = Pattern.compile("^(.*?[^._])[._](\\d[\\w.]*)$");

    static ArchiveFileName of(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        String extension = dot > 0 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        String[] parts = base.split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            if (VERSION_PART.matcher(parts[i]).matches()) {
                String name = String.join("-", Arrays.copyOfRange(parts, 0, i));
                String version = String.join("-", Arrays.copyOfRange(parts, i, parts.length));
                return new ArchiveFileName(name, version, extension);
            }
        }
        Matcher trailing = TRAILING_VERSION.matcher(base);
        if (trailing.matches()) {
            return new ArchiveFileName(trailing.group(1), trailing.group(2), extension);
        }
        return new ArchiveFileName(base, "", extension);
    }
}
