package io.drydock.policy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.policy.gate.GateRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleValidatorTest {
    private final BundleValidator validator = new BundleValidator(GateRegistry.standard());

    private static final String BROKEN = """
            {
              "id": "b1", "name": "broken", "version": "1_0", "unknown_field": {"kept": true},
              "policies": [
                {"id": "p1", "name": "one", "version": "1_0", "rules": [
                  {"id": "r1", "gate": "no_such_gate", "trigger": "x", "action": "STOP", "params": []},
                  {"id": "r2", "gate": "dockerfile", "trigger": "no_such_trigger", "action": "WARN", "params": []},
                  {"id": "r3", "gate": "DOCKERFILE", "trigger": "exposed_ports", "action": "stop",
                   "params": [{"name": "ports", "value": "22"}, {"name": "type", "value": "blacklist"},
                              {"name": "colour", "value": "red"}]},
                  {"id": "r4", "gate": "vulnerabilities", "trigger": "package", "action": "WARN",
                   "params": [{"name": "severity", "value": "high"}]},
                  {"id": "r5", "gate": "vulnerabilities", "trigger": "stale_feed_data", "action": "WARN",
                   "params": [{"name": "max_days_since_sync", "value": "two"}]},
                  {"id": "r6", "gate": "anchoresec", "trigger": "vulnhigh", "action": "STOP", "params": []},
                  {"id": "r7", "gate": "always", "trigger": "always", "action": "BLOCK", "params": []},
                  {"id": "r8", "gate": "metadata", "trigger": "attribute", "action": "WARN",
                   "params": [{"name": "attribute", "value": "size"}, {"name": "check", "value": ">"},
                              {"name": "value", "value": "big"}]},
                  {"id": "r9", "gate": "vulnerabilities", "trigger": "package", "action": "WARN",
                   "params": [{"name": "package_type", "value": "all"},
                              {"name": "package_path_exclude", "value": "([unclosed"}]}
                ]},
                {"id": "p2", "name": "dup-a", "version": "1_0", "rules": []},
                {"id": "p2", "name": "dup-b", "version": "1_0", "rules": []},
                {"id": "p3", "name": "old", "version": "0_9", "rules": []},
                {"id": "unreferenced", "name": "ignored", "version": "1_0", "rules": [
                  {"gate": "nonsense", "trigger": "nonsense", "action": "nonsense"}]}
              ],
              "whitelists": [],
              "mappings": [
                {"name": "m1", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                 "policy_id": "p1", "whitelist_ids": ["missing-wl"]},
                {"name": "m2", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                 "policy_ids": ["p2", "p3"]},
                {"name": "m3", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                 "policy_id": "p1", "policy_ids": ["p1"]},
                {"name": "m4", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"}}
              ]
            }
            """;

    @Test
    void collectsEveryProblemOfABrokenBundle() {
        List<PolicyProblem> problems = validator.validate(BROKEN);

        assertThat(problems).allMatch(p -> p.severity().equals("error"));
        assertThat(problems).extracting(PolicyProblem::problemType).containsExactlyInAnyOrder(
                "ValidationError",               // m3: both policy_id and policy_ids
                "ValidationError",               // m4: neither
                "GateNotFoundError",             // r1
                "TriggerNotFoundError",          // r2
                "InvalidParameterError",         // r3: colour
                "RequiredParameterNotSetError",  // r4: package_type
                "ParameterValueInvalidError",    // r5: "two"
                "EndOfLifedError",               // r6
                "InvalidGateAction",             // r7
                "ParameterValueInvalidError",    // r8: size "big"
                "ParameterValueInvalidError",    // r9: regex does not compile
                "DuplicateIdentifierFoundError", // p2
                "UnsupportedVersionError",       // p3
                "ReferencedObjectNotFoundError"  // missing-wl
        );
        assertThat(problems).noneMatch(p -> p.details().contains("nonsense"));
        assertThat(problems).filteredOn(p -> p.problemType().equals("EndOfLifedError"))
                .extracting(PolicyProblem::details)
                .containsExactly("Gate anchoresec has been End-of-Lifed. It will not be evaluated, and should be "
                        + "removed from policies and replaced with 'vulnerabilities'");
    }

    @Test
    void acceptsContentGatesUnderAnchoreAliasesAndStillRejectsTheirEndOfLifedPredecessors() {
        String bundle = """
                {"id": "b2", "name": "content", "version": "1_0",
                 "policies": [{"id": "p1", "name": "content", "version": "1_0", "rules": [
                   {"id": "r1", "gate": "passwd_file", "trigger": "blacklist_usernames", "action": "STOP",
                    "params": [{"name": "usernameblacklist", "value": "ftp,games"}]},
                   {"id": "r2", "gate": "passwd_file", "trigger": "shellmatch", "action": "WARN",
                    "params": [{"name": "shells", "value": "/bin/zsh"}]},
                   {"id": "r3", "gate": "retrieved_files", "trigger": "content_regex", "action": "WARN",
                    "params": [{"name": "path", "value": "/etc/passwd"}, {"name": "regex", "value": "^root:"},
                               {"name": "check", "value": "no_match"}]},
                   {"id": "r4", "gate": "secret_scans", "trigger": "content_regex_checks", "action": "STOP",
                    "params": [{"name": "match_type", "value": "found"}]},
                   {"id": "r5", "gate": "files", "trigger": "content_regex_match", "action": "WARN", "params": []},
                   {"id": "r6", "gate": "passwd_file", "trigger": "blacklist_userids", "action": "STOP",
                    "params": [{"name": "useridblacklist", "value": "0,x"}]},
                   {"id": "r7", "gate": "secretcheck", "trigger": "contentmatch", "action": "STOP", "params": []},
                   {"id": "r8", "gate": "fileparse_passwd", "trigger": "usernamematch", "action": "STOP",
                    "params": []}
                 ]}],
                 "whitelists": [],
                 "mappings": [{"name": "all", "registry": "*", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_id": "p1"}]}
                """;
        assertThat(validator.validate(bundle)).extracting(PolicyProblem::problemType, PolicyProblem::details)
                .containsExactlyInAnyOrder(
                        tuple("ParameterValueInvalidError", "Parameter validation failed for user_ids: Value '0,x' "
                                + "does not satisfy CommaDelimitedStringOfNumbers "
                                + "{type=string, pattern=^\\s*(\\s*(\\d+)\\s*,)*\\s*(\\d+){1}\\s*$} "
                                + "(gate=passwd_file,trigger=blacklist_userids,rule_id=r6)"),
                        tuple("EndOfLifedError", "Gate secretcheck has been End-of-Lifed. It will not be evaluated, "
                                + "and should be removed from policies and replaced with 'secret_scans'"),
                        tuple("EndOfLifedError", "Gate fileparse_passwd has been End-of-Lifed. It will not be "
                                + "evaluated, and should be removed from policies and replaced with 'passwd_file'"));
    }

    @Test
    void acceptsTheDefaultBundle() {
        assertThat(validator.validate(DefaultBundles.anchoreDefault())).isEmpty();
    }

    @Test
    void rejectsAnUnsupportedBundleVersionAndNonObjects() {
        assertThat(validator.validate("{\"id\":\"x\",\"version\":\"2_0\",\"policies\":[],\"mappings\":[]}"))
                .extracting(PolicyProblem::problemType).containsExactly("UnsupportedVersionError");
        assertThat(validator.validate("[1,2]")).extracting(PolicyProblem::problemType)
                .containsExactly("ValidationError");
    }

    @Test
    void keepsTheOriginalDocumentIncludingUnknownFields() {
        Bundle bundle = Bundle.parse(BROKEN);
        assertThat(bundle.document().get("unknown_field").get("kept").asBoolean()).isTrue();
        assertThat(bundle.policies()).hasSize(5);
        assertThat(bundle.digest()).isEqualTo(Bundle.parse(BROKEN).digest()).startsWith("sha256:");
    }
}
