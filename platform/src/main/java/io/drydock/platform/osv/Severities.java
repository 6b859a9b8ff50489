package io.drydock.platform.osv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The severity of a record for one of its affected packages, in this order of precedence:
 *
 * <ol>
 * <li>the vendor's rating for that package: its {@code Ubuntu} severity entry, {@code ecosystem_specific.severity},
 * {@code .urgency} (Debian), {@code .ubuntu_priority} (Ubuntu), {@code database_specific.severity};
 * <li>the record's vendor rating: its {@code Ubuntu} severity entry, then {@code database_specific.severity} (GHSA's
 * {@code CRITICAL}, {@code HIGH}, {@code MODERATE}, {@code LOW});
 * <li>the rating of its CVSS v3.x base score (the package's vectors before the record's), else of its v2 score;
 * <li>{@code Unknown}.
 * </ol>
 *
 * The distro's own rating wins because it judges the package as the distro builds and ships it (Debian rates a
 * network-facing CVSS 9.8 "unimportant" when its build does not contain the code). Words are read case-insensitively:
 * {@code critical}; {@code high} and Red Hat's {@code important}; {@code medium} and {@code moderate}; {@code low};
 * {@code negligible} and Debian's {@code unimportant}. Debian marks estimates with trailing asterisks ({@code low**});
 * they are read without them. Anything else ({@code not yet assigned}, {@code end-of-life}) is no rating.
 */
public final class Severities {

    public static final String UNKNOWN = "Unknown";
    public static final String NEGLIGIBLE = "Negligible";
    public static final String LOW = "Low";
    public static final String MEDIUM = "Medium";
    public static final String HIGH = "High";
    public static final String CRITICAL = "Critical";

    private static final Map<String, String> WORDS = Map.of(
            "critical", CRITICAL,
            "high", HIGH,
            "important", HIGH,
            "medium", MEDIUM,
            "moderate", MEDIUM,
            "low", LOW,
            "negligible", NEGLIGIBLE,
            "unimportant", NEGLIGIBLE);

    private Severities() {
    }

    /**
     * @param severity    {@code Unknown}, {@code Negligible}, {@code Low}, {@code Medium}, {@code High} or
     *                    {@code Critical}
     * @param cvssV3      the first CVSS v3.x vector that parses (the package's before the record's), else null
     * @param cvssV2      the first CVSS v2 vector that parses, else null
     */
    public record VendorSeverity(String severity, Cvss cvssV3, Cvss cvssV2) {
    }

    public static VendorSeverity of(OsvRecord record, OsvAffected affected) {
        List<OsvSeverity> vectors = new ArrayList<>(affected.severity());
        vectors.addAll(record.severity());
        Cvss v3 = firstCvss(vectors, "CVSS_V3");
        Cvss v2 = firstCvss(vectors, "CVSS_V2");
        Optional<String> vendor = ubuntu(affected.severity())
                .or(() -> word(affected.ecosystemSpecific(), "severity"))
                .or(() -> word(affected.ecosystemSpecific(), "urgency"))
                .or(() -> word(affected.ecosystemSpecific(), "ubuntu_priority"))
                .or(() -> word(affected.databaseSpecific(), "severity"))
                .or(() -> ubuntu(record.severity()))
                .or(() -> word(record.databaseSpecific(), "severity"));
        String severity = vendor.orElseGet(() -> v3 != null ? v3.severity() : v2 != null ? v2.severity() : UNKNOWN);
        return new VendorSeverity(severity, v3, v2);
    }

    /** The rating a vendor's word stands for; empty for words that are no rating. */
    public static Optional<String> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String bare = word.strip().replaceAll("\\*+$", "").toLowerCase(Locale.ROOT);
        return Optional.ofNullable(WORDS.get(bare));
    }

    private static Optional<String> ubuntu(List<OsvSeverity> severities) {
        return severities.stream().filter(s -> s.type().equals("Ubuntu"))
                .map(s -> fromWord(s.score())).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> word(JsonNode node, String field) {
        if (node == null || !node.has(field) || !node.get(field).isString()) {
            return Optional.empty();
        }
        return fromWord(node.get(field).asString());
    }

    private static Cvss firstCvss(List<OsvSeverity> severities, String type) {
        for (OsvSeverity severity : severities) {
            if (severity.type().equals(type)) {
                try {
                    return Cvss.parse(severity.score());
                } catch (IllegalArgumentException e) {
                    // a malformed vector is no score; the next one may be
                }
            }
        }
        return null;
    }
}
