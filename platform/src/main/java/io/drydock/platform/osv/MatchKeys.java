package io.drydock.platform.osv;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matching keys: {@code <OSV ecosystem>/<normalised package name>}, the string stored in
 * {@code vulnerability_package.match_key} and {@code image_match_key.match_key}, so that an image's packages and the
 * records that affect them meet on one indexed column. Feed data and image data must build their keys here and
 * nowhere else.
 */
public final class MatchKeys {

    /** PEP 503: runs of {@code -}, {@code _} and {@code .} are one {@code -}. */
    private static final Pattern PEP_503_SEPARATORS = Pattern.compile("[-_.]+");

    /** Analysed package types (analyzer-worker's {@code PackageTypes} and common synonyms) by OSV ecosystem. */
    private static final Map<String, String> LANGUAGE_ECOSYSTEMS = Map.ofEntries(
            Map.entry("java", "Maven"),
            Map.entry("maven", "Maven"),
            Map.entry("python", "PyPI"),
            Map.entry("npm", "npm"),
            Map.entry("gem", "RubyGems"),
            Map.entry("go", "Go"),
            Map.entry("rust", "crates.io"),
            Map.entry("nuget", "NuGet"),
            Map.entry("composer", "Packagist"),
            Map.entry("php", "Packagist"));

    private MatchKeys() {
    }

    /**
     * The key of a package name in an ecosystem. The ecosystem is kept as given (with its release suffix:
     * {@code Debian:12}); the name is normalised as the ecosystem compares names: PyPI by PEP 503 (lower case, runs of
     * {@code -_.} to {@code -}), NuGet and Packagist in lower case (both registries are case-insensitive), everything
     * else as is (npm scopes, Maven {@code groupId:artifactId}, Go module paths, crates, gems, distro source packages).
     */
    public static String of(String ecosystem, String packageName) {
        if (ecosystem == null || ecosystem.isBlank()) {
            throw new IllegalArgumentException("no ecosystem for package '" + packageName + "'");
        }
        if (packageName == null || packageName.isBlank()) {
            throw new IllegalArgumentException("no package name in ecosystem '" + ecosystem + "'");
        }
        return ecosystem + "/" + normalisedName(ecosystem, packageName);
    }

    /** The package name as {@link #of} puts it in the key. */
    public static String normalisedName(String ecosystem, String packageName) {
        return switch (base(ecosystem)) {
            case "PyPI" -> PEP_503_SEPARATORS.matcher(packageName.toLowerCase(Locale.ROOT)).replaceAll("-");
            case "NuGet", "Packagist" -> packageName.toLowerCase(Locale.ROOT);
            default -> packageName;
        };
    }

    /**
     * The OSV ecosystem of an analysed language package type ({@code java} → Maven, {@code python} → PyPI,
     * {@code npm} → npm, {@code gem} → RubyGems, {@code go} → Go, {@code rust} → crates.io, {@code nuget} →
     * NuGet, {@code composer}/{@code php} → Packagist); empty for OS package types ({@code dpkg}, {@code APKG},
     * {@code rpm}), whose ecosystem is the distro's ({@link DistroNamespaces}), and for {@code binary}.
     */
    public static Optional<String> languageEcosystem(String packageType) {
        return packageType == null ? Optional.empty()
                : Optional.ofNullable(LANGUAGE_ECOSYSTEMS.get(packageType.toLowerCase(Locale.ROOT)));
    }

    /** The ecosystem without its {@code :suffix}. */
    static String base(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
