package io.drydock.feeds.source;

import io.drydock.feeds.source.epss.EpssCsvParser;
import io.drydock.feeds.source.epss.EpssStore;
import io.drydock.feeds.source.kev.KevCatalogParser;
import io.drydock.feeds.source.kev.KevEntry;
import io.drydock.feeds.source.kev.KevStore;
import io.drydock.feeds.source.nvd.NvdCve;
import io.drydock.feeds.source.nvd.NvdCveParser;
import io.drydock.feeds.source.nvd.NvdCveStore;
import io.drydock.platform.schema.Migrations;
import io.drydock.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.drydock.schemas.db.Tables.EPSS_SCORE;
import static io.drydock.schemas.db.Tables.KEV_ENTRY;
import static io.drydock.schemas.db.Tables.NVD_CVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The enrichment stores against a real PostgreSQL: what changes is reported, and a failed load keeps the old data. */
class EnrichmentStoresIT {

    private static DSLContext dsl;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void database() {
        Migrations.migrate(TestPostgres.shared().dataSource());
        dsl = DSL.using(TestPostgres.shared().dataSource(), SQLDialect.POSTGRES);
    }

    @BeforeEach
    void clean() {
        TestPostgres.shared().truncate("nvd_cve", "kev_entry", "epss_score");
    }

    @Test
    void storesNvdRecordsAndReportsOnlyTheOnesThatChanged() throws Exception {
        List<NvdCve> cves = nvdPage();
        NvdCveStore store = new NvdCveStore(json);

        NvdCveStore.Changes first = dsl.transactionResult(c -> store.write(c.dsl(), cves));
        NvdCveStore.Changes again = dsl.transactionResult(c -> store.write(c.dsl(), cves));

        assertThat(first.added()).containsExactly("CVE-2021-44228", "CVE-2020-8203");
        assertThat(again.all()).as("same lastModified").isEmpty();

        var log4shell = dsl.selectFrom(NVD_CVE).where(NVD_CVE.CVE_ID.eq("CVE-2021-44228")).fetchOne();
        assertThat(log4shell.getCvssV3Score()).isEqualByComparingTo("10.0");
        assertThat(log4shell.getCvssV3Exploitability()).isEqualByComparingTo("3.9");
        assertThat(log4shell.getCvssV3Impact()).isEqualByComparingTo("6.0");
        assertThat(log4shell.getCvssV3Version()).isEqualTo("3.1");
        assertThat(log4shell.getCvssV2Score()).isEqualByComparingTo("9.3");
        assertThat(log4shell.getSeverity()).isEqualTo("Critical");
        assertThat(json.readTree(log4shell.getCpes().data()).get(0).get("criteria").asString())
                .isEqualTo("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*");

        NvdCve modified = cves.get(1);
        NvdCve rejected = new NvdCve(modified.cveId(), modified.published(), Instant.parse("2026-11-22T00:00:00Z"),
                true, "** REJECT **", null, null, null, List.of());
        NvdCveStore.Changes removed = dsl.transactionResult(c -> store.write(c.dsl(), List.of(rejected)));
        assertThat(removed).isEqualTo(new NvdCveStore.Changes(List.of(), List.of(), List.of("CVE-2020-8203")));
        assertThat(dsl.fetchCount(NVD_CVE)).isEqualTo(1);
    }

    @Test
    void replacesTheKevCatalogCountingAddedUpdatedAndRemovedEntries() throws Exception {
        List<KevEntry> entries = new KevCatalogParser(json).parse(fixture("known_exploited_vulnerabilities.json"), "kev")
                .entries();
        KevStore store = new KevStore();

        KevStore.Counts initial = dsl.transactionResult(c -> store.replace(c.dsl(), entries));
        assertThat(initial).isEqualTo(new KevStore.Counts(2, 0, 0));
        KevEntry first = entries.get(0);
        KevEntry moved = new KevEntry(first.cveId(), first.vendorProject(), first.product(), first.vulnerabilityName(),
                first.dateAdded(), LocalDate.of(2022, 1, 10), first.knownRansomware(), first.requiredAction());
        KevStore.Counts next = dsl.transactionResult(c -> store.replace(c.dsl(), List.of(moved)));
        assertThat(next).isEqualTo(new KevStore.Counts(0, 1, 1));
        assertThat(dsl.select(KEV_ENTRY.DUE_DATE).from(KEV_ENTRY).fetchSingle().value1())
                .isEqualTo(LocalDate.of(2022, 1, 10));
    }

    @Test
    void replacesEpssScoresAndKeepsTheOldOnesWhenTheNewFileIsBroken() throws Exception {
        EpssStore store = new EpssStore();
        EpssCsvParser.Summary summary = dsl.transactionResult(c -> store.replace(c.dsl(), fixture("epss_scores.csv"),
                "epss", null));

        assertThat(summary.scores()).isEqualTo(4);
        assertThat(dsl.select(EPSS_SCORE.SCORE, EPSS_SCORE.PERCENTILE).from(EPSS_SCORE)
                .where(EPSS_SCORE.CVE_ID.eq("CVE-2021-44228")).fetchSingle())
                .satisfies(r -> {
                    assertThat(r.value1()).isEqualByComparingTo(new BigDecimal("0.94358"));
                    assertThat(r.value2()).isEqualByComparingTo(new BigDecimal("0.99959"));
                });

        String broken = "#model_version:v2025.03.14,score_date:2026-11-21T12:55:00Z\ncve,epss,percentile\n"
                + "CVE-2021-44228,0.95,0.99\nCVE-2021-45046,0.9";
        assertThatThrownBy(() -> dsl.transaction(c -> store.replace(c.dsl(),
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "epss-next", null)))
                .hasRootCauseInstanceOf(FeedSourceException.class)
                .rootCause().hasMessage("epss-next: line 4 is not 'CVE-id,score,percentile'");
        assertThat(dsl.fetchCount(EPSS_SCORE)).as("the previous day's scores stay").isEqualTo(4);
        assertThat(dsl.select(EPSS_SCORE.SCORE_DATE).from(EPSS_SCORE).limit(1).fetchSingle().value1())
                .isEqualTo(LocalDate.of(2026, 11, 20));
    }

    private List<NvdCve> nvdPage() throws Exception {
        List<NvdCve> cves = new ArrayList<>();
        new NvdCveParser(json).parse(fixture("nvd-cves-page.json"), "page", cves::add);
        return cves;
    }

    private static InputStream fixture(String name) throws IOException {
        InputStream in = EnrichmentStoresIT.class.getResourceAsStream("/enrichment/" + name);
        if (in == null) {
            throw new IOException("missing fixture " + name);
        }
        return in;
    }
}
