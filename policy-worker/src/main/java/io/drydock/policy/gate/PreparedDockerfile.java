package io.drydock.policy.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;

/**
 * A Dockerfile pre-parsed the way Anchore does it: comment and blank lines dropped, lines ending in a backslash
 * joined to the next (without a separator, as Anchore does), each logical line filed under its upper-cased first
 * token. Lines keep their original text, directive included.
 */
public record PreparedDockerfile(Map<String, List<String>> linesByDirective) {
    public PreparedDockerfile {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        linesByDirective.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        linesByDirective = java.util.Collections.unmodifiableMap(copy);
    }

    public static PreparedDockerfile parse(String contents) {
        Map<String, List<String>> byDirective = new LinkedHashMap<>();
        if (contents == null) {
            return new PreparedDockerfile(byDirective);
        }
        StringBuilder buffer = new StringBuilder();
        for (String raw : contents.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                buffer.append(line, 0, line.length() - 1);
                continue;
            }
            buffer.append(line);
            String logical = buffer.toString();
            buffer.setLength(0);
            int space = logical.indexOf(' ');
            String directive = (space < 0 ? logical : logical.substring(0, space)).toUpperCase(Locale.ROOT);
            byDirective.computeIfAbsent(directive, d -> new ArrayList<>()).add(logical);
        }
        return new PreparedDockerfile(byDirective);
    }

    public List<String> lines(String directive) {
        return linesByDirective.getOrDefault(directive, List.of());
    }

    public boolean isEmpty() {
        return linesByDirective.isEmpty();
    }
}
