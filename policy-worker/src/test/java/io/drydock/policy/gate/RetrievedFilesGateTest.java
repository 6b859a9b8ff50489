package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static io.drydock.policy.gate.GateHarness.md5;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievedFilesGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String CONF = "Listen 443\n\tSSLEnabled=on   ServerName\u00a0app.example.com\n";
    private static final ImageFacts IMAGE = TestImages.debian()
            .retrieved("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .retrieved("/etc/httpd.conf", CONF)
            .build();

    @Test
    void contentNotAvailableFiresOnceForAFileNotRetrieved() {
        String message = "Cannot locate file in the image analysis";
        assertThat(fire("retrieved_files", "content_not_available", Map.of("path", "/etc/shadow"), IMAGE, NOW))
                .containsExactly(new TriggerMatch(md5("retrieved_filescontent_not_available" + message), message));
        assertThat(fire("retrieved_files", "content_not_available", Map.of("path", "/etc/passwd"),
                TestImages.debian().build(), NOW)).extracting(TriggerMatch::message).containsExactly(message);
        assertThat(fire("retrieved_files", "content_not_available", Map.of("path", "/etc/httpd.conf"), IMAGE, NOW))
                .isEmpty();
    }

    @Test
    void contentRegexMatchUsesTheRuleIdAndPathAsTriggerId() {
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "SSLEnabled=on$", "check", "match"), IMAGE, NOW))
                .containsExactly(new TriggerMatch("rule-1+file:///etc/httpd.conf",
                        "Content regex 'SSLEnabled=on$' check 'match' found in retrieved file '/etc/httpd.conf'"));
    }

    @Test
    void contentRegexIsAppliedFromTheStartOfEachToken() {
        // "ServerName\u00a0app..." is two tokens for Python's str.split(), so "app" starts one
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "app\\.", "check", "match"), IMAGE, NOW)).hasSize(1);
        // matched from the token start only, and never across whitespace
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "Enabled", "check", "match"), IMAGE, NOW)).isEmpty();
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "Listen 443", "check", "match"), IMAGE, NOW)).isEmpty();
    }

    @Test
    void contentRegexNoMatchFiresWhenNoTokenMatches() {
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "SSLEnabled=off", "check", "no_match"), IMAGE, NOW))
                .extracting(TriggerMatch::message).containsExactly(
                        "Content regex 'SSLEnabled=off' check 'no_match' found in retrieved file '/etc/httpd.conf'");
        assertThat(fire("retrieved_files", "content_regex",
                Map.of("path", "/etc/httpd.conf", "regex", "SSLEnabled=on", "check", "no_match"), IMAGE, NOW))
                .isEmpty();
    }

    @Test
    void contentRegexIsSilentWhenTheFileOrItsContentIsMissing() {
        Map<String, String> noMatch = Map.of("path", "/etc/shadow", "regex", "root", "check", "no_match");
        assertThat(fire("retrieved_files", "content_regex", noMatch, IMAGE, NOW)).isEmpty();
        assertThat(fire("retrieved_files", "content_regex", noMatch,
                TestImages.debian().retrieved("/etc/shadow", null).build(), NOW)).isEmpty();
    }
}
