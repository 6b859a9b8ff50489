package io.drydock.gateway.query;

import io.drydock.gateway.ApiClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** OSV affected entries evaluated as the OSV schema describes, with each ecosystem's own comparator. */
class AffectedRangesTest {

    @Test
    void closesAtAFixAndOpensAgainAtTheNextIntroduction() {
        JsonNode entry = entry("Debian:12", """
                [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2-1"}, {"introduced": "2.0-1"},
                                                  {"fixed": "2.1-1"}]}]""");
        assertThat(AffectedRanges.affects(entry, "1.1-3")).isTrue();
        assertThat(AffectedRanges.affects(entry, "1:1.0-1")).as("an epoch sorts after every version without").isFalse();
        assertThat(AffectedRanges.affects(entry, "1.2-1")).isFalse();
        assertThat(AffectedRanges.affects(entry, "1.2~rc1-1")).as("dpkg: ~ sorts before the release").isTrue();
        assertThat(AffectedRanges.affects(entry, "2.0-1")).isTrue();
        assertThat(AffectedRanges.affects(entry, "2.1-1")).isFalse();
    }

    @Test
    void includesTheLastAffectedVersionAndStopsAtALimit() {
        JsonNode lastAffected = entry("PyPI", """
                [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"last_affected": "1.4"}]}]""");
        assertThat(AffectedRanges.affects(lastAffected, "1.4")).isTrue();
        assertThat(AffectedRanges.affects(lastAffected, "1.4.post1")).isFalse();
        assertThat(AffectedRanges.affects(lastAffected, "0.9")).isFalse();
        JsonNode limited = entry("npm", """
                [{"type": "SEMVER", "events": [{"introduced": "0"}, {"limit": "3.0.0"}]}]""");
        assertThat(AffectedRanges.affects(limited, "2.9.9")).isTrue();
        assertThat(AffectedRanges.affects(limited, "3.0.0")).isFalse();
    }

    @Test
    void matchesListedVersionsAndIgnoresGitRangesAndIncomparableVersions() {
        JsonNode listed = ApiClient.JSON.readTree("""
                {"package": {"ecosystem": "Go", "name": "example.com/m"}, "versions": ["v1.0.0-rc.1"],
                 "ranges": [{"type": "GIT", "repo": "https://example.com/m", "events": [{"introduced": "0"}]}]}""");
        assertThat(AffectedRanges.affects(listed, "v1.0.0-rc.1")).isTrue();
        assertThat(AffectedRanges.affects(listed, "v1.0.0")).as("a GIT range names commits").isFalse();
        JsonNode maven = entry("Maven", """
                [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.15.0"}]}]""");
        assertThat(AffectedRanges.affects(maven, "2.15.0-rc1")).isTrue();
        JsonNode unknown = entry("Unknown-Ecosystem", """
                [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]""");
        assertThat(AffectedRanges.affects(unknown, "1.0")).as("no comparator, no verdict").isFalse();
    }

    private static JsonNode entry(String ecosystem, String ranges) {
        return ApiClient.JSON.readTree("""
                {"package": {"ecosystem": "%s", "name": "p"}, "ranges": %s}""".formatted(ecosystem, ranges));
    }
}
