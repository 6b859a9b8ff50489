package io.drydock.platform.osv;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One {@code affected[]} entry of an OSV record: a package of one ecosystem and the versions of it the record
 * affects.
 *
 * @param ecosystem          the OSV ecosystem with its suffix, e.g. {@code Debian:12}, {@code Alpine:v3.20},
 *                           {@code Ubuntu:22.04:LTS}, {@code Maven}
 * @param packageName        the package name as the record gives it (a source package for most distros)
 * @param purl               the package URL, when the record gives one
 * @param ranges             the ranges of affected versions
 * @param versions           versions listed as affected
 * @param severity           the severities given for this package only (the record's are on {@link OsvRecord})
 * @param ecosystemSpecific  {@code ecosystem_specific}, when present (Debian's {@code urgency}, Ubuntu's
 *                           {@code ubuntu_priority}, ...)
 * @param databaseSpecific   {@code database_specific}, when present
 */
public record OsvAffected(String ecosystem, String packageName, String purl, List<OsvRange> ranges,
        List<String> versions, List<OsvSeverity> severity, JsonNode ecosystemSpecific, JsonNode databaseSpecific) {

    public OsvAffected {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(packageName, "packageName");
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        versions = versions == null ? List.of() : List.copyOf(versions);
        severity = severity == null ? List.of() : List.copyOf(severity);
        ecosystemSpecific = ecosystemSpecific == null ? null : ecosystemSpecific.deepCopy();
        databaseSpecific = databaseSpecific == null ? null : databaseSpecific.deepCopy();
    }

    /**
     * The matching key of this package: {@link MatchKeys#of} with the ecosystem of its namespace
     * ({@link DistroNamespaces#namespaceOf}), so that the product streams of one release meet the image's key:
     * {@code Red Hat:enterprise_linux:9::appstream} and {@code ::baseos} both give
     * {@code Red Hat:enterprise_linux:9/<name>}. Every other ecosystem is its own namespace ({@code Debian:12/glibc}).
     */
    public String matchKey() {
        String keyEcosystem = DistroNamespaces.namespaceOf(ecosystem)
                .map(DistroNamespaces.DistroNamespace::osvEcosystem).orElse(ecosystem);
        return MatchKeys.of(keyEcosystem, packageName);
    }

    /**
     * The vendor says this release will not get a fix. Only Debian's data says so, by its security tracker's urgency:
     * {@code unimportant} (no security impact worth an update) or {@code end-of-life} (the package is no longer
     * supported in that release); Ubuntu's and Alpine's OSV data have no equivalent. A fix that exists wins.
     */
    public boolean vendorWillNotFix(List<String> fixVersions) {
        if (!fixVersions.isEmpty() || !ecosystem.startsWith("Debian") || ecosystemSpecific == null) {
            return false;
        }
        String urgency = ecosystemSpecific.path("urgency").asString("").toLowerCase(java.util.Locale.ROOT);
        return urgency.equals("unimportant") || urgency.equals("end-of-life");
    }
}
