package io.drydock.platform.versions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The comparator of each ecosystem, looked up by its OSV name (case-insensitive). */
public final class VersionComparators {

    private static final Map<String, VersionComparator> BY_ECOSYSTEM = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (VersionComparator comparator : List.<VersionComparator>of(
                new MavenVersionComparator(),
                new PypiVersionComparator(),
                new NpmVersionComparator(),
                SemVerComparator.CRATES_IO,
                new DpkgVersionComparator("Debian"),
                new DpkgVersionComparator("Ubuntu"),
                new RpmVersionComparator("Red Hat"),
                new RpmVersionComparator("AlmaLinux"),
                new RpmVersionComparator("Rocky Linux"),
                new RpmVersionComparator("SUSE"),
                new RpmVersionComparator("openSUSE"),
                new RpmVersionComparator("Mageia"),
                new RpmVersionComparator("openEuler"),
                new RpmVersionComparator("Azure Linux"),
                new ApkVersionComparator(),
                new RubyGemsVersionComparator(),
                new GoVersionComparator(),
                new NuGetVersionComparator(),
                new PackagistVersionComparator())) {
            BY_ECOSYSTEM.put(comparator.ecosystem(), comparator);
        }
    }

    private VersionComparators() {
    }

    /** For an OSV ecosystem, with or without its release suffix ({@code Debian:12}, {@code Alpine:v3.20}). */
    public static Optional<VersionComparator> forEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return Optional.ofNullable(BY_ECOSYSTEM.get(colon < 0 ? ecosystem : ecosystem.substring(0, colon)));
    }
}
