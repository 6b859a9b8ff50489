package io.drydock.analyzer.catalogers.java;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CPE 2.3 candidates for a Java package, derived from its groupId and artifactId the way syft derives them: vendors are
 * the groupId's fields after the top-level domain ({@code org.apache.logging.log4j} gives {@code apache},
 * {@code logging}, {@code log4j}), then the manifest's vendor name, then the artifactId; products are the artifactId
 * (also with {@code _} for {@code -}), then groupId fields after the organisation that start or end the artifactId
 * (umbrella projects: {@code log4j} for {@code log4j-core}). Fields that only say "plugin" or "client" are left out.
 * Product-major order puts the artifactId's own candidates first; at most {@link #MAX_CPES}.
 */
final class JavaCpes {

    static final int MAX_CPES = 16;
    private static final Set<String> NOT_VENDORS = Set.of("plugin", "plugins");
    private static final Set<String> NOT_PRODUCTS = Set.of("plugin", "plugins", "client");

    private JavaCpes() {
    }

    static List<String> candidates(String groupId, String artifactId, String vendorName, String version) {
        if (version == null || artifactId == null || artifactId.isBlank()) {
            return List.of();
        }
        String[] fields = groupId == null ? new String[0] : groupId.split("\\.");
        Set<String> vendors = new LinkedHashSet<>();
        for (int i = 1; i < fields.length; i++) {
            addIfUsable(vendors, fields[i], NOT_VENDORS);
        }
        if (vendorName != null && !GroupIds.looksLikeGroupId(vendorName)) {
            addIfUsable(vendors, vendorName.trim().replaceAll("\\s+", "_"), NOT_VENDORS);
        }
        addIfUsable(vendors, artifactId, NOT_VENDORS);
        Set<String> products = new LinkedHashSet<>();
        addIfUsable(products, artifactId, Set.of());
        addIfUsable(products, artifactId.replace('-', '_'), Set.of());
        boolean plugin = artifactId.contains("plugin") || (groupId != null && groupId.contains("plugin"));
        for (int i = 2; i < fields.length && !plugin; i++) {
            String field = fields[i].toLowerCase(Locale.ROOT);
            if (!field.isEmpty() && (artifactId.startsWith(field) || artifactId.endsWith(field))) {
                addIfUsable(products, field, NOT_PRODUCTS);
            }
        }
        List<String> cpes = new ArrayList<>();
        for (String product : products) {
            for (String vendor : vendors) {
                if (cpes.size() == MAX_CPES) {
                    return List.copyOf(cpes);
                }
                cpes.add("cpe:2.3:a:" + escape(vendor) + ":" + escape(product) + ":" + escape(version)
                        + ":*:*:*:*:*:*:*");
            }
        }
        return List.copyOf(cpes);
    }

    private static void addIfUsable(Set<String> into, String value, Set<String> excluded) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && lower.length() <= 128 && !excluded.contains(lower)) {
            into.add(lower);
        }
    }

    /**
     * The formatted-string binding of NISTIR 7695 (section 6.2): ASCII letters, digits, {@code _}, {@code -} and
     * {@code .} stand as they are; other printable ASCII characters (the wildcards {@code *} and {@code ?} among
     * them) are quoted with a backslash; anything else becomes {@code _}.
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x80 && Character.isLetterOrDigit(c)) || c == '_' || c == '-' || c == '.') {
                out.append(c);
            } else if (c > ' ' && c < 0x7f) {
                out.append('\\').append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }
}
