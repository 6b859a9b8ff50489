package io.drydock.platform.osv;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * A parsed OSV record (https://ossf.github.io/osv-schema/), as {@link OsvParser} reads it. Lists are never null.
 *
 * @param id               the record's id ({@code GHSA-…}, {@code DSA-…}, {@code DEBIAN-CVE-…}, {@code CVE-…})
 * @param modified         when the record last changed: the cursor of incremental syncs
 * @param published        when it was published, if known
 * @param withdrawn        when it was withdrawn; a withdrawn record affects nothing
 * @param aliases          ids of the same vulnerability in other databases
 * @param related          ids of related but different vulnerabilities (Ubuntu's {@code UBUNTU-CVE-…} records name
 *                         their CVE here)
 * @param summary          one line, if given
 * @param details          the long description, if given
 * @param severity         the record-level severities
 * @param affected         the affected packages
 * @param references       links
 * @param databaseSpecific {@code database_specific}, if present (GHSA's {@code severity} is here)
 * @param upstream         ids this record was derived from (OSV 1.7 {@code upstream}: Debian's, Alpine's and Ubuntu's
 *                         records name their CVE here rather than in {@code aliases})
 */
public record OsvRecord(String id, Instant modified, Instant published, Instant withdrawn, List<String> aliases,
        List<String> related, String summary, String details, List<OsvSeverity> severity, List<OsvAffected> affected,
        List<OsvReference> references, JsonNode databaseSpecific, List<String> upstream) {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    /** A distro's record named after the CVE it tracks: {@code DEBIAN-CVE-…}, {@code UBUNTU-CVE-…}. */
    private static final Pattern PREFIXED_CVE = Pattern.compile("[A-Z]+-(CVE-\\d{4}-\\d{4,})");

    public OsvRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modified, "modified");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        related = related == null ? List.of() : List.copyOf(related);
        severity = severity == null ? List.of() : List.copyOf(severity);
        affected = affected == null ? List.of() : List.copyOf(affected);
        references = references == null ? List.of() : List.copyOf(references);
        databaseSpecific = databaseSpecific == null ? null : databaseSpecific.deepCopy();
        upstream = upstream == null ? List.of() : List.copyOf(upstream);
    }

    /** A record without {@code upstream} ids. */
    public OsvRecord(String id, Instant modified, Instant published, Instant withdrawn, List<String> aliases,
            List<String> related, String summary, String details, List<OsvSeverity> severity,
            List<OsvAffected> affected, List<OsvReference> references, JsonNode databaseSpecific) {
        this(id, modified, published, withdrawn, aliases, related, summary, details, severity, affected, references,
                databaseSpecific, List.of());
    }

    /** Whether the record has been withdrawn: it then affects nothing. */
    public boolean isWithdrawn() {
        return withdrawn != null;
    }

    /** The advisory's page: its first ADVISORY reference, else its first WEB one, else its osv.dev page. */
    public String link() {
        for (String type : List.of("ADVISORY", "WEB")) {
            for (OsvReference reference : references) {
                if (type.equalsIgnoreCase(reference.type()) && reference.url() != null) {
                    return reference.url();
                }
            }
        }
        return "https://osv.dev/vulnerability/" + id;
    }

    /**
     * The CVE this record is about: its id if it is a CVE, the CVE a distro's {@code <DISTRO>-CVE-…} id is named
     * after, else the first CVE among its aliases, then among its {@code upstream} ids; empty if none.
     */
    public Optional<String> cve() {
        return cveIds().stream().findFirst();
    }

    /**
     * Every CVE this record names as itself: its id (or the CVE in a {@code <DISTRO>-CVE-…} id), its aliases and its
     * {@code upstream} ids, in that order and without repeats. A DSA lists all the CVEs it fixes as {@code upstream}.
     * Ubuntu's {@code related} ids are not included: {@code related} means a different vulnerability.
     */
    public List<String> cveIds() {
        Set<String> cves = new LinkedHashSet<>();
        if (CVE.matcher(id).matches()) {
            cves.add(id);
        }
        Matcher prefixed = PREFIXED_CVE.matcher(id);
        if (prefixed.matches()) {
            cves.add(prefixed.group(1));
        }
        aliases.stream().filter(alias -> CVE.matcher(alias).matches()).forEach(cves::add);
        upstream.stream().filter(alias -> CVE.matcher(alias).matches()).forEach(cves::add);
        return List.copyOf(cves);
    }
}
