package io.drydock.feeds.source.nvd;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What Drydock keeps of one NVD CVE record: the scores that stand in for a vendor's severity, and the vulnerable CPE
 * criteria.
 *
 * @param cveId        {@code CVE-2021-44228}
 * @param published    when NVD published it; null when the record has no date
 * @param lastModified NVD's last modification
 * @param rejected     NVD marked it rejected: its stored data is removed
 * @param description  the English description; null when there is none
 * @param cvssV2       the NVD-primary v2 metric, else the first listed; null when absent
 * @param cvssV3       the NVD-primary v3.1 metric, else v3.0, else the first listed; null when absent
 * @param cvssV4       the NVD-primary v4.0 metric, else the first listed; null when absent
 * @param cpes         the vulnerable CPE match criteria of its configurations
 */
public record NvdCve(String cveId, Instant published, Instant lastModified, boolean rejected, String description,
                     CvssMetric cvssV2, CvssMetric cvssV3, CvssMetric cvssV4, List<CpeCriterion> cpes) {

    public NvdCve {
        Objects.requireNonNull(cveId, "cveId");
        Objects.requireNonNull(lastModified, "lastModified");
        cpes = cpes == null ? List.of() : List.copyOf(cpes);
    }

    /**
     * The severity NVD gives, from the newest CVSS version it scored: {@code Critical, High, Medium, Low}, or
     * {@code Unknown} when it scored none (v3 and v4 say {@code NONE} for a 0.0 score, which is {@code Negligible}).
     */
    public String severity() {
        for (CvssMetric metric : new CvssMetric[] {cvssV3, cvssV4, cvssV2}) {
            if (metric != null && metric.severity() != null) {
                return switch (metric.severity()) {
                    case "CRITICAL" -> "Critical";
                    case "HIGH" -> "High";
                    case "MEDIUM" -> "Medium";
                    case "LOW" -> "Low";
                    case "NONE" -> "Negligible";
                    default -> "Unknown";
                };
            }
        }
        return "Unknown";
    }

    /**
     * One CVSS metric as NVD lists it.
     *
     * @param version        {@code 2.0}, {@code 3.0}, {@code 3.1}, {@code 4.0}
     * @param source         who scored it, e.g. {@code nvd@nist.gov}
     * @param vector         the vector string
     * @param baseScore      0.0–10.0
     * @param exploitability the exploitability sub-score; null where the version has none (v4)
     * @param impact         the impact sub-score; null where the version has none (v4)
     * @param severity       NVD's rating in upper case ({@code HIGH}); null when not given
     */
    public record CvssMetric(String version, String source, String vector, double baseScore, Double exploitability,
                             Double impact, String severity) {
    }

    /**
     * A vulnerable CPE match criterion with its version bounds (null where open).
     */
    public record CpeCriterion(String criteria, String versionStartIncluding, String versionStartExcluding,
                               String versionEndIncluding, String versionEndExcluding) {
    }
}
