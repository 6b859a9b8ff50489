package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static io.drydock.policy.gate.GateHarness.md5;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScansGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String PRIV_KEY = "(?i)-+BEGIN(.*)PRIVATE KEY-+";
    private static final String AWS_KEY = "(?i).*aws_access_key_id( *=+ *).*(?<![A-Z0-9])[A-Z0-9]{20}(?![A-Z0-9]).*";
    private static final ImageFacts IMAGE = TestImages.debian()
            .secret("/etc/ssl/private/server.key", "PRIV_KEY", PRIV_KEY)
            .secret("/root/.aws/credentials", "AWS_ACCESS_KEY", AWS_KEY)
            .secret("/root/.aws/credentials", "PRIV_KEY", PRIV_KEY)
            .build();

    private static List<String> messages(Map<String, String> params, ImageFacts image) {
        return fire("secret_scans", "content_regex_checks", params, image, NOW).stream().map(TriggerMatch::message)
                .toList();
    }

    @Test
    void foundFiresPerFileAndSearchPrintingTheSearchNotTheSecret() {
        String first = "Secret content search analyzer found regexp match in container: "
                + "file=/etc/ssl/private/server.key regexp=PRIV_KEY=" + PRIV_KEY;
        List<TriggerMatch> all = fire("secret_scans", "content_regex_checks", Map.of(), IMAGE, NOW);
        assertThat(all).hasSize(3).first()
                .isEqualTo(new TriggerMatch(md5("secret_scanscontent_regex_checks" + first), first));
        assertThat(all.get(1).message()).isEqualTo("Secret content search analyzer found regexp match in container: "
                + "file=/root/.aws/credentials regexp=AWS_ACCESS_KEY=" + AWS_KEY);
    }

    @Test
    void filtersByFileRegexFromThePathStart() {
        assertThat(messages(Map.of("filename_regex", "/root/"), IMAGE)).hasSize(2)
                .allMatch(m -> m.contains("file=/root/.aws/credentials "));
        assertThat(messages(Map.of("filename_regex", "credentials"), IMAGE)).isEmpty();
    }

    @Test
    void selectsSearchesWhoseNameOrRegexOccursInTheParameter() {
        assertThat(messages(Map.of("content_regex_name", "AWS_ACCESS_KEY"), IMAGE)).singleElement()
                .satisfies(m -> assertThat(m).contains("regexp=AWS_ACCESS_KEY="));
        assertThat(messages(Map.of("content_regex_name", "AWS_ACCESS_KEY,PRIV_KEY"), IMAGE)).hasSize(3);
        assertThat(messages(Map.of("content_regex_name", PRIV_KEY), IMAGE)).hasSize(2);
        assertThat(messages(Map.of("content_regex_name", "API_KEY"), IMAGE)).isEmpty();
    }

    @Test
    void notFoundFiresOnceWhenNothingPassesTheFilters() {
        assertThat(messages(Map.of("match_type", "notfound"), IMAGE)).isEmpty();
        assertThat(messages(Map.of("match_type", "notfound"), TestImages.debian().build())).containsExactly(
                "Secret content search analyzer did not find regexp match in container: filename_regex=* "
                        + "content_regex_name=all");
        assertThat(messages(Map.of("match_type", "notfound", "content_regex_name", "API_KEY",
                "filename_regex", "/root/.*"), IMAGE)).containsExactly(
                "Secret content search analyzer did not find regexp match in container: filename_regex=/root/.* "
                        + "content_regex_name=API_KEY");
        assertThat(messages(Map.of("match_type", "found", "content_regex_name", "API_KEY"), IMAGE)).isEmpty();
    }
}
