package io.drydock.platform.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.drydock.testkit.osv.OsvFixtures;
import io.drydock.testkit.osv.OsvFixtures.Fixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class OsvParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void parsesEveryFixtureWithItsIdAndEcosystem() throws Exception {
        List<Fixture> fixtures = OsvFixtures.all();
        assertThat(fixtures).hasSizeGreaterThan(50)
                .extracting(Fixture::ecosystem)
                .contains("Alpine", "Debian", "Go", "Maven", "npm", "PyPI", "RubyGems", "Ubuntu");
        for (Fixture fixture : fixtures) {
            OsvRecord record = OsvParser.parse(fixture.bytes());
            assertThat(record.id()).as(fixture.resource()).isEqualTo(fixture.id());
            assertThat(record.modified()).as(fixture.resource()).isNotNull();
            assertThat(record.affected()).as(fixture.resource()).isNotEmpty()
                    .allSatisfy(affected -> assertThat(affected.ecosystem()).startsWith(fixture.ecosystem()));
        }
    }

    @Test
    void readsLog4ShellAsGitHubPublishesIt() throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read("Maven", "GHSA-jfh8-c2jp-5v3q"));

        assertThat(record.aliases()).containsExactly("CVE-2021-44228");
        assertThat(record.cve()).contains("CVE-2021-44228");
        assertThat(record.published()).isEqualTo(Instant.parse("2021-12-10T00:40:56Z"));
        assertThat(record.withdrawn()).isNull();
        assertThat(record.isWithdrawn()).isFalse();
        assertThat(record.summary()).contains("Remote code injection in Log4j");
        assertThat(record.severity()).contains(
                new OsvSeverity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"));
        assertThat(record.databaseSpecific().get("severity").asString()).isEqualTo("CRITICAL");
        OsvAffected core = record.affected().stream()
                .filter(affected -> affected.packageName().equals("org.apache.logging.log4j:log4j-core"))
                .findFirst().orElseThrow();
        assertThat(core.ecosystem()).isEqualTo("Maven");
        assertThat(core.ranges()).isNotEmpty().allSatisfy(range -> assertThat(range.type())
                .isEqualTo(OsvRange.Type.ECOSYSTEM));
        assertThat(core.ranges()).anySatisfy(range -> assertThat(range.events()).containsExactly(
                new OsvEvent(OsvEvent.Kind.INTRODUCED, "2.13.0"), new OsvEvent(OsvEvent.Kind.FIXED, "2.15.0")));
        assertThat(core.matchKey()).isEqualTo("Maven/org.apache.logging.log4j:log4j-core");
        assertThat(record.references()).anySatisfy(reference -> assertThat(reference)
                .isEqualTo(new OsvReference("ADVISORY", "https://nvd.nist.gov/vuln/detail/CVE-2021-44228")));
    }

    @Test
    void readsDistroRecordsWithTheirCveInUpstreamOrInTheirId() throws Exception {
        OsvRecord debian = OsvParser.parse(OsvFixtures.read("Debian", "DEBIAN-CVE-2011-3374"));
        assertThat(debian.aliases()).isEmpty();
        assertThat(debian.upstream()).containsExactly("CVE-2011-3374");
        assertThat(debian.cve()).contains("CVE-2011-3374");
        assertThat(debian.affected()).extracting(OsvAffected::ecosystem)
                .containsExactly("Debian:11", "Debian:12", "Debian:13");
        assertThat(debian.affected().get(1).ecosystemSpecific().get("urgency").asString()).isEqualTo("unimportant");
        assertThat(debian.affected().get(1).purl()).isEqualTo("pkg:deb/debian/apt?arch=source");

        OsvRecord dsa = OsvParser.parse(OsvFixtures.read("Debian", "DSA-5514-1"));
        assertThat(dsa.cve()).contains("CVE-2023-4527");
        assertThat(dsa.cveIds()).containsExactly("CVE-2023-4527", "CVE-2023-4806", "CVE-2023-4911");

        OsvRecord ubuntu = OsvParser.parse(OsvFixtures.read("Ubuntu", "UBUNTU-CVE-2016-2781"));
        assertThat(ubuntu.related()).containsExactly("CVE-2016-2781");
        assertThat(ubuntu.cve()).contains("CVE-2016-2781");
        assertThat(ubuntu.affected()).extracting(OsvAffected::ecosystem).contains("Ubuntu:22.04:LTS",
                "Ubuntu:Pro:18.04:LTS");
    }

    @Test
    void readsGoRecordsWhoseTimestampsAreTheZeroTime() throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read("Go", "GO-2022-1059"));
        assertThat(record.modified()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(record.cve()).contains("CVE-2022-32149");
        assertThat(record.affected().get(0).ranges().get(0).type()).isEqualTo(OsvRange.Type.SEMVER);
    }

    @Test
    void readsGitRangesWithTheirRepository() throws Exception {
        OsvRecord record = OsvParser.parse(OsvFixtures.read("PyPI", "PYSEC-2018-28"));
        assertThat(record.affected()).flatExtracting(OsvAffected::ranges)
                .filteredOn(range -> range.type() == OsvRange.Type.GIT)
                .isNotEmpty().allSatisfy(range -> assertThat(range.repo()).startsWith("https://"));
    }

    @Test
    void acceptsTimestampsWithFractionsAndOffsets() throws Exception {
        OsvRecord record = parse(root -> {
            root.put("modified", "2025-10-13T15:48:05.749899214Z");
            root.put("published", "2021-12-10T01:40:56+01:00");
        });
        assertThat(record.modified()).isEqualTo(Instant.parse("2025-10-13T15:48:05.749899214Z"));
        assertThat(record.published()).isEqualTo(Instant.parse("2021-12-10T00:40:56Z"));
    }

    @Test
    void treatsNullAndMissingListsAsEmpty() throws Exception {
        OsvRecord record = parse(root -> {
            root.putNull("aliases");
            root.remove("references");
            root.remove("severity");
            root.putNull("database_specific");
        });
        assertThat(record.aliases()).isEmpty();
        assertThat(record.references()).isEmpty();
        assertThat(record.severity()).isEmpty();
        assertThat(record.databaseSpecific()).isNull();
        assertThat(record.cve()).isEmpty();
    }

    @Test
    void refusesRecordsWithoutIdOrModified() {
        assertMalformed(root -> root.remove("id"), null, "no 'id'");
        assertMalformed(root -> root.put("id", ""), null, "'id' is not a non-empty string");
        assertMalformed(root -> root.put("id", 7), null, "'id' is not a non-empty string");
        assertMalformed(root -> root.remove("modified"), "GHSA-jfh8-c2jp-5v3q", "no 'modified' timestamp");
    }

    @Test
    void refusesMalformedTimestamps() {
        assertMalformed(root -> root.put("modified", "2021-12-10"), "GHSA-jfh8-c2jp-5v3q",
                "modified: \"2021-12-10\" is not an RFC 3339 timestamp");
        assertMalformed(root -> root.put("modified", "2021-12-10T00:40:56"), "GHSA-jfh8-c2jp-5v3q",
                "modified: \"2021-12-10T00:40:56\" is not an RFC 3339 timestamp");
        assertMalformed(root -> root.put("published", "2021-13-45T00:40:56Z"), "GHSA-jfh8-c2jp-5v3q",
                "published: \"2021-13-45T00:40:56Z\" is not a valid date and time");
        assertMalformed(root -> root.put("withdrawn", 1639096856), "GHSA-jfh8-c2jp-5v3q",
                "withdrawn: 1639096856 is not an RFC 3339 timestamp");
    }

    @Test
    void refusesUnknownRangeTypes() {
        assertMalformed(root -> firstRange(root).put("type", "CALVER"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].type: unknown range type 'CALVER' (ECOSYSTEM, SEMVER or GIT)");
        assertMalformed(root -> firstRange(root).remove("type"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0]: no 'type'");
    }

    @Test
    void refusesEventsThatBreakTheSchema() {
        assertMalformed(root -> firstRange(root).putArray("events"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].events: a range needs at least one event");
        assertMalformed(root -> firstRange(root).putArray("events").addObject().put("fixed", "2.15.0"),
                "GHSA-jfh8-c2jp-5v3q", "affected[0].ranges[0].events: no 'introduced' event");
        assertMalformed(root -> firstEvent(root).put("fixed", "2.15.0"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].events[0]: both 'introduced' and 'fixed'");
        assertMalformed(root -> firstEvent(root).removeAll(), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].events[0]: none of introduced, fixed, last_affected, limit");
        assertMalformed(root -> ((ArrayNode) firstRange(root).get("events")).addObject().put("last_affected", "2.14.1"),
                "GHSA-jfh8-c2jp-5v3q", "'fixed' and 'last_affected' events in the same range");
        assertMalformed(root -> firstEvent(root).put("introduced", 2), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].events[0].introduced: a number 2 is not a non-empty string");
        assertMalformed(root -> firstRange(root).put("events", "0"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0].ranges[0].events: a string \"0\" where an array belongs");
    }

    @Test
    void refusesGitRangesWithoutRepositoryOrFullCommits() {
        byte[] pysec = OsvFixtures.read("PyPI", "PYSEC-2018-28");
        assertMalformed(pysec, root -> gitRange(root).remove("repo"), "PYSEC-2018-28", "a GIT range needs a 'repo'");
        assertMalformed(pysec, root -> ((ObjectNode) gitRange(root).get("events").get(0)).put("introduced", "ab12cd"),
                "PYSEC-2018-28", "'ab12cd' is not a full-length commit hash");
    }

    @Test
    void refusesFieldsOfTheWrongShape() {
        assertMalformed(root -> root.put("aliases", "CVE-2021-44228"), "GHSA-jfh8-c2jp-5v3q",
                "aliases: a string \"CVE-2021-44228\" where an array belongs");
        assertMalformed(root -> ((ArrayNode) root.get("aliases")).add(44228), "GHSA-jfh8-c2jp-5v3q",
                "aliases[1]: 44228 is not a string");
        assertMalformed(root -> ((ObjectNode) root.get("affected").get(0)).remove("package"), "GHSA-jfh8-c2jp-5v3q",
                "affected[0]: no 'package'");
        assertMalformed(root -> ((ObjectNode) root.get("affected").get(0).get("package")).remove("name"),
                "GHSA-jfh8-c2jp-5v3q", "affected[0].package: no 'name'");
        assertMalformed(root -> ((ObjectNode) root.get("severity").get(0)).remove("score"), "GHSA-jfh8-c2jp-5v3q",
                "severity[0]: no 'score'");
        assertMalformed(root -> ((ObjectNode) root.get("references").get(0)).put("url", true), "GHSA-jfh8-c2jp-5v3q",
                "references[0].url: a boolean true is not a non-empty string");
        assertMalformed(root -> root.put("summary", 5), "GHSA-jfh8-c2jp-5v3q", "summary: a number 5 is not a string");
        assertMalformed(root -> root.putArray("database_specific"), "GHSA-jfh8-c2jp-5v3q",
                "database_specific: an array [] where an object belongs");
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> OsvParser.parse("{\"id\": \"GHSA-x\",".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedOsvRecordException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> OsvParser.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedOsvRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> OsvParser.parse("{\"id\": \"A-1\", \"modified\": \"2021-12-10T00:40:56Z\"} {}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedOsvRecordException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> OsvParser.parse(("{\"id\": \"A-1\", \"modified\": \"2021-12-10T00:40:56Z\", "
                + "\"modified\": \"2022-12-10T00:40:56Z\"}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedOsvRecordException.class)
                .hasMessageContaining("Duplicate Object property \"modified\"");
    }

    @Test
    void namesTheRecordAndTheProblemInTheMessage() {
        assertThatThrownBy(() -> parse(root -> firstRange(root).put("type", "CALVER")))
                .isInstanceOfSatisfying(MalformedOsvRecordException.class, e -> {
                    assertThat(e.recordId()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
                    assertThat(e.problem()).startsWith("affected[0].ranges[0].type");
                    assertThat(e).hasMessage("OSV record GHSA-jfh8-c2jp-5v3q is malformed: affected[0].ranges[0].type:"
                            + " unknown range type 'CALVER' (ECOSYSTEM, SEMVER or GIT)");
                });
    }

    private static OsvRecord parse(Consumer<ObjectNode> change) throws MalformedOsvRecordException {
        ObjectNode root = (ObjectNode) JSON.readTree(OsvFixtures.read("Maven", "GHSA-jfh8-c2jp-5v3q"));
        change.accept(root);
        return OsvParser.parse(JSON.writeValueAsBytes(root));
    }

    private static void assertMalformed(Consumer<ObjectNode> change, String id, String problem) {
        assertMalformed(OsvFixtures.read("Maven", "GHSA-jfh8-c2jp-5v3q"), change, id, problem);
    }

    private static void assertMalformed(byte[] record, Consumer<ObjectNode> change, String id, String problem) {
        ObjectNode root = (ObjectNode) JSON.readTree(record);
        change.accept(root);
        assertThatThrownBy(() -> OsvParser.parse(JSON.writeValueAsBytes(root)))
                .isInstanceOfSatisfying(MalformedOsvRecordException.class, e -> {
                    assertThat(e.recordId()).isEqualTo(id);
                    assertThat(e.getMessage()).contains(problem);
                });
    }

    private static ObjectNode firstRange(ObjectNode root) {
        return (ObjectNode) root.get("affected").get(0).get("ranges").get(0);
    }

    private static ObjectNode firstEvent(ObjectNode root) {
        return (ObjectNode) firstRange(root).get("events").get(0);
    }

    private static ObjectNode gitRange(ObjectNode root) {
        for (var affected : root.get("affected")) {
            for (var range : affected.path("ranges")) {
                if (range.get("type").asString().equals("GIT")) {
                    return (ObjectNode) range;
                }
            }
        }
        throw new AssertionError("no GIT range");
    }
}
