package io.drydock.analyzer.catalogers.rust;

import io.drydock.analyzer.catalogers.QuotedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code [[package]]} tables of a {@code Cargo.lock}, read with the subset of TOML (toml.io, v1.0.0) Cargo writes
 * there: table and array-of-tables headers, {@code key = value} pairs with basic or literal strings, integers, and
 * arrays that may span lines (read past, never built). Anything else is an error: Cargo does not write it, so the file
 * was not written by Cargo. Nothing nests, so nothing recurses.
 */
final class CargoLock {

    /** rustc's own lock file has under 1 000 packages. */
    static final int MAX_PACKAGES = 100_000;
    private static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern CRATE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+\\-]{0,255}");

    record Crate(String name, String version, String source, String checksum) {
    }

    private CargoLock() {
    }

    static List<Crate> parse(String text) throws IOException {
        List<Crate> crates = new ArrayList<>();
        String[] current = null; // name, version, source, checksum of the [[package]] being read
        int arrayDepth = 0;
        int lineNumber = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            lineNumber++;
            String line = raw.strip();
            if (arrayDepth > 0) {
                arrayDepth = skipArray(line, arrayDepth, lineNumber);
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                add(current, crates);
                current = line.equals("[[package]]") ? new String[4] : null;
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IOException("line " + lineNumber + ": not a TOML key = value pair");
            }
            String key = unquoteKey(line.substring(0, equals).strip());
            String value = line.substring(equals + 1).strip();
            if (value.startsWith("[")) {
                arrayDepth = skipArray(value, 0, lineNumber);
                continue;
            }
            if (current != null) {
                int field = switch (key) {
                    case "name" -> 0;
                    case "version" -> 1;
                    case "source" -> 2;
                    case "checksum" -> 3;
                    default -> -1;
                };
                if (field >= 0) {
                    current[field] = string(value, lineNumber);
                }
            }
        }
        add(current, crates);
        return crates;
    }

    private static void add(String[] table, List<Crate> crates) throws IOException {
        if (table == null || table[0] == null || table[1] == null
                || !CRATE_NAME.matcher(table[0]).matches() || !VERSION.matcher(table[1]).matches()) {
            return;
        }
        crates.add(new Crate(table[0], table[1], table[2], table[3]));
        if (crates.size() > MAX_PACKAGES) {
            throw new IOException("more than " + MAX_PACKAGES + " packages; not read");
        }
    }

    /** A basic ({@code "…"}, with escapes) or literal ({@code '…'}) string, or a bare value such as an integer. */
    private static String string(String value, int lineNumber) throws IOException {
        if (value.startsWith("'")) {
            int end = value.indexOf('\'', 1);
            if (end < 0) {
                throw new IOException("line " + lineNumber + ": unterminated string");
            }
            return bounded(value.substring(1, end), lineNumber);
        }
        if (!value.startsWith("\"")) {
            int comment = value.indexOf('#');
            return bounded((comment < 0 ? value : value.substring(0, comment)).strip(), lineNumber);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return bounded(out.toString(), lineNumber);
            }
            if (c == '\\' && i + 1 < value.length()) {
                char escaped = value.charAt(++i);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '"', '\\' -> out.append(escaped);
                    case 'u', 'U' -> {
                        int digits = escaped == 'u' ? 4 : 8;
                        if (i + digits >= value.length()) {
                            throw new IOException("line " + lineNumber + ": bad unicode escape");
                        }
                        try {
                            out.appendCodePoint(Integer.parseInt(value.substring(i + 1, i + 1 + digits), 16));
                        } catch (IllegalArgumentException e) {
                            throw new IOException("line " + lineNumber + ": bad unicode escape", e);
                        }
                        i += digits;
                    }
                    default -> throw new IOException("line " + lineNumber + ": unknown escape \\" + escaped);
                }
            } else {
                out.append(c);
            }
        }
        throw new IOException("line " + lineNumber + ": unterminated string");
    }

    private static String bounded(String value, int lineNumber) throws IOException {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IOException("line " + lineNumber + ": value longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }

    private static String unquoteKey(String key) {
        return key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'")) ? key.substring(1, key.length() - 1)
                : key;
    }

    /**
     * Follows an array's brackets through one line, strings and comments skipped, and returns how deep it still is
     * at the line's end. Cargo writes flat arrays of strings; deeper nesting is refused.
     */
    private static int skipArray(String line, int depth, int lineNumber) throws IOException {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                i = QuotedText.skip(line, i);
                continue;
            }
            if (c == '#') {
                break;
            }
            if (c == '[' && ++depth > 2) {
                throw new IOException("line " + lineNumber + ": arrays nested deeper than Cargo writes them");
            }
            if (c == ']' && --depth == 0) {
                return 0;
            }
            i++;
        }
        return depth;
    }
}
