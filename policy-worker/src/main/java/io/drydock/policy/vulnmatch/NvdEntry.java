package io.drydock.policy.vulnmatch;

import io.drydock.policy.vulnmatch.Finding.Scores;

/** What NVD says about one CVE: its severity (may be null) and its primary CVSS v2 and v3 scores. */
record NvdEntry(String cveId, String severity, Scores cvssV2, Scores cvssV3) {
}
