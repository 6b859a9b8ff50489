package io.drydock.feeds.source;

import io.drydock.feeds.source.epss.EpssCsvParser;
import io.drydock.feeds.source.epss.EpssScore;
import io.drydock.feeds.source.kev.KevCatalogParser;
import io.drydock.feeds.source.kev.KevEntry;
import io.drydock.feeds.source.nvd.NvdCve;
import io.drydock.feeds.source.nvd.NvdCveParser;
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
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The enrichment sources' published formats, read from excerpts of the real files (see resources/enrichment). */
class EnrichmentParsersTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsNvdCveApiPagesWithNvdsOwnScoresPreferred() throws Exception {
        List<NvdCve> cves = new ArrayList<>();
        NvdCveParser.Page page = new NvdCveParser(json).parse(fixture("nvd-cves-page.json"), "page", cves::add);

        assertThat(page).isEqualTo(new NvdCveParser.Page(2, 0, 2, 2));
        NvdCve log4shell = cves.get(0);
        assertThat(log4shell.cveId()).isEqualTo("CVE-2021-44228");
        assertThat(log4shell.published()).isEqualTo(Instant.parse("2021-12-10T10:15:09.143Z"));
        assertThat(log4shell.lastModified()).isEqualTo(Instant.parse("2025-02-04T15:15:13.773Z"));
        assertThat(log4shell.description()).startsWith("Apache Log4j2 2.0-beta9 through 2.15.0");
        assertThat(log4shell.cvssV3()).isEqualTo(new NvdCve.CvssMetric("3.1", "nvd@nist.gov",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 3.9, 6.0, "CRITICAL"));
        assertThat(log4shell.cvssV2()).isEqualTo(new NvdCve.CvssMetric("2.0", "nvd@nist.gov",
                "AV:N/AC:M/Au:N/C:C/I:C/A:C", 9.3, 8.6, 10.0, "HIGH"));
        assertThat(log4shell.cvssV4()).isNull();
        assertThat(log4shell.severity()).isEqualTo("Critical");
        // only vulnerable criteria: the Debian platform entry is context, not a vulnerable product
        assertThat(log4shell.cpes()).hasSize(4).first().isEqualTo(new NvdCve.CpeCriterion(
                "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", "2.0.1", null, null, "2.3.1"));
        assertThat(cves.get(1).cveId()).isEqualTo("CVE-2020-8203");
        assertThat(cves.get(1).severity()).isEqualTo("High");
        assertThat(cves.get(1).cvssV3().baseScore()).isEqualTo(7.4);
    }

    @Test
    void rejectsNvdDocumentsCutShortOrMissingWhatEveryRecordHas() throws Exception {
        byte[] page = fixture("nvd-cves-page.json").readAllBytes();
        NvdCveParser parser = new NvdCveParser(json);

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(Arrays.copyOf(page, page.length / 2)),
                "half", cve -> { }))
                .isInstanceOf(FeedSourceException.class).hasMessageStartingWith("half: not valid JSON");
        String noModified = new String(page, StandardCharsets.UTF_8)
                .replace("\"lastModified\": \"2024-11-21T05:38:32.873\",", "");
        assertThatThrownBy(() -> parser.parse(stream(noModified), "p", cve -> { }))
                .isInstanceOf(FeedSourceException.class).hasMessage("p: CVE-2020-8203 has no lastModified time");
        assertThatThrownBy(() -> parser.parse(stream("{\"format\":\"NVD_CPE\",\"vulnerabilities\":[]}"), "p",
                cve -> { })).hasMessage("p: format is 'NVD_CPE', expected NVD_CVE");
        assertThatThrownBy(() -> parser.parse(stream("{\"format\":\"NVD_CVE\",\"version\":\"2.0\"}"), "p",
                cve -> { })).hasMessage("p: no 'vulnerabilities' array");
    }

    @Test
    void readsTheKevCatalogAndNoticesATruncatedOne() throws Exception {
        KevCatalogParser parser = new KevCatalogParser(json);
        KevCatalogParser.Catalog catalog = parser.parse(fixture("known_exploited_vulnerabilities.json"), "kev");

        assertThat(catalog.catalogVersion()).isEqualTo("2026.11.20");
        assertThat(catalog.entries()).hasSize(2);
        KevEntry log4shell = catalog.entries().get(0);
        assertThat(log4shell.cveId()).isEqualTo("CVE-2021-44228");
        assertThat(log4shell.dateAdded()).isEqualTo(LocalDate.of(2021, 12, 10));
        assertThat(log4shell.dueDate()).isEqualTo(LocalDate.of(2021, 12, 24));
        assertThat(log4shell.knownRansomware()).isEqualTo("Known");
        assertThat(log4shell.product()).isEqualTo("Log4j2");

        String text = new String(fixture("known_exploited_vulnerabilities.json").readAllBytes(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(stream(text.replace("\"count\": 2", "\"count\": 3")), "kev"))
                .hasMessage("kev: the catalog says it has 3 entries but holds 2");
        assertThatThrownBy(() -> parser.parse(stream(text.replace("\"2021-12-10\"", "\"10/12/2021\"")), "kev"))
                .hasMessage("kev: CVE-2021-44228 has a malformed dateAdded '10/12/2021'");
    }

    @Test
    void readsEpssScoresWithTheDayTheFileNames() throws Exception {
        List<EpssScore> scores = new ArrayList<>();
        EpssCsvParser.Summary summary = new EpssCsvParser().parse(fixture("epss_scores.csv"), "epss", null,
                scores::add);

        assertThat(summary).isEqualTo(new EpssCsvParser.Summary("v2025.03.14", LocalDate.of(2026, 11, 20), 4));
        assertThat(scores).contains(new EpssScore("CVE-2021-44228", new BigDecimal("0.94358"),
                new BigDecimal("0.99959"), LocalDate.of(2026, 11, 20)));
    }

    @Test
    void rejectsEpssFilesThatAreNotEpss() {
        EpssCsvParser parser = new EpssCsvParser();
        assertThatThrownBy(() -> parser.parse(stream("cve,epss,percentile\nCVE-2021-44228,0.9,0.9\n"), "e", null,
                s -> { })).hasMessage("e: the file names no score_date");
        assertThatThrownBy(() -> parser.parse(stream("<html>not found</html>\n"), "e", LocalDate.EPOCH, s -> { }))
                .hasMessage("e: line 1 is not the EPSS header 'cve,epss,percentile'");
        assertThatThrownBy(() -> parser.parse(stream("cve,epss,percentile\nCVE-2021-44228,1.9,0.9\n"), "e",
                LocalDate.EPOCH, s -> { })).hasMessage("e: line 2 has a value outside 0–1");
        assertThatThrownBy(() -> parser.parse(stream("cve,epss,percentile\nCVE-2021-44228,0.9\n"), "e",
                LocalDate.EPOCH, s -> { })).hasMessage("e: line 2 is not 'CVE-id,score,percentile'");
        assertThatThrownBy(() -> parser.parse(stream(""), "e", LocalDate.EPOCH, s -> { }))
                .hasMessage("e: not an EPSS file (no 'cve,epss,percentile' header)");
    }

    private static InputStream fixture(String name) throws IOException {
        InputStream in = EnrichmentParsersTest.class.getResourceAsStream("/enrichment/" + name);
        if (in == null) {
            throw new IOException("missing fixture " + name);
        }
        return in;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
