package io.drydock.platform.osv;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CVSS base score with its exploitability and impact sub-scores, computed from a vector by the formulas of the
 * specifications: CVSS v2 (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0", §3.2.1),
 * v3.0 and v3.1 (FIRST, "CVSS v3.x Specification Document", §7.1 and §7.4; v3.1's Roundup is the floating-point-safe
 * one of its Appendix A). Only base metrics count: temporal and environmental metrics in a vector are checked and
 * otherwise ignored, as NVD's base scores ignore them. Sub-scores are rounded to one decimal as NVD publishes them.
 *
 * @param version             {@code 2.0}, {@code 3.0} or {@code 3.1}
 * @param vector              the vector as given
 * @param baseScore           the base score, 0.0 to 10.0
 * @param exploitabilityScore the exploitability sub-score
 * @param impactScore         the impact sub-score (v3: negative impact sub-scores are published as they compute)
 */
public record Cvss(String version, String vector, double baseScore, double exploitabilityScore, double impactScore) {

    private static final Set<String> V2_BASE = Set.of("AV", "AC", "Au", "C", "I", "A");
    private static final Map<String, Set<String>> V2_OTHER = Map.of(
            "E", Set.of("U", "POC", "F", "H", "ND"), "RL", Set.of("OF", "TF", "W", "U", "ND"),
            "RC", Set.of("UC", "UR", "C", "ND"), "CDP", Set.of("N", "L", "LM", "MH", "H", "ND"),
            "TD", Set.of("N", "L", "M", "H", "ND"), "CR", Set.of("L", "M", "H", "ND"),
            "IR", Set.of("L", "M", "H", "ND"), "AR", Set.of("L", "M", "H", "ND"));
    private static final Set<String> V3_BASE = Set.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");
    private static final Map<String, Set<String>> V3_OTHER = Map.ofEntries(
            Map.entry("E", Set.of("X", "U", "P", "F", "H")), Map.entry("RL", Set.of("X", "O", "T", "W", "U")),
            Map.entry("RC", Set.of("X", "U", "R", "C")), Map.entry("CR", Set.of("X", "L", "M", "H")),
            Map.entry("IR", Set.of("X", "L", "M", "H")), Map.entry("AR", Set.of("X", "L", "M", "H")),
            Map.entry("MAV", Set.of("X", "N", "A", "L", "P")), Map.entry("MAC", Set.of("X", "L", "H")),
            Map.entry("MPR", Set.of("X", "N", "L", "H")), Map.entry("MUI", Set.of("X", "N", "R")),
            Map.entry("MS", Set.of("X", "U", "C")), Map.entry("MC", Set.of("X", "N", "L", "H")),
            Map.entry("MI", Set.of("X", "N", "L", "H")), Map.entry("MA", Set.of("X", "N", "L", "H")));

    public Cvss {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(vector, "vector");
    }

    /**
     * @param vector a v2 vector ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, optionally in parentheses as NVD's legacy feeds
     *               wrote it) or a v3.x vector ({@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H})
     * @throws IllegalArgumentException naming the problem for anything else: a missing, repeated or unknown metric, a
     *                                  value a metric does not have, another CVSS version (v4 is not computed here)
     */
    public static Cvss parse(String vector) {
        if (vector == null || vector.isBlank()) {
            throw new IllegalArgumentException("empty CVSS vector");
        }
        String text = vector.strip();
        if (text.startsWith("CVSS:3.0/") || text.startsWith("CVSS:3.1/")) {
            return v3(vector, text.substring(5, 8), metrics(vector, text.substring(9), V3_BASE, V3_OTHER));
        }
        if (text.startsWith("CVSS:")) {
            int slash = text.indexOf('/');
            throw new IllegalArgumentException("CVSS version '" + text.substring(5, slash < 0 ? text.length() : slash)
                    + "' of '" + vector + "' is not computed (2.0, 3.0 and 3.1 are)");
        }
        if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        return v2(vector, metrics(vector, text, V2_BASE, V2_OTHER));
    }

    /** The CVSS v3 qualitative rating (None is reported as Negligible), or NVD's v2 rating (Low, Medium, High). */
    public String severity() {
        if (version.equals("2.0")) {
            return baseScore >= 7.0 ? "High" : baseScore >= 4.0 ? "Medium" : "Low";
        }
        if (baseScore == 0.0) {
            return "Negligible";
        }
        return baseScore >= 9.0 ? "Critical" : baseScore >= 7.0 ? "High" : baseScore >= 4.0 ? "Medium" : "Low";
    }

    private static Map<String, String> metrics(String vector, String body, Set<String> base,
            Map<String, Set<String>> other) {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (String part : body.split("/", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + part + "' in CVSS vector '" + vector
                        + "' is not metric:value");
            }
            String metric = part.substring(0, colon);
            String value = part.substring(colon + 1);
            if (!base.contains(metric) && !other.containsKey(metric)) {
                throw new IllegalArgumentException("unknown metric '" + metric + "' in CVSS vector '" + vector + "'");
            }
            if (other.containsKey(metric) && !other.get(metric).contains(value)) {
                throw new IllegalArgumentException("metric " + metric + " has no value '" + value + "' in CVSS vector '"
                        + vector + "'");
            }
            if (metrics.put(metric, value) != null) {
                throw new IllegalArgumentException("metric " + metric + " repeated in CVSS vector '" + vector + "'");
            }
        }
        for (String metric : base) {
            if (!metrics.containsKey(metric)) {
                throw new IllegalArgumentException("base metric " + metric + " missing from CVSS vector '" + vector
                        + "'");
            }
        }
        return metrics;
    }

    private static Cvss v2(String vector, Map<String, String> m) {
        double av = weight(vector, "AV", m, Map.of("L", 0.395, "A", 0.646, "N", 1.0));
        double ac = weight(vector, "AC", m, Map.of("H", 0.35, "M", 0.61, "L", 0.71));
        double au = weight(vector, "Au", m, Map.of("M", 0.45, "S", 0.56, "N", 0.704));
        Map<String, Double> cia = Map.of("N", 0.0, "P", 0.275, "C", 0.660);
        double c = weight(vector, "C", m, cia);
        double i = weight(vector, "I", m, cia);
        double a = weight(vector, "A", m, cia);
        double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
        double exploitability = 20 * av * ac * au;
        double f = impact == 0 ? 0 : 1.176;
        double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
        return new Cvss("2.0", vector, round1(base), round1(exploitability), round1(impact));
    }

    private static Cvss v3(String vector, String version, Map<String, String> m) {
        boolean changed = weightKey(vector, "S", m, Set.of("U", "C")).equals("C");
        double av = weight(vector, "AV", m, Map.of("N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2));
        double ac = weight(vector, "AC", m, Map.of("L", 0.77, "H", 0.44));
        double pr = weight(vector, "PR", m, changed ? Map.of("N", 0.85, "L", 0.68, "H", 0.5)
                : Map.of("N", 0.85, "L", 0.62, "H", 0.27));
        double ui = weight(vector, "UI", m, Map.of("N", 0.85, "R", 0.62));
        Map<String, Double> cia = Map.of("H", 0.56, "L", 0.22, "N", 0.0);
        double c = weight(vector, "C", m, cia);
        double i = weight(vector, "I", m, cia);
        double a = weight(vector, "A", m, cia);
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        double base;
        if (impact <= 0) {
            base = 0;
        } else if (changed) {
            base = roundup(version, Math.min(1.08 * (impact + exploitability), 10));
        } else {
            base = roundup(version, Math.min(impact + exploitability, 10));
        }
        return new Cvss(version, vector, base, round1(exploitability), round1(impact));
    }

    /**
     * Roundup: the smallest one-decimal number at or above the input. v3.1 first rounds to five decimals so that a
     * floating-point result a hair above a tenth (4.000000000000001) is not raised to the next tenth.
     */
    static double roundup(String version, double value) {
        if (version.equals("3.0")) {
            return Math.ceil(value * 10) / 10.0;
        }
        long scaled = Math.round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.floorDiv(scaled, 10_000) + 1) / 10.0;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double weight(String vector, String metric, Map<String, String> metrics,
            Map<String, Double> weights) {
        return weights.get(weightKey(vector, metric, metrics, weights.keySet()));
    }

    private static String weightKey(String vector, String metric, Map<String, String> metrics, Set<String> values) {
        String value = metrics.get(metric);
        if (!values.contains(value)) {
            throw new IllegalArgumentException("metric " + metric + " has no value '" + value + "' in CVSS vector '"
                    + vector + "'");
        }
        return value;
    }
}
