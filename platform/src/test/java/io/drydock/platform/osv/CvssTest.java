package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.testkit.osv.OsvFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Base scores and sub-scores as NVD publishes them for the CVE named on each row (the vectors of the OSV fixtures
 * among them), computed with the formulas of the CVSS v2 guide and the v3.0/v3.1 specifications.
 */
class CvssTest {

    @ParameterizedTest(name = "{0} → {1} ({2}/{3}) {4}")
    @CsvSource(delimiter = '|', value = {
            // CVE-2021-44228 (Log4Shell, GHSA-jfh8-c2jp-5v3q)
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H | 10.0 | 3.9 | 6.0 | Critical",
            // CVE-2021-45046 (Log4j's second fix)
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H | 9.0 | 2.2 | 6.0 | Critical",
            // CVE-2022-22965 (Spring4Shell)
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8 | 3.9 | 5.9 | Critical",
            // CVE-2022-24836 (nokogiri, GHSA-crjr-9rc5-ghw8)
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H | 7.5 | 3.9 | 3.6 | High",
            // CVE-2020-8203 (lodash, GHSA-p6mc-m468-83gw)
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H | 7.4 | 2.2 | 5.2 | High",
            // CVE-2020-7598 (minimist, GHSA-vh95-rmgr-6w4m)
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L | 5.6 | 2.2 | 3.4 | Medium",
            // CVE-2021-44832 (log4j JDBC appender)
            "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H | 6.6 | 0.7 | 5.9 | Medium",
            // CVE-2018-25091 (urllib3, PYSEC-2023-207), the shape of a reflected XSS
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N | 6.1 | 2.8 | 2.7 | Medium",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H | 8.6 | 3.9 | 4.0 | High",
            // CVE-2023-43804 (urllib3, PYSEC-2023-192)
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N | 8.1 | 2.8 | 5.2 | High",
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H | 7.2 | 1.2 | 5.9 | High",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H | 9.1 | 3.9 | 5.2 | Critical",
            // CVE-2021-4034 (pwnkit), local with low privileges
            "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H | 7.8 | 1.8 | 5.9 | High",
            // CVE-2023-45803 (urllib3, PYSEC-2023-212)
            "CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N | 4.2 | 0.5 | 3.6 | Medium",
            "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N | 4.6 | 0.9 | 3.6 | Medium",
            // CVE-2011-3374 (apt, DEBIAN-CVE-2011-3374)
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N | 3.7 | 2.2 | 1.4 | Low",
            // CVE-2016-2781 (coreutils, UBUNTU-CVE-2016-2781), a v3.0 vector
            "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N | 6.5 | 2.0 | 4.0 | Medium",
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | 9.8 | 3.9 | 5.9 | Critical",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N | 0.0 | 3.9 | 0.0 | Negligible",
            // CVE-2021-44228 v2
            "AV:N/AC:M/Au:N/C:C/I:C/A:C | 9.3 | 8.6 | 10.0 | High",
            // CVE-2014-0160 (Heartbleed) v2
            "AV:N/AC:L/Au:N/C:P/I:N/A:N | 5.0 | 10.0 | 2.9 | Medium",
            // CVE-2014-6271 (Shellshock) v2
            "AV:N/AC:L/Au:N/C:C/I:C/A:C | 10.0 | 10.0 | 10.0 | High",
            "AV:N/AC:L/Au:N/C:P/I:P/A:P | 7.5 | 10.0 | 6.4 | High",
            // CVE-2011-3374 v2
            "AV:N/AC:M/Au:N/C:N/I:P/A:N | 4.3 | 8.6 | 2.9 | Medium",
            // CVE-2016-2781 v2
            "AV:L/AC:L/Au:N/C:N/I:P/A:N | 2.1 | 3.9 | 2.9 | Low",
            "AV:L/AC:L/Au:N/C:C/I:C/A:C | 7.2 | 3.9 | 10.0 | High",
            "(AV:N/AC:L/Au:N/C:P/I:P/A:P) | 7.5 | 10.0 | 6.4 | High"})
    void computesTheScoresNvdPublishes(String vector, double base, double exploitability, double impact,
            String severity) {
        Cvss cvss = Cvss.parse(vector);

        assertThat(cvss.baseScore()).isEqualTo(base);
        assertThat(cvss.exploitabilityScore()).isEqualTo(exploitability);
        assertThat(cvss.impactScore()).isEqualTo(impact);
        assertThat(cvss.severity()).isEqualTo(severity);
        assertThat(cvss.vector()).isEqualTo(vector);
        assertThat(cvss.version()).isEqualTo(vector.startsWith("CVSS:") ? vector.substring(5, 8) : "2.0");
    }

    @Test
    void v31RoundupIgnoresFloatingPointNoiseThatV30RoundsUp() {
        assertThat(Cvss.roundup("3.1", 4.000000000000001)).isEqualTo(4.0);
        assertThat(Cvss.roundup("3.0", 4.000000000000001)).isEqualTo(4.1);
        assertThat(Cvss.roundup("3.1", 4.02)).isEqualTo(4.1);
        assertThat(Cvss.roundup("3.1", 4.0)).isEqualTo(4.0);
        assertThat(Cvss.roundup("3.1", 6.0477)).isEqualTo(6.1);
    }

    @Test
    void temporalAndEnvironmentalMetricsDoNotChangeTheBaseScore() {
        Cvss cvss = Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L");
        assertThat(cvss.baseScore()).isEqualTo(9.8);
        assertThat(Cvss.parse("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C").baseScore()).isEqualTo(7.5);
    }

    @Test
    void refusesVectorsItCannotScore() {
        assertThatThrownBy(() -> Cvss.parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CVSS version '4.0'")
                .hasMessageContaining("is not computed");
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"))
                .hasMessageContaining("base metric A missing");
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L"))
                .hasMessageContaining("metric A repeated");
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .hasMessageContaining("metric AV has no value 'Q'");
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z"))
                .hasMessageContaining("metric E has no value 'Z'");
        assertThatThrownBy(() -> Cvss.parse("AV:N/AC:L/Au:N/C:P/I:P/A:P/XX:1"))
                .hasMessageContaining("unknown metric 'XX'");
        assertThatThrownBy(() -> Cvss.parse("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
                .hasMessageContaining("unknown metric 'PR'");
        assertThatThrownBy(() -> Cvss.parse("CVSS:3.1/AV:N//AC:L")).hasMessageContaining("is not metric:value");
        assertThatThrownBy(() -> Cvss.parse(" ")).hasMessage("empty CVSS vector");
    }

    @Test
    void scoresEveryVectorOfTheFixtures() throws Exception {
        int vectors = 0;
        for (OsvFixtures.Fixture fixture : OsvFixtures.all()) {
            OsvRecord record = OsvParser.parse(fixture.bytes());
            for (OsvSeverity severity : record.severity()) {
                if (severity.type().startsWith("CVSS_V2") || severity.type().equals("CVSS_V3")) {
                    Cvss cvss = Cvss.parse(severity.score());
                    assertThat(cvss.baseScore()).as(severity.score()).isBetween(0.0, 10.0);
                    vectors++;
                }
            }
        }
        assertThat(vectors).isGreaterThan(15);
    }
}
