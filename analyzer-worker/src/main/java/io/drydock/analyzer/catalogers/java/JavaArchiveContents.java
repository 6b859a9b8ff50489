package io.drydock.analyzer.catalogers.java;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.PackageUrl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one Java archive says about itself and about what it contains, and the packages that follow from it: the
 * archive itself (from the pom.properties that describes it, else its manifest and file name) and every other Maven
 * artifact whose pom.properties or pom.xml it carries (shaded and uber jars). A Maven file that describes the archive
 * itself is folded into the archive's package, never reported twice.
 *
 * @param location the archive's path, archives inside archives joined with {@code :}
 * @param fileName its own path, in the image or in the archive holding it: the name hints at its identity
 * @param manifest {@link JarManifest#EMPTY} when the archive has none
 * @param maven    coordinates per {@code META-INF/maven/<groupId>/<artifactId>} directory: pom.properties, with a
 *                 missing groupId filled from the pom.xml beside it, else the pom.xml alone
 */
record JavaArchiveContents(String location, String fileName, boolean hasManifest, JarManifest manifest,
                           SortedMap<String, Coordinates> maven) {

    static final String NOT_AVAILABLE = "N/A";
    private static final List<String> MANIFEST_FIELDS = List.of("Implementation-Title", "Implementation-Vendor",
            "Specification-Title", "Specification-Vendor", "Bundle-SymbolicName", "Bundle-Version", "Bundle-Vendor",
            "Automatic-Module-Name", "Main-Class", "Short-Name", "Plugin-Version", "Group-Id");
    private static final int MAX_METADATA_VALUE = 1024;

    /** A Maven artifact's identity; groupId may be unknown. */
    record Coordinates(String groupId, String artifactId, String version) {
    }

    JavaArchiveContents {
        maven = new TreeMap<>(maven);
    }

    static Coordinates coordinates(Optional<PomProperties> properties, Optional<PomXml> pom) {
        if (properties.isPresent()) {
            PomProperties p = properties.get();
            String groupId = p.groupId() != null ? p.groupId() : pom.map(PomXml::groupId).orElse(null);
            return new Coordinates(groupId, p.artifactId(), p.version());
        }
        return pom.map(x -> new Coordinates(x.groupId(), x.artifactId(), x.version())).orElse(null);
    }

    List<PackageRecord> packages() {
        ArchiveFileName file = ArchiveFileName.of(fileName);
        String javaType = javaType(file.extension());
        boolean plugin = file.extension().equals("hpi") || file.extension().equals("jpi");
        Map<String, Coordinates> others = new TreeMap<>(maven);
        Optional<String> ownDirectory = ownDirectory(file, plugin);
        Coordinates own = ownDirectory.map(others::remove).orElse(null);

        List<PackageRecord> packages = new ArrayList<>();
        if (hasManifest || own != null) {
            mainPackage(file, javaType, plugin, own).ifPresent(packages::add);
        }
        for (Coordinates embedded : others.values()) {
            boolean isTheArchive = !packages.isEmpty() && packages.getFirst().purl()
                    .equals(purl(embedded.groupId(), embedded.artifactId(), embedded.version()));
            if (!isTheArchive) {
                packages.add(record(embedded.groupId(), embedded.artifactId(), embedded.version(), null, javaType,
                        null, null, embedded, Map.of()));
            }
        }
        return packages;
    }

    /**
     * The Maven directory describing the archive itself: the one whose artifactId is the file name's (a Jenkins
     * plugin's short name), else the only one whose artifactId starts with it ({@code guava} in
     * {@code guava-31.1-jre.jar}), else, for an archive without any other naming hint, nothing.
     */
    private Optional<String> ownDirectory(ArchiveFileName file, boolean plugin) {
        String name = plugin ? manifest.mainValue("Short-Name").orElse(file.name()) : file.name();
        if (name.isEmpty()) {
            return maven.size() == 1 && !hasManifest ? Optional.of(maven.firstKey()) : Optional.empty();
        }
        List<String> exact = new ArrayList<>();
        List<String> prefixed = new ArrayList<>();
        maven.forEach((directory, coordinates) -> {
            String artifactId = coordinates.artifactId().toLowerCase(Locale.ROOT);
            if (artifactId.equals(name.toLowerCase(Locale.ROOT))) {
                exact.add(directory);
            } else if (artifactId.startsWith(name.toLowerCase(Locale.ROOT))) {
                prefixed.add(directory);
            }
        });
        if (exact.size() == 1) {
            return Optional.of(exact.getFirst());
        }
        return exact.isEmpty() && prefixed.size() == 1 ? Optional.of(prefixed.getFirst()) : Optional.empty();
    }

    private Optional<PackageRecord> mainPackage(ArchiveFileName file, String javaType, boolean plugin,
                                                Coordinates own) {
        String name;
        String version;
        String groupId;
        if (own != null) {
            name = own.artifactId();
            version = own.version();
            groupId = own.groupId();
        } else {
            name = (plugin ? manifest.mainValue("Short-Name") : Optional.<String>empty())
                    .or(() -> Optional.of(file.name()).filter(n -> !n.isEmpty()))
                    .or(() -> manifest.mainValue("Short-Name"))
                    .or(() -> manifest.mainValue("Extension-Name"))
                    .or(() -> manifest.value("Implementation-Title"))
                    .or(() -> manifest.mainValue("Bundle-Name"))
                    .orElse(null);
            if (name == null) {
                return Optional.empty();
            }
            version = (plugin ? manifest.mainValue("Plugin-Version") : Optional.<String>empty())
                    .or(() -> Optional.of(file.version()).filter(v -> !v.isEmpty()))
                    .or(() -> manifest.value("Implementation-Version"))
                    .or(() -> manifest.value("Specification-Version"))
                    .or(() -> manifest.mainValue("Bundle-Version"))
                    .orElse(null);
            groupId = (plugin ? manifest.mainValue("Group-Id") : Optional.<String>empty())
                    .or(() -> GroupIds.fromManifest(manifest))
                    .orElse(null);
        }
        Map<String, String> manifestMetadata = new LinkedHashMap<>();
        for (String field : MANIFEST_FIELDS) {
            manifest.mainValue(field).ifPresent(value -> manifestMetadata.put("manifest." + field, bounded(value)));
        }
        String vendor = manifest.value("Implementation-Vendor").or(() -> manifest.value("Specification-Vendor"))
                .or(() -> manifest.mainValue("Bundle-Vendor")).orElse(null);
        return Optional.of(record(groupId, name, version, vendor, javaType,
                manifest.value("Specification-Version").orElse(null),
                manifest.value("Implementation-Version").orElse(null), own, manifestMetadata));
    }

    private PackageRecord record(String groupId, String name, String version, String vendor, String javaType,
                                 String specificationVersion, String implementationVersion, Coordinates pom,
                                 Map<String, String> manifestMetadata) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("java-type", javaType);
        metadata.put("specification-version", orNotAvailable(specificationVersion));
        metadata.put("implementation-version", orNotAvailable(implementationVersion));
        metadata.put("maven-version", pom == null ? NOT_AVAILABLE : pom.version());
        if (pom != null) {
            if (pom.groupId() != null) {
                metadata.put("pom.groupId", pom.groupId());
            }
            metadata.put("pom.artifactId", pom.artifactId());
            metadata.put("pom.version", pom.version());
        }
        metadata.putAll(manifestMetadata);
        String shownVersion = version == null ? NOT_AVAILABLE : version;
        return PackageRecord.language(PackageTypes.JAVA, name, shownVersion, List.of(),
                groupId != null ? groupId : vendor, location, purl(groupId, name, version),
                JavaCpes.candidates(groupId, name, vendor, version), List.of(), metadata);
    }

    /** {@code pkg:maven/<groupId>/<artifactId>@<version>}; syft's namespace when no groupId is known is the name. */
    static String purl(String groupId, String artifactId, String version) {
        return PackageUrl.builder("maven", artifactId)
                .namespace(groupId == null ? artifactId : groupId)
                .version(version)
                .build();
    }

    /** Anchore's {@code JAVA-*} types; the other jar-shaped archives (par, sar, kar, nar) are jars. */
    static String javaType(String extension) {
        return switch (extension) {
            case "war", "ear", "jpi", "hpi" -> "JAVA-" + extension.toUpperCase(Locale.ROOT);
            default -> "JAVA-JAR";
        };
    }

    private static String orNotAvailable(String value) {
        return value == null ? NOT_AVAILABLE : bounded(value);
    }

    private static String bounded(String value) {
        return value.length() <= MAX_METADATA_VALUE ? value : value.substring(0, MAX_METADATA_VALUE);
    }
}
