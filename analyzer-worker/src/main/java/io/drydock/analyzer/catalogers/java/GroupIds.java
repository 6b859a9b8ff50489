package io.drydock.analyzer.catalogers.java;

import java.util.List;
import java.util.Optional;

/**
 * Infers a Maven groupId from a manifest when an archive carries no Maven metadata, as syft does: the first of the
 * usual identity fields whose value looks like a reverse domain name ({@code org.apache.oro}), then the weaker
 * ones. OSGi directives ({@code ;singleton:=true}) are cut off, and fields that name a class (an activator, a main
 * class) give their package.
 */
final class GroupIds {

    private static final List<String> DOMAINS = List.of("com.", "org.", "net.", "io.", "be.");
    private static final List<String> PRIMARY_FIELDS = List.of("Bundle-SymbolicName", "Extension-Name",
            "Specification-Vendor", "Implementation-Vendor", "Implementation-Vendor-Id", "Implementation-Title",
            "Bundle-Activator");
    private static final List<String> SECONDARY_FIELDS = List.of("Automatic-Module-Name", "Main-Class", "Package");
    private static final List<String> CLASS_FIELDS = List.of("Bundle-Activator", "Main-Class");

    private GroupIds() {
    }

    static Optional<String> fromManifest(JarManifest manifest) {
        return first(manifest, PRIMARY_FIELDS).or(() -> first(manifest, SECONDARY_FIELDS));
    }

    private static Optional<String> first(JarManifest manifest, List<String> fields) {
        for (String field : fields) {
            Optional<String> value = manifest.value(field).map(GroupIds::clean).filter(GroupIds::looksLikeGroupId);
            if (value.isPresent()) {
                String groupId = value.get();
                if (CLASS_FIELDS.contains(field)) {
                    int dot = groupId.lastIndexOf('.');
                    groupId = groupId.substring(0, dot);
                }
                return Optional.of(groupId);
            }
        }
        return Optional.empty();
    }

    static boolean looksLikeGroupId(String value) {
        if (value.length() > 256 || value.chars().anyMatch(c -> c != '.' && c != '-' && c != '_'
                && !Character.isLetterOrDigit(c))) {
            return false;
        }
        return DOMAINS.stream().anyMatch(value::startsWith) && value.indexOf('.') < value.length() - 1;
    }

    private static String clean(String value) {
        int semicolon = value.indexOf(';');
        String cut = semicolon >= 0 ? value.substring(0, semicolon) : value;
        int hash = cut.indexOf('#');
        return (hash >= 0 ? cut.substring(0, hash) : cut).trim();
    }
}
