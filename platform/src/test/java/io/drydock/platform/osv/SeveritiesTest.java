package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.drydock.platform.osv.Severities.VendorSeverity;
import io.drydock.testkit.osv.OsvFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SeveritiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{1} ({0}) → {2}")
    @CsvSource(nullValues = "-", value = {
            "Maven, GHSA-jfh8-c2jp-5v3q, Critical, 10.0",
            "npm, GHSA-p6mc-m468-83gw, High, 7.4",
            "npm, GHSA-vh95-rmgr-6w4m, Medium, 5.6",
            "npm, GHSA-fvqr-27wr-82fm, Low, -",
            "PyPI, PYSEC-2023-212, Medium, 4.2",
            "Go, GO-2022-1059, Unknown, -",
            "Debian, DSA-5514-1, Unknown, -",
            "Alpine, ALPINE-CVE-2023-5363, Unknown, -"})
    void ratesFixturesByVendorRatingThenCvss(String ecosystem, String id, String severity, Double v3)
            throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read(ecosystem, id));

        VendorSeverity rating = Severities.of(record, record.affected().get(0));

        assertThat(rating.severity()).isEqualTo(severity);
        assertThat(rating.cvssV3() == null ? null : rating.cvssV3().baseScore()).isEqualTo(v3);
        assertThat(rating.cvssV2()).isNull();
    }

    @Test
    void debianUrgencyWinsOverEverything() throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read("Debian", "DEBIAN-CVE-2011-3374"));

        assertThat(Severities.of(record, record.affected().get(1)).severity()).isEqualTo("Negligible");
    }

    @Test
    void ubuntuPriorityWinsOverTheCvssScore() throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read("Ubuntu", "UBUNTU-CVE-2016-2781"));
        OsvAffected jammy = record.affected().stream().filter(a -> a.ecosystem().equals("Ubuntu:22.04:LTS"))
                .findFirst().orElseThrow();

        VendorSeverity rating = Severities.of(record, jammy);

        assertThat(rating.severity()).isEqualTo("Low");
        assertThat(rating.cvssV3().baseScore()).isEqualTo(6.5);
        assertThat(rating.cvssV3().version()).isEqualTo("3.0");
    }

    @Test
    void theAffectedPackagesRatingWinsOverTheRecords() {
        OsvRecord record = record("{\"severity\": \"CRITICAL\"}", List.of());
        OsvAffected affected = affected("{\"severity\": \"Low\"}", null, List.of());

        assertThat(Severities.of(record, affected).severity()).isEqualTo("Low");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "Important, High", "MODERATE, Medium", "moderate, Medium", "medium, Medium", "critical, Critical",
            "low**, Low", "unimportant, Negligible", "negligible, Negligible", "not yet assigned, -",
            "end-of-life, -"})
    void readsVendorWords(String word, String severity) {
        assertThat(Severities.fromWord(word).orElse(null)).isEqualTo(severity);
    }

    @Test
    void aWordThatIsNoRatingFallsThroughToTheCvssScore() {
        OsvRecord record = record(null,
                List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")));
        OsvAffected affected = affected(null, "{\"urgency\": \"not yet assigned\"}", List.of());

        assertThat(Severities.of(record, affected).severity()).isEqualTo("High");
    }

    @Test
    void ubuntuSeverityEntriesAreVendorRatings() {
        OsvRecord record = record(null, List.of(new OsvSeverity("Ubuntu", "medium"),
                new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")));

        VendorSeverity rating = Severities.of(record, affected(null, null, List.of()));

        assertThat(rating.severity()).isEqualTo("Medium");
        assertThat(rating.cvssV3().baseScore()).isEqualTo(9.8);
    }

    @Test
    void cvssV2IsTheLastResortAndMalformedVectorsAreSkipped() {
        OsvRecord record = record(null, List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N"),
                new OsvSeverity("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P")));

        VendorSeverity rating = Severities.of(record, affected(null, null, List.of()));

        assertThat(rating.severity()).isEqualTo("High");
        assertThat(rating.cvssV3()).isNull();
        assertThat(rating.cvssV2().baseScore()).isEqualTo(7.5);
    }

    @Test
    void thePackagesVectorComesBeforeTheRecords() {
        OsvRecord record = record(null,
                List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")));
        OsvAffected affected = affected(null, null,
                List.of(new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L")));

        VendorSeverity rating = Severities.of(record, affected);

        assertThat(rating.severity()).isEqualTo("Medium");
        assertThat(rating.cvssV3().baseScore()).isEqualTo(5.6);
    }

    @Test
    void nothingToGoOnIsUnknown() {
        assertThat(Severities.of(record(null, List.of()), affected(null, null, List.of())))
                .isEqualTo(new VendorSeverity("Unknown", null, null));
    }

    private static OsvRecord record(String databaseSpecific, List<OsvSeverity> severity) {
        return new OsvRecord("TEST-1", Instant.parse("2024-01-01T00:00:00Z"), null, null, List.of(), List.of(), null,
                null, severity, List.of(), List.of(), json(databaseSpecific));
    }

    private static OsvAffected affected(String databaseSpecific, String ecosystemSpecific,
            List<OsvSeverity> severity) {
        return new OsvAffected("Debian:12", "demo", null, List.of(), List.of(), severity, json(ecosystemSpecific),
                json(databaseSpecific));
    }

    private static JsonNode json(String text) {
        return text == null ? null : JSON.readTree(text);
    }
}
