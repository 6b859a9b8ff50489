package io.drydock.analyzer.catalogers.java;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code META-INF/MANIFEST.MF}: the main section and the named sections, as the JAR File Specification writes them
 * (name: value lines, a line starting with one space continues the previous one, a blank line ends a section).
 * Lenient like the JDK's reader: lines that are not attributes are ignored. Bounded: at most
 * {@link #MAX_ATTRIBUTES} attributes in all and {@link #MAX_VALUE_LENGTH} characters per value.
 */
record JarManifest(Map<String, String> main, List<Map<String, String>> sections) {

    static final int MAX_ATTRIBUTES = 10_000;
    static final int MAX_VALUE_LENGTH = 64 * 1024;

    static final JarManifest EMPTY = new JarManifest(Map.of(), List.of());

    static JarManifest parse(String text) {
        Map<String, String> main = new LinkedHashMap<>();
        List<Map<String, String>> sections = new ArrayList<>();
        Map<String, String> current = main;
        StringBuilder value = null;
        String key = null;
        int attributes = 0;
        for (String line : text.split("\r\n|\r|\n", -1)) {
            if (line.startsWith(" ")) {
                if (value != null && value.length() + line.length() <= MAX_VALUE_LENGTH) {
                    value.append(line, 1, line.length());
                }
                continue;
            }
            if (key != null) {
                current.putIfAbsent(key, value.toString().trim());
                key = null;
                value = null;
            }
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    current = new LinkedHashMap<>();
                    sections.add(current);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || ++attributes > MAX_ATTRIBUTES) {
                continue;
            }
            key = line.substring(0, colon).trim();
            value = new StringBuilder(line.substring(colon + 1, Math.min(line.length(), colon + 1 + MAX_VALUE_LENGTH)));
        }
        if (key != null) {
            current.putIfAbsent(key, value.toString().trim());
        }
        sections.removeIf(Map::isEmpty);
        return new JarManifest(Map.copyOf(main), sections.stream().map(Map::copyOf).toList());
    }

    /** The main section's value, when present and not blank. */
    Optional<String> mainValue(String name) {
        return nonBlank(main.get(name));
    }

    /** The main section's value, else the first named section's that has it (old jars version their packages there). */
    Optional<String> value(String name) {
        Optional<String> value = mainValue(name);
        for (int i = 0; value.isEmpty() && i < sections.size(); i++) {
            value = nonBlank(sections.get(i).get(name));
        }
        return value;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
