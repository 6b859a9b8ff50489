package io.drydock.feeds.source.nvd;

import io.drydock.feeds.source.nvd.NvdCve.CvssMetric;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.NVD_CVE;

/** Writes NVD records into {@code nvd_cve}, in the caller's transaction. */
public final class NvdCveStore {

    private final JsonMapper json;

    public NvdCveStore(JsonMapper json) {
        this.json = json;
    }

    /** The ids a write added, updated, and removed (rejected by NVD). */
    public record Changes(List<String> added, List<String> updated, List<String> removed) {
        public static final Changes NONE = new Changes(List.of(), List.of(), List.of());

        /** Every id whose stored data changed. */
        public List<String> all() {
            List<String> all = new ArrayList<>(added);
            all.addAll(updated);
            all.addAll(removed);
            return all;
        }
    }

    /** Inserts or updates a batch of records and removes the rejected ones. */
    public Changes write(DSLContext tx, List<NvdCve> batch) {
        if (batch.isEmpty()) {
            return Changes.NONE;
        }
        Map<String, Instant> stored = tx.select(NVD_CVE.CVE_ID, NVD_CVE.LAST_MODIFIED).from(NVD_CVE)
                .where(NVD_CVE.CVE_ID.in(batch.stream().map(NvdCve::cveId).toList()))
                .fetchMap(r -> r.value1(), r -> instant(r.value2()));
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<Query> upserts = new ArrayList<>();
        for (NvdCve cve : batch) {
            Instant before = stored.get(cve.cveId());
            if (cve.rejected()) {
                if (before != null) {
                    rejected.add(cve.cveId());
                }
                continue;
            }
            if (Objects.equals(before, cve.lastModified())) {
                continue;
            }
            (before == null ? added : updated).add(cve.cveId());
            upserts.add(tx.insertInto(NVD_CVE)
                    .set(NVD_CVE.CVE_ID, cve.cveId())
                    .set(NVD_CVE.PUBLISHED, cve.published() == null ? null : utc(cve.published()))
                    .set(NVD_CVE.LAST_MODIFIED, utc(cve.lastModified()))
                    .set(NVD_CVE.DESCRIPTION, cve.description())
                    .set(NVD_CVE.CVSS_V2_SCORE, score(cve.cvssV2(), CvssMetric::baseScore))
                    .set(NVD_CVE.CVSS_V2_VECTOR, cve.cvssV2() == null ? null : cve.cvssV2().vector())
                    .set(NVD_CVE.CVSS_V2_EXPLOITABILITY, score(cve.cvssV2(), CvssMetric::exploitability))
                    .set(NVD_CVE.CVSS_V2_IMPACT, score(cve.cvssV2(), CvssMetric::impact))
                    .set(NVD_CVE.CVSS_V3_VERSION, cve.cvssV3() == null ? null : cve.cvssV3().version())
                    .set(NVD_CVE.CVSS_V3_SCORE, score(cve.cvssV3(), CvssMetric::baseScore))
                    .set(NVD_CVE.CVSS_V3_VECTOR, cve.cvssV3() == null ? null : cve.cvssV3().vector())
                    .set(NVD_CVE.CVSS_V3_EXPLOITABILITY, score(cve.cvssV3(), CvssMetric::exploitability))
                    .set(NVD_CVE.CVSS_V3_IMPACT, score(cve.cvssV3(), CvssMetric::impact))
                    .set(NVD_CVE.CVSS_V4_SCORE, score(cve.cvssV4(), CvssMetric::baseScore))
                    .set(NVD_CVE.CVSS_V4_VECTOR, cve.cvssV4() == null ? null : cve.cvssV4().vector())
                    .set(NVD_CVE.SEVERITY, cve.severity())
                    .set(NVD_CVE.CPES, JSONB.valueOf(json.writeValueAsString(cve.cpes())))
                    .onConflict(NVD_CVE.CVE_ID).doUpdate().setAllToExcluded());
        }
        if (!upserts.isEmpty()) {
            tx.batch(upserts).execute();
        }
        if (!rejected.isEmpty()) {
            tx.deleteFrom(NVD_CVE).where(NVD_CVE.CVE_ID.in(rejected)).execute();
        }
        return new Changes(added, updated, rejected);
    }

    /** Number of stored records. */
    public int count(DSLContext dsl) {
        return dsl.fetchCount(NVD_CVE);
    }

    private static BigDecimal score(CvssMetric metric, java.util.function.Function<CvssMetric, Double> part) {
        if (metric == null) {
            return null;
        }
        Double value = part.apply(metric);
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
}
