package io.drydock.feeds.source.kev;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog.
 *
 * @param cveId             {@code CVE-2021-44228}
 * @param vendorProject     e.g. {@code Apache}
 * @param product           e.g. {@code Log4j2}
 * @param vulnerabilityName CISA's name for it
 * @param dateAdded         when CISA added it to the catalog
 * @param dueDate           the remediation due date for US federal agencies; null when not given
 * @param knownRansomware   {@code Known} or {@code Unknown}: use in ransomware campaigns
 * @param requiredAction    what CISA requires
 */
public record KevEntry(String cveId, String vendorProject, String product, String vulnerabilityName,
                       LocalDate dateAdded, LocalDate dueDate, String knownRansomware, String requiredAction) {
    public KevEntry {
        Objects.requireNonNull(cveId, "cveId");
        Objects.requireNonNull(dateAdded, "dateAdded");
    }
}
