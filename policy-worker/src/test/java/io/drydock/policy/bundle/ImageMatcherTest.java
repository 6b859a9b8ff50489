package io.drydock.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageMatcherTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String ID = "b".repeat(64);

    private static MappingRule rule(String name, String registry, String repository, String type, String value) {
        return new MappingRule(null, name, registry, repository, new ImageRef(type, value), "p", null, List.of(), null);
    }

    private static String first(List<MappingRule> rules, String tag) {
        return ImageMatcher.firstMapping(rules, FullTag.parse(tag), DIGEST, ID).map(MappingRule::name).orElse("none");
    }

    @Test
    void splitsFullTagsWithPortsAndNestedRepositories() {
        assertThat(FullTag.parse("registry.example.com:5000/team/app/api:1.2"))
                .isEqualTo(new FullTag("registry.example.com:5000", "team/app/api", "1.2"));
        assertThat(FullTag.parse("dockerhub/library/alpine:3.19"))
                .isEqualTo(new FullTag("docker.io", "library/alpine", "3.19"));
        assertThat(FullTag.parse(null)).isEqualTo(FullTag.ANY);
    }

    @Test
    void firstMatchingRuleWins() {
        List<MappingRule> rules = List.of(
                rule("prod", "registry.example.com:5000", "team/*", "tag", "v*"),
                rule("by-digest", "*", "*", "digest", DIGEST),
                rule("catch-all", "*", "*", "tag", "*"));
        assertThat(first(rules, "registry.example.com:5000/team/app:v2")).isEqualTo("prod");
        assertThat(first(rules, "registry.example.com:5000/team/app:latest")).isEqualTo("by-digest");
        assertThat(first(rules, "docker.io/library/alpine:3")).isEqualTo("by-digest");
        assertThat(first(List.of(rules.getFirst(), rules.getLast()), "docker.io/alpine:3")).isEqualTo("catch-all");
    }

    @Test
    void rewritesDockerhubPrefixAndMatchesIds() {
        List<MappingRule> rules = List.of(
                rule("hub", "docker.io", "library/*", "tag", "*"),
                rule("by-id", "*", "*", "id", ID));
        assertThat(first(rules, "dockerhub/library/nginx:1")).isEqualTo("hub");
        assertThat(first(rules, "quay.io/x/y:1")).isEqualTo("by-id");
        assertThat(first(List.of(rules.getFirst()), null)).isEqualTo("none");
    }

    @Test
    void wildcardsAreLiteralExceptStarAndRegexpIsRaw() {
        assertThat(Wildcards.matches("CVE-2019-1234+*", "CVE-2019-1234+openssl")).isTrue();
        assertThat(Wildcards.matches("CVE-2019-1234+*", "CVE-2019-12345+openssl")).isFalse();
        assertThat(Wildcards.matches("a.b", "axb")).isFalse();
        assertThat(Wildcards.matches("regexp:CVE-20(19|20)-.*", "CVE-2020-1+x")).isTrue();
        assertThat(Wildcards.matches("regexp:([", "x")).isFalse();
    }
}
