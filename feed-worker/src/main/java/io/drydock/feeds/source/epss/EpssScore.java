package io.drydock.feeds.source.epss;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * FIRST's Exploit Prediction Scoring System score of one CVE on one day.
 *
 * @param cveId      {@code CVE-2021-44228}
 * @param score      probability of exploitation activity in the next 30 days, 0–1
 * @param percentile the score's percentile among all scored CVEs, 0–1
 * @param scoreDate  the day the scores were published for
 */
public record EpssScore(String cveId, BigDecimal score, BigDecimal percentile, LocalDate scoreDate) {
}
