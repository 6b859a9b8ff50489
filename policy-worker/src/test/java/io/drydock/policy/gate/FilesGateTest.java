package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilesGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String PASSWD_SHA = "832cd0f75b227d13aac82b1f70b7f90191a4186c151f9db50851d209c45ede11";
    private static final ImageFacts IMAGE = TestImages.debian()
            .file(new FileFact("/etc/passwd", 0100644, 922, PASSWD_SHA, false, false))
            .file(new FileFact("/usr/bin/passwd", 0104755, 68208, "ab".repeat(32), true, false))
            .file(new FileFact("/etc/ssl/private/key.pem", 0100600, 1704, "cd".repeat(32), false, false))
            .build();

    private static List<String> messages(String trigger, Map<String, String> params) {
        return fire("files", trigger, params, IMAGE, NOW).stream().map(TriggerMatch::message).toList();
    }

    @Test
    void contentRegexMatchFiresPerFileAndContentSearch() {
        ImageFacts image = TestImages.debian()
                .contentMatch("/app/settings.ini", "PASSWORD", "(?i).*password *=.*")
                .contentMatch("/app/settings.ini", "TOKEN", "token=.*")
                .contentMatch("/etc/app.conf", "PASSWORD", "(?i).*password *=.*")
                .build();
        String first = "File content analyzer found regexp match in container: file=/app/settings.ini "
                + "regexp=PASSWORD=(?i).*password *=.*";
        List<TriggerMatch> all = fire("files", "content_regex_match", Map.of(), image, NOW);
        assertThat(all).hasSize(3).first()
                .isEqualTo(new TriggerMatch(GateHarness.md5("filescontent_regex_match" + first), first));
        assertThat(all).extracting(TriggerMatch::message).last().isEqualTo(
                "File content analyzer found regexp match in container: file=/etc/app.conf "
                        + "regexp=PASSWORD=(?i).*password *=.*");
        assertThat(fire("files", "content_regex_match", Map.of(), IMAGE, NOW)).isEmpty();
    }

    @Test
    void contentRegexMatchSelectsASearchByNameRegexOrWholeSpec() {
        ImageFacts image = TestImages.debian()
                .contentMatch("/app/settings.ini", "PASSWORD", "(?i).*password *=.*")
                .contentMatch("/app/settings.ini", "TOKEN", "token=.*")
                .build();
        for (String wanted : List.of("TOKEN", "token=.*", "TOKEN=token=.*")) {
            assertThat(fire("files", "content_regex_match", Map.of("regex_name", wanted), image, NOW))
                    .as(wanted).extracting(TriggerMatch::message).containsExactly("File content analyzer found "
                            + "regexp match in container: file=/app/settings.ini regexp=TOKEN=token=.*");
        }
        // an exact comparison, unlike the secret_scans gate's
        assertThat(fire("files", "content_regex_match", Map.of("regex_name", "TOKEN,PASSWORD"), image, NOW))
                .isEmpty();
        assertThat(fire("files", "content_regex_match", Map.of("regex_name", "TOK"), image, NOW)).isEmpty();
    }

    @Test
    void nameMatchFiresPerMatchingPath() {
        assertThat(messages("name_match", Map.of("regex", ".*\\.pem"))).containsExactly(
                "Application of regex matched file found in container: file=/etc/ssl/private/key.pem regexp=.*\\.pem");
        assertThat(messages("name_match", Map.of("regex", "/etc/"))).hasSize(2);
    }

    @Test
    void suidOrGuidSetPrintsTheModeInPythonOctal() {
        assertThat(messages("suid_or_guid_set", Map.of()))
                .containsExactly("SUID or SGID found set on file /usr/bin/passwd. Mode: 0o104755");
    }

    @Test
    void attributeMatchRequiresEveryGivenCheckToHold() {
        assertThat(messages("attribute_match", Map.of("filename", "/etc/passwd", "checksum", PASSWD_SHA,
                "mode", "00644"))).containsExactly("filename=/etc/passwd and checksum=" + PASSWD_SHA
                + " op=equals specified_checksum=" + PASSWD_SHA + " and mode=0o644 op=equals specified_mode=0o644");
        assertThat(messages("attribute_match", Map.of("filename", "/etc/passwd", "checksum", PASSWD_SHA,
                "mode", "0600"))).isEmpty();
        assertThat(messages("attribute_match", Map.of("filename", "/etc/passwd", "mode", "0600",
                "mode_op", "not_equals"))).hasSize(1);
    }

    @Test
    void attributeMatchOnMissingFileFiresOnlyWhenNotSkipped() {
        assertThat(messages("attribute_match", Map.of("filename", "/etc/shadow", "checksum", "x"))).isEmpty();
        assertThat(messages("attribute_match", Map.of("filename", "/etc/shadow", "skip_missing", "false")))
                .containsExactly("filename=/etc/shadow and skip_missing=False");
    }
}
