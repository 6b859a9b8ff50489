package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static io.drydock.policy.gate.GateHarness.md5;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswdFileGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final String REDIS = "redis:x:41:29:redis:/var/redis:/bin/zsh";
    private static final String FOO = "foo:x:45:45:foo:/var/foo:/bin/bash";
    /** Debian's base-passwd layout, plus a blank line and a truncated entry as a hand-edited file may have. */
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
            + "bin:x:1:1:bin:/bin:/usr/sbin/nologin\n"
            + "adm:x:22:22:adm:/var/adm:/usr/bin/false\n"
            + "\n"
            + REDIS + "\r\n"
            + "  " + FOO + "  \n"
            + "broken:x\n";
    private static final ImageFacts IMAGE = TestImages.debian().retrieved("/etc/passwd", PASSWD).build();

    private static List<String> messages(String trigger, Map<String, String> params) {
        return messages(trigger, params, IMAGE);
    }

    private static List<String> messages(String trigger, Map<String, String> params, ImageFacts image) {
        return fire("passwd_file", trigger, params, image, NOW).stream().map(TriggerMatch::message).toList();
    }

    @Test
    void contentNotAvailableFiresOnlyWithoutEntries() {
        String message = "Cannot locate /etc/passwd in image stored files archive: check analyzer settings.";
        assertThat(fire("passwd_file", "content_not_available", Map.of(), TestImages.debian().build(), NOW))
                .containsExactly(new TriggerMatch(md5("passwd_filecontent_not_available" + message), message));
        assertThat(messages("content_not_available", Map.of(),
                TestImages.debian().retrieved("/etc/passwd", "").build())).containsExactly(message);
        assertThat(messages("content_not_available", Map.of(),
                TestImages.debian().retrieved("/etc/group", "root:x:0:").build())).containsExactly(message);
        assertThat(messages("content_not_available", Map.of())).isEmpty();
    }

    @Test
    void blacklistUsernamesFiresPerListedUserInFileOrder() {
        String adm = "Blacklisted user 'adm' found in image's /etc/passwd: pentry=adm:x:22:22:adm:/var/adm:/usr/bin/false";
        assertThat(fire("passwd_file", "blacklist_usernames", Map.of("user_names", "adm"), IMAGE, NOW))
                .containsExactly(new TriggerMatch(md5("passwd_fileblacklist_usernames" + adm), adm));
        assertThat(messages("blacklist_usernames", Map.of("user_names", " foo , bin"))).containsExactly(
                "Blacklisted user 'bin' found in image's /etc/passwd: pentry=bin:x:1:1:bin:/bin:/usr/sbin/nologin",
                "Blacklisted user 'foo' found in image's /etc/passwd: pentry=" + FOO);
        assertThat(messages("blacklist_usernames", Map.of("user_names", "postgres,ad"))).isEmpty();
    }

    @Test
    void blacklistUserIdsComparesNumbers() {
        assertThat(messages("blacklist_userids", Map.of("user_ids", "22,041"))).containsExactly(
                "Blacklisted uid '22' found in image's /etc/passwd: pentry=adm:x:22:22:adm:/var/adm:/usr/bin/false",
                "Blacklisted uid '41' found in image's /etc/passwd: pentry=" + REDIS);
        assertThat(messages("blacklist_userids", Map.of("user_ids", "220,29"))).isEmpty();
    }

    @Test
    void blacklistGroupIdsLooksAtTheGroupField() {
        assertThat(messages("blacklist_groupids", Map.of("group_ids", "29"))).containsExactly(
                "Blacklisted gid '29' found in image's /etc/passwd: pentry=" + REDIS);
        assertThat(messages("blacklist_groupids", Map.of("group_ids", "41,92"))).isEmpty();
    }

    @Test
    void blacklistShellsLooksAtTheLastField() {
        assertThat(messages("blacklist_shells", Map.of("shells", "/bin/zsh,/bin/bash"))).containsExactly(
                "Blacklisted shell '/bin/bash' found in image's /etc/passwd: pentry=root:x:0:0:root:/root:/bin/bash",
                "Blacklisted shell '/bin/zsh' found in image's /etc/passwd: pentry=" + REDIS,
                "Blacklisted shell '/bin/bash' found in image's /etc/passwd: pentry=" + FOO);
        assertThat(messages("blacklist_shells", Map.of("shells", "/bin/ion,/var/foo"))).isEmpty();
    }

    @Test
    void blacklistFullEntryMatchesTheStrippedLine() {
        assertThat(messages("blacklist_full_entry", Map.of("entry", " " + FOO + " "))).containsExactly(
                "Blacklisted pentry '" + FOO + "' found in image's /etc/passwd: pentry=" + FOO);
        assertThat(messages("blacklist_full_entry", Map.of("entry", "redis:x:41:29:redis:/var/redis"))).isEmpty();
    }

    @Test
    void laterEntryForTheSameUserReplacesTheEarlierOne() {
        ImageFacts twice = TestImages.debian().retrieved("/etc/passwd",
                "app:x:1000:1000::/home/app:/bin/sh\nroot:x:0:0:root:/root:/bin/sh\napp:x:0:0::/home/app:/bin/sh\n")
                .build();
        assertThat(messages("blacklist_userids", Map.of("user_ids", "0,1000"), twice)).containsExactly(
                "Blacklisted uid '0' found in image's /etc/passwd: pentry=app:x:0:0::/home/app:/bin/sh",
                "Blacklisted uid '0' found in image's /etc/passwd: pentry=root:x:0:0:root:/root:/bin/sh");
    }

    @Test
    void acceptsAnchoreAliasesOfTriggerAndParameters() {
        Gate<?> gate = GateRegistry.standard().find("PASSWD_FILE").orElseThrow();
        assertThat(gate.trigger("ShellMatch")).get().extracting(Trigger::name).isEqualTo("blacklist_shells");
        assertThat(gate.trigger("blacklist_usernames").orElseThrow().param("UserNameBlacklist"))
                .get().extracting(TriggerParam::name).isEqualTo("user_names");
        assertThat(gate.trigger("blacklist_userids").orElseThrow().param("useridblacklist"))
                .get().extracting(TriggerParam::name).isEqualTo("user_ids");
    }
}
