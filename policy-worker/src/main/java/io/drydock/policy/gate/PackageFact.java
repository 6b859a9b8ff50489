package io.drydock.policy.gate;

import java.util.List;

/**
 * One installed package.
 *
 * @param type       package type as the analyzer reports it: {@code dpkg}, {@code rpm}, {@code apk}, {@code java},
 *                   {@code npm}, {@code gem}, {@code python}, …
 * @param location   install location; {@code pkgdb} for OS packages
 * @param licenses   license expressions as found (each may hold several whitespace-separated names)
 * @param sourceName source package name, null when the package type has none
 */
public record PackageFact(String type, String name, String version, String location, List<String> licenses,
                          String sourceName) {
    public PackageFact {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }
}
