package io.drydock.analyzer.distro;

import java.util.HashMap;
import java.util.Map;

/** Reads the shell-compatible {@code KEY=value} assignments of os-release(5). */
final class OsRelease {

    private OsRelease() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            int equals = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || equals <= 0) {
                continue;
            }
            values.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
        }
        return values;
    }

    /** Double quotes allow backslash escapes, single quotes none, as in a shell. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String inner = value.substring(1, value.length() - 1);
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    c = inner.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }
}
