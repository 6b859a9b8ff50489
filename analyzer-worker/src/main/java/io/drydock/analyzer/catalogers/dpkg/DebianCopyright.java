package io.drydock.analyzer.catalogers.dpkg;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Licenses from a Debian {@code copyright} file in the machine-readable format (DEP-5). Free-form copyright files
 * name licenses in prose; guessing from them would produce wrong answers, so they yield none.
 */
final class DebianCopyright {

    private DebianCopyright() {
    }

    static List<String> licenses(String text) {
        String first = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
        if (!first.toLowerCase(Locale.ROOT).startsWith("format:")) {
            return List.of();
        }
        Set<String> licenses = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            // Only field lines: a "License:" inside an indented license text is prose, not a field.
            if (line.regionMatches(true, 0, "License:", 0, "License:".length())) {
                String value = line.substring("License:".length()).strip();
                if (!value.isEmpty()) {
                    licenses.add(value);
                }
            }
        }
        return List.copyOf(licenses);
    }
}
