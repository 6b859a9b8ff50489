package io.drydock.analyzer.catalogers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CPE 2.3 candidates for a language package, the way syft derives them: every vendor candidate paired with every
 * product candidate, the package's own names first, bounded so that a package cannot multiply its matching work.
 * Vulnerability matching against NVD data tries each one.
 */
public final class LanguageCpes {

    /** Enough for the name variants an ecosystem produces; more only multiplies false positives. */
    public static final int MAX_CPES = 8;

    private LanguageCpes() {
    }

    /**
     * {@code cpe:2.3:a:<vendor>:<product>:<version>:*:*:*:*:<targetSoftware>:*:*} for each pair, in candidate order,
     * without duplicates or empty components.
     *
     * @param targetSoftware the ecosystem ({@code python}, {@code ruby}), or null for any
     */
    public static List<String> of(List<String> vendors, List<String> products, String version, String targetSoftware) {
        String escapedVersion = escape(version);
        if (escapedVersion.isEmpty()) {
            return List.of();
        }
        String target = targetSoftware == null ? "*" : escape(targetSoftware);
        Set<String> cpes = new LinkedHashSet<>();
        for (String product : products) {
            for (String vendor : vendors) {
                String v = escape(vendor);
                String p = escape(product);
                if (!v.isEmpty() && !p.isEmpty() && cpes.size() < MAX_CPES) {
                    cpes.add("cpe:2.3:a:" + v + ":" + p + ":" + escapedVersion + ":*:*:*:*:" + target + ":*:*");
                }
            }
        }
        return List.copyOf(cpes);
    }

    /**
     * The formatted-string binding of CPE 2.3 (NISTIR 7695 §6.2): lower case, spaces become {@code _}, and every
     * character but letters, digits, {@code _}, {@code -} and {@code .} is quoted with a backslash.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String lower = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.') {
                out.append(c);
            } else if (c >= 0x21 && c <= 0x7e) {
                out.append('\\').append(c);
            }
            // Control and non-ASCII characters cannot appear in a CPE and are dropped.
        }
        return out.toString();
    }
}
