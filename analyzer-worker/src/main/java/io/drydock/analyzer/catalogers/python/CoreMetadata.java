package io.drydock.analyzer.catalogers.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of a Python core metadata file ({@code METADATA}, {@code PKG-INFO}): RFC 822-style {@code Name: value}
 * lines, a value continued on following lines that start with whitespace, repeated fields ({@code Classifier}) kept
 * in order, and everything after the first empty line (the long description) ignored. See
 * https://packaging.python.org/en/latest/specifications/core-metadata/.
 */
final class CoreMetadata {

    /** Real files have a few dozen headers; hundreds of classifiers at most. */
    static final int MAX_HEADERS = 5_000;
    /** A License field may hold a whole license text; what is kept of it is bounded. */
    static final int MAX_VALUE_CHARS = 64 * 1024;

    private final Map<String, List<String>> fields;

    private CoreMetadata(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static CoreMetadata parse(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        StringBuilder value = null;
        String name = null;
        int headers = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (value != null && value.length() < MAX_VALUE_CHARS) {
                    value.append('\n').append(line.strip());
                    truncate(value);
                }
                continue;
            }
            add(fields, name, value);
            name = null;
            value = null;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a header: a damaged file, read what is readable
            }
            if (++headers > MAX_HEADERS) {
                break;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1).strip());
            truncate(value);
        }
        add(fields, name, value);
        return new CoreMetadata(fields);
    }

    private static void truncate(StringBuilder value) {
        if (value.length() > MAX_VALUE_CHARS) {
            value.setLength(MAX_VALUE_CHARS);
        }
    }

    private static void add(Map<String, List<String>> fields, String name, StringBuilder value) {
        if (name != null) {
            fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value.toString().strip());
        }
    }

    /** The first value of the field (case-insensitive name), or null when it is absent or empty. */
    String first(String field) {
        List<String> values = fields.get(field.toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            return null;
        }
        return values.getFirst();
    }

    /** Every value of a repeatable field, in file order. */
    List<String> all(String field) {
        return fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of());
    }
}
