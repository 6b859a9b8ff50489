package io.drydock.analyzer.catalogers.python;

import io.drydock.analyzer.layer.ImagePaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files a Python package says it installed: a wheel's {@code RECORD} (CSV rows {@code path,hash,size}, paths
 * relative to the site-packages directory, see https://packaging.python.org/en/latest/specifications/recording-installed-packages/)
 * or an egg's {@code installed-files.txt} (one path a line, relative to the {@code .egg-info} directory). Paths that
 * climb above the image root are dropped.
 */
final class OwnedFiles {

    /** The largest real packages (botocore, tensorflow) list a few tens of thousands of files. */
    static final int MAX_FILES = 100_000;

    private OwnedFiles() {
    }

    /** @param sitePackages the directory the paths are relative to, normalised */
    static List<String> fromRecord(String record, String sitePackages) {
        Set<String> files = new LinkedHashSet<>();
        for (String line : lines(record)) {
            String path = firstCsvField(line);
            if (path != null) {
                resolve(sitePackages, path).ifPresent(files::add);
            }
            if (files.size() >= MAX_FILES) {
                break;
            }
        }
        return List.copyOf(files);
    }

    /** @param eggInfo the {@code .egg-info} directory the paths are relative to, normalised */
    static List<String> fromInstalledFiles(String installedFiles, String eggInfo) {
        Set<String> files = new LinkedHashSet<>();
        for (String line : lines(installedFiles)) {
            resolve(eggInfo, line.strip()).ifPresent(files::add);
            if (files.size() >= MAX_FILES) {
                break;
            }
        }
        return List.copyOf(files);
    }

    /** Bounded line splitting: at most {@link #MAX_FILES} twice over, so blank padding cannot spin. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length() && lines.size() < 2 * MAX_FILES) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
            start = end + 1;
        }
        return lines;
    }

    /** The first field of a row in Python's default CSV dialect: {@code "} quotes, {@code ""} escapes one. */
    static String firstCsvField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder field = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    return field.toString();
                }
            } else {
                field.append(c);
            }
        }
        return null; // unterminated quote: not a row
    }

    private static Optional<String> resolve(String base, String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String joined = path.startsWith("/") ? path : base + "/" + path;
        return ImagePaths.normalize(joined).filter(normal -> !normal.isEmpty()).map(ImagePaths::absolute);
    }
}
