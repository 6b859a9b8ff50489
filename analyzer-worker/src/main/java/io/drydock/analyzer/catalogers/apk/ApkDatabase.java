package io.drydock.analyzer.catalogers.apk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code /lib/apk/db/installed}: stanzas separated by blank lines, one {@code X:value} per line, where the
 * single-letter key says what the value is. {@code R:} lines name files inside the last {@code F:} directory.
 */
final class ApkDatabase {

    private ApkDatabase() {
    }

    static List<ApkPackage> parse(String text) {
        List<ApkPackage> packages = new ArrayList<>();
        Builder current = new Builder();
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                current.build().ifPresent(packages::add);
                current = new Builder();
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            current.accept(line.charAt(0), line.substring(2));
        }
        current.build().ifPresent(packages::add);
        return packages;
    }

    private static final class Builder {
        private String name;
        private String version;
        private String arch;
        private String origin;
        private String license;
        private Long size;
        private String maintainer;
        private String directory = "";
        private final List<String> files = new ArrayList<>();

        void accept(char key, String value) {
            switch (key) {
                case 'P' -> name = value.strip();
                case 'V' -> version = value.strip();
                case 'A' -> arch = value.strip();
                case 'o' -> origin = value.strip();
                case 'L' -> license = value.strip();
                case 'm' -> maintainer = value.strip();
                case 'I' -> size = parseSize(value);
                case 'F' -> directory = value.strip();
                case 'R' -> files.add("/" + (directory.isEmpty() ? "" : directory + "/") + value.strip());
                default -> {
                    // Checksums, dependencies, build metadata: not part of the package record.
                }
            }
        }

        Optional<ApkPackage> build() {
            if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ApkPackage(name, version, arch, origin, license, size, maintainer,
                    List.copyOf(files)));
        }

        private static Long parseSize(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
