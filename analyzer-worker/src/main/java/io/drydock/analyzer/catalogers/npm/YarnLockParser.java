package io.drydock.analyzer.catalogers.npm;

import java.util.Set;

/**
 * {@code yarn.lock}, both forms: Yarn 1's own format ({@code "a@^1.0.0", a@^1.1.0:} then {@code   version "1.2.0"})
 * and Yarn 2+'s YAML ({@code "a@npm:^1.0.0":} then {@code   version: 1.2.0} and {@code   resolution: "a@npm:1.2.0"}).
 * Both put one entry per line at column 0 with its fields indented by two spaces, so one line reader serves both; no
 * YAML feature beyond that (anchors, aliases, flow collections) is interpreted, and deeper lines are skipped.
 */
final class YarnLockParser {

    /** Protocols of Yarn 2+ resolutions that point into the project itself rather than at a published package. */
    private static final Set<String> LOCAL_PROTOCOLS = Set.of("workspace:", "link:", "portal:", "file:");

    private YarnLockParser() {
    }

    static void parse(String text, LockSink sink) {
        String descriptor = null;
        String version = null;
        String resolution = null;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                add(descriptor, version, resolution, sink);
                descriptor = line.endsWith(":") ? firstDescriptor(line.substring(0, line.length() - 1)) : null;
                version = null;
                resolution = null;
            } else if (descriptor != null && line.startsWith("  ") && !Character.isWhitespace(line.charAt(2))) {
                String field = line.strip();
                int split = indexOfSeparator(field);
                if (split < 0) {
                    continue;
                }
                String key = unquote(field.substring(0, split));
                String value = unquote(field.substring(split + 1).strip());
                if (key.equals("version")) {
                    version = value;
                } else if (key.equals("resolution")) {
                    resolution = value;
                }
            }
        }
        add(descriptor, version, resolution, sink);
    }

    private static void add(String descriptor, String version, String resolution, LockSink sink) {
        if (descriptor == null || version == null || descriptor.equals("__metadata")) {
            return;
        }
        String spec = resolution != null ? resolution : descriptor;
        int at = spec.indexOf('@', 1);
        if (at < 0) {
            return;
        }
        String name = spec.substring(0, at);
        String range = spec.substring(at + 1);
        if (range.startsWith("npm:") && resolution == null) {
            // Yarn 1 alias: "my-lodash@npm:lodash@^4.17.0" installs lodash
            String target = range.substring("npm:".length());
            int targetAt = target.indexOf('@', 1);
            name = targetAt > 0 ? target.substring(0, targetAt) : target;
        }
        for (String local : LOCAL_PROTOCOLS) {
            if (range.startsWith(local)) {
                return;
            }
        }
        sink.add(name, version);
    }

    /** {@code "a@^1.0.0", "a@^1.1.0"} or {@code a@^1.0.0, a@^1.1.0}: the first, unquoted. */
    private static String firstDescriptor(String header) {
        if (header.startsWith("\"")) {
            int end = header.indexOf('"', 1);
            return end > 0 ? header.substring(1, end) : null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }

    /** Yarn 1 separates key and value with a space, Yarn 2+ with {@code ": "}; keys may be quoted. */
    private static int indexOfSeparator(String field) {
        int start = 0;
        if (field.startsWith("\"")) {
            int end = field.indexOf('"', 1);
            if (end < 0) {
                return -1;
            }
            start = end + 1;
        }
        for (int i = start; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ' ' || (c == ':' && (i + 1 == field.length() || field.charAt(i + 1) == ' '))) {
                return i;
            }
        }
        return -1;
    }

    static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
