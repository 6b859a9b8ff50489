package io.drydock.policy.vulnmatch;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.osv.DistroNamespaces;
import io.drydock.platform.osv.DistroNamespaces.DistroNamespace;
import io.drydock.platform.osv.MatchKeys;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching keys of an image's packages ({@code Debian:12/openssl}, {@code Maven/org.apache.logging.log4j:log4j-core},
 * ...), the strings feed-worker indexes {@code vulnerability_package} by.
 *
 * <p>OS packages are keyed in the image's release ecosystem only (resolved from os-release), by binary name and by
 * source package name: distro advisories name source packages ({@code openssl}), images hold binaries
 * ({@code libssl3}). An OS package of an image whose distro has no known ecosystem has no keys. Language packages are
 * keyed in their ecosystem; wherever they were found (a jar nested in a war matches like any jar).
 *
 * @param distroNamespace the image's distro namespace; empty when the distro is not one the feeds know
 * @param distroLabel     {@code <distro>:<version>} as the analysis reports it, for an unknown distro's record
 */
record ImageKeys(Optional<DistroNamespace> distroNamespace, String distroLabel, List<KeyedPackage> packages) {

    /** Package types whose source package name the analyzer records (dpkg Source, apk origin, rpm source rpm). */
    static final Set<String> OS_TYPES = Set.of("dpkg", "APKG", "rpm");
    /** What the reference reports as an OS package's path. */
    static final String OS_PACKAGE_PATH = "pkgdb";

    /**
     * One package and its keys.
     *
     * @param ecosystem the OSV ecosystem it is matched in; null when it has no keys
     * @param path      Anchore's package path: {@code pkgdb} for OS packages, else the location
     */
    record KeyedPackage(StoredPackage pkg, String ecosystem, List<String> keys, String path) {
        boolean isOs() {
            return OS_TYPES.contains(pkg.pkgType());
        }
    }

    static ImageKeys of(StoredAnalysis analysis, List<StoredPackage> packages) {
        List<String> like = analysis.likeDistro() == null ? List.of()
                : Arrays.stream(analysis.likeDistro().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        Optional<DistroNamespace> namespace = analysis.distro() == null ? Optional.empty()
                : DistroNamespaces.resolve(analysis.distro(), analysis.distroVersion(), like);
        List<KeyedPackage> keyed = new ArrayList<>();
        for (StoredPackage pkg : packages) {
            keyed.add(keyed(pkg, namespace));
        }
        return new ImageKeys(namespace, analysis.distro() + ":" + analysis.distroVersion(), keyed);
    }

    /** Every key of the image, sorted (the rows of {@code image_match_key}). */
    Set<String> allKeys() {
        Set<String> all = new TreeSet<>();
        packages.forEach(p -> all.addAll(p.keys()));
        return all;
    }

    /** The language ecosystems the image's packages are matched in, sorted. */
    Set<String> languageEcosystems() {
        Set<String> ecosystems = new TreeSet<>();
        packages.stream().filter(p -> !p.isOs() && p.ecosystem() != null).forEach(p -> ecosystems.add(p.ecosystem()));
        return ecosystems;
    }

    private static KeyedPackage keyed(StoredPackage pkg, Optional<DistroNamespace> namespace) {
        if (OS_TYPES.contains(pkg.pkgType())) {
            if (namespace.isEmpty()) {
                return new KeyedPackage(pkg, null, List.of(), OS_PACKAGE_PATH);
            }
            String ecosystem = namespace.get().osvEcosystem();
            Set<String> keys = new LinkedHashSet<>();
            keys.add(MatchKeys.of(ecosystem, pkg.name()));
            if (pkg.sourceName() != null && !pkg.sourceName().isBlank()) {
                keys.add(MatchKeys.of(ecosystem, pkg.sourceName()));
            }
            return new KeyedPackage(pkg, ecosystem, List.copyOf(keys), OS_PACKAGE_PATH);
        }
        String path = pkg.location() == null ? "" : pkg.location();
        Optional<String> ecosystem = MatchKeys.languageEcosystem(pkg.pkgType());
        if (ecosystem.isEmpty()) {
            return new KeyedPackage(pkg, null, List.of(), path);
        }
        Optional<String> name = "Maven".equals(ecosystem.get()) ? mavenName(pkg) : Optional.of(pkg.name());
        return name.map(n -> new KeyedPackage(pkg, ecosystem.get(), List.of(MatchKeys.of(ecosystem.get(), n)), path))
                .orElseGet(() -> new KeyedPackage(pkg, null, List.of(), path));
    }

    /**
     * {@code groupId:artifactId}: the java cataloger names a package by its artifactId and keeps the Maven coordinates
     * in {@code pom.groupId}/{@code pom.artifactId}; without Maven files the purl's namespace holds the groupId it
     * inferred from the manifest. No groupId at all: not matchable against Maven advisories.
     */
    static Optional<String> mavenName(StoredPackage pkg) {
        String group = pkg.metadata().get("pom.groupId");
        String artifact = pkg.metadata().getOrDefault("pom.artifactId", pkg.name());
        if (group != null && !group.isBlank()) {
            return Optional.of(group + ":" + artifact);
        }
        String purl = pkg.purl();
        if (purl == null || !purl.startsWith("pkg:maven/")) {
            return Optional.empty();
        }
        String path = purl.substring("pkg:maven/".length());
        int cut = path.indexOf('@');
        path = cut < 0 ? path : path.substring(0, cut);
        cut = path.indexOf('?');
        path = cut < 0 ? path : path.substring(0, cut);
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        return Optional.of(URLDecoder.decode(path.substring(0, slash), StandardCharsets.UTF_8) + ":"
                + URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8));
    }
}
