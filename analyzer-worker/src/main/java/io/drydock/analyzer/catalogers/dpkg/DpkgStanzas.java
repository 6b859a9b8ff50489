package io.drydock.analyzer.catalogers.dpkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits dpkg's RFC-822-like control data into stanzas: blank lines separate them, {@code Field: value} starts a
 * field, a line starting with a space or tab continues the previous one. Field names are case-insensitive.
 */
final class DpkgStanzas {

    private DpkgStanzas() {
    }

    static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = newStanza();
        String lastField = null;
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = newStanza();
                }
                lastField = null;
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (lastField != null) {
                    current.merge(lastField, "\n" + line.strip(), String::concat);
                }
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    lastField = null;
                    continue;
                }
                lastField = line.substring(0, colon).strip();
                current.put(lastField, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }

    private static Map<String, String> newStanza() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}
