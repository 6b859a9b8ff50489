package io.drydock.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.policy.bundle.Bundle;
import io.drydock.policy.bundle.DefaultBundles;
import io.drydock.policy.bundle.GateAction;
import io.drydock.policy.bundle.PolicyProblem;
import io.drydock.policy.gate.DockerfileMode;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.TestImages;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TAG = "docker.io/library/app:1.0";
    private static final String SSH_DOCKERFILE = "FROM debian:12\nEXPOSE 22\nCMD [\"/usr/sbin/sshd\", \"-D\"]\n";

    private final PolicyEngine engine = new PolicyEngine();

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    private static ImageFacts sshImage() {
        return TestImages.debian().dockerfile(DockerfileMode.GUESSED, SSH_DOCKERFILE).build();
    }

    /** A bundle with one "always" rule and the given allowlist items, allowed images and denied images. */
    private static Bundle alwaysBundle(String whitelistItems, String whitelistedImages, String blacklistedImages) {
        return Bundle.parse("""
                {"id": "b", "name": "b", "version": "1_0",
                 "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                   {"id": "r-always", "gate": "always", "trigger": "always", "action": "STOP", "params": []},
                   {"id": "r-vuln", "gate": "vulnerabilities", "trigger": "package", "action": "STOP",
                    "params": [{"name": "package_type", "value": "all"}]}]}],
                 "whitelists": [{"id": "wl", "name": "Allowed", "version": "1_0", "items": [%s]}],
                 "mappings": [{"name": "all", "registry": "*", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": ["wl"]}],
                 "whitelisted_images": [%s],
                 "blacklisted_images": [%s]}
                """.formatted(whitelistItems, whitelistedImages, blacklistedImages));
    }

    private static ImageFacts vulnerableImage() {
        return TestImages.debian()
                .vulnerability(TestImages.osVuln("CVE-2019-1234", "High", "openssl", NOW.minus(Duration.ofDays(90))))
                .vulnerability(TestImages.osVuln("CVE-2020-0001", "Low", "zlib1g", NOW.minus(Duration.ofDays(90))))
                .build();
    }

    @Test
    void defaultBundleStopsAnImageExposingSshWithoutVulnerabilityData() throws Exception {
        PolicyEvaluation evaluation = engine.evaluate(DefaultBundles.anchoreDefault(), sshImage(), TAG, CLOCK);

        String policyId = "48e6f7d6-1765-11e8-b5f9-8b6f228548b6";
        String imageId = sshImage().imageId();
        String ssh = "Dockerfile exposes port (22) which is in policy file DENIEDPORTS list";
        String health = "Dockerfile directive 'HEALTHCHECK' not found, matching condition 'not_exists' check";
        String stale = "The vulnerability feed for this image distro is older than MAXAGE (2) days";
        String unavailable = "Distro-specific feed data not found for distro namespace: debian:12. "
                + "Cannot perform CVE scan OS/distro packages";
        assertThat(evaluation.rows()).containsExactly(
                new EvaluationRow(imageId, TAG, md5("dockerfileexposed_ports" + ssh), "dockerfile", "exposed_ports",
                        ssh, GateAction.STOP, null, policyId),
                new EvaluationRow(imageId, TAG, md5("dockerfileinstruction" + health), "dockerfile", "instruction",
                        health, GateAction.WARN, null, policyId),
                new EvaluationRow(imageId, TAG, md5("vulnerabilitiesstale_feed_data" + stale), "vulnerabilities",
                        "stale_feed_data", stale, GateAction.WARN, null, policyId),
                new EvaluationRow(imageId, TAG, md5("vulnerabilitiesvulnerability_data_unavailable" + unavailable),
                        "vulnerabilities", "vulnerability_data_unavailable", unavailable, GateAction.WARN, null,
                        policyId));
        assertThat(evaluation.finalAction()).isEqualTo(GateAction.STOP);
        assertThat(evaluation.finalActionReason()).isEqualTo(FinalActionReason.POLICY_EVALUATION);
        assertThat(evaluation.status()).isEqualTo("fail");
        assertThat(evaluation.evaluationProblems()).isEmpty();
        assertThat(evaluation.matchedMappingRule().get("name").asString()).isEqualTo("default");
    }

    @Test
    void allowlistsByExactWildcardAndRegexpTriggerIds() throws Exception {
        String alwaysItem = "{\"id\": \"i-always\", \"gate\": \"always\", \"trigger_id\": \"always\"}";
        String wildcard = "{\"id\": \"i-wild\", \"gate\": \"VULNERABILITIES\", \"trigger_id\": \"CVE-2019-1234+*\"}";
        String regexp = "{\"id\": \"i-re\", \"gate\": \"vulnerabilities\", \"trigger_id\": \"regexp:CVE-2020-\\\\d+\\\\+zlib.*\"}";
        PolicyEvaluation evaluation = engine.evaluate(
                alwaysBundle(String.join(",", alwaysItem, wildcard, regexp), "", ""), vulnerableImage(), TAG, CLOCK);

        assertThat(evaluation.rows()).extracting(EvaluationRow::triggerId, EvaluationRow::action,
                        r -> r.whitelisted().matchedRuleId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("always", GateAction.GO, "i-always"),
                        org.assertj.core.groups.Tuple.tuple("CVE-2019-1234+openssl", GateAction.GO, "i-wild"),
                        org.assertj.core.groups.Tuple.tuple("CVE-2020-0001+zlib1g", GateAction.GO, "i-re"));
        assertThat(evaluation.rows().getFirst().whitelisted())
                .isEqualTo(new WhitelistMatch("Allowed", "wl", "i-always"));
        assertThat(evaluation.finalAction()).isEqualTo(GateAction.GO);
        assertThat(evaluation.policyFinalAction()).isEqualTo(GateAction.GO);
    }

    @Test
    void contentGatesFireUnderTheCanonicalTriggerNameAndAllowlistByRuleAndPath() throws Exception {
        Bundle bundle = Bundle.parse("""
                {"id": "b", "name": "b", "version": "1_0",
                 "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                   {"id": "r-shell", "gate": "passwd_file", "trigger": "ShellMatch", "action": "WARN",
                    "params": [{"name": "shells", "value": "/bin/bash"}]},
                   {"id": "r-conf", "gate": "retrieved_files", "trigger": "content_regex", "action": "STOP",
                    "params": [{"name": "path", "value": "/etc/passwd"}, {"name": "regex", "value": "games:"},
                               {"name": "check", "value": "no_match"}]}]}],
                 "whitelists": [{"id": "wl", "name": "Allowed", "version": "1_0", "items": [
                   {"id": "i-conf", "gate": "retrieved_files", "trigger_id": "r-conf+file://*"}]}],
                 "mappings": [{"name": "all", "registry": "*", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": ["wl"]}]}
                """);
        ImageFacts image = TestImages.debian().retrieved("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n").build();

        PolicyEvaluation evaluation = engine.evaluate(bundle, image, TAG, CLOCK);

        String shell = "Blacklisted shell '/bin/bash' found in image's /etc/passwd: pentry=root:x:0:0:root:/root:/bin/bash";
        assertThat(evaluation.rows()).extracting(EvaluationRow::triggerId, EvaluationRow::trigger,
                        EvaluationRow::action, r -> r.whitelisted() == null ? null : r.whitelisted().matchedRuleId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(md5("passwd_fileblacklist_shells" + shell),
                                "blacklist_shells", GateAction.WARN, null),
                        org.assertj.core.groups.Tuple.tuple("r-conf+file:///etc/passwd", "content_regex",
                                GateAction.GO, "i-conf"));
        assertThat(evaluation.finalAction()).isEqualTo(GateAction.WARN);
    }

    @Test
    void ignoresExpiredAllowlistItems() {
        String expired = "{\"id\": \"old\", \"gate\": \"always\", \"trigger_id\": \"always\", "
                + "\"expires_on\": \"2026-03-01T00:00:00Z\"}";
        String current = "{\"id\": \"new\", \"gate\": \"vulnerabilities\", \"trigger_id\": \"*\", "
                + "\"expires_on\": \"2026-03-01T00:00:01Z\"}";
        PolicyEvaluation evaluation = engine.evaluate(alwaysBundle(expired + "," + current, "", ""),
                vulnerableImage(), TAG, CLOCK);

        assertThat(evaluation.rows()).extracting(EvaluationRow::gate, EvaluationRow::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("always", GateAction.STOP),
                org.assertj.core.groups.Tuple.tuple("vulnerabilities", GateAction.GO),
                org.assertj.core.groups.Tuple.tuple("vulnerabilities", GateAction.GO));
        assertThat(evaluation.rows().getFirst().whitelisted()).isNull();
        assertThat(evaluation.finalAction()).isEqualTo(GateAction.STOP);
    }

    @Test
    void deniedImageBeatsAllowedImage() {
        String anyImage = "{\"name\": \"%s\", \"registry\": \"docker.io\", \"repository\": \"library/*\", "
                + "\"image\": {\"type\": \"tag\", \"value\": \"*\"}}";
        String allowItems = "{\"id\": \"all\", \"gate\": \"always\", \"trigger_id\": \"always\"},"
                + "{\"id\": \"v\", \"gate\": \"vulnerabilities\", \"trigger_id\": \"*\"}";

        PolicyEvaluation both = engine.evaluate(alwaysBundle(allowItems, anyImage.formatted("ok"),
                anyImage.formatted("bad")), vulnerableImage(), TAG, CLOCK);
        assertThat(both.finalAction()).isEqualTo(GateAction.STOP);
        assertThat(both.finalActionReason()).isEqualTo(FinalActionReason.BLACKLISTED);
        assertThat(both.policyFinalAction()).isEqualTo(GateAction.GO);
        assertThat(both.matchedBlacklistedImagesRule().get("name").asString()).isEqualTo("bad");

        PolicyEvaluation allowedOnly = engine.evaluate(alwaysBundle("", anyImage.formatted("ok"), ""),
                vulnerableImage(), TAG, CLOCK);
        assertThat(allowedOnly.finalAction()).isEqualTo(GateAction.GO);
        assertThat(allowedOnly.finalActionReason()).isEqualTo(FinalActionReason.WHITELISTED);
        assertThat(allowedOnly.policyFinalAction()).isEqualTo(GateAction.STOP);
    }

    @Test
    void endOfLifedGateIsReportedAndSkipped() {
        Bundle bundle = Bundle.parse("""
                {"id": "b", "name": "b", "version": "1_0",
                 "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                   {"gate": "dockerfilecheck", "trigger": "nohealthcheck", "action": "STOP", "params": []},
                   {"gate": "dockerfile", "trigger": "no_dockerfile_provided", "action": "WARN", "params": []}]}],
                 "mappings": [{"name": "all", "registry": "*", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_ids": ["p"]}]}
                """);
        PolicyEvaluation evaluation = engine.evaluate(bundle, sshImage(), TAG, CLOCK);

        assertThat(evaluation.rows()).extracting(EvaluationRow::trigger).containsExactly("no_dockerfile_provided");
        assertThat(evaluation.finalAction()).isEqualTo(GateAction.WARN);
        assertThat(evaluation.evaluationProblems()).extracting(PolicyProblem::problemType)
                .containsExactly("EndOfLifedError");
        assertThat(engine.validate(bundle.document().toString())).extracting(PolicyProblem::problemType)
                .containsExactly("EndOfLifedError");
    }

    @Test
    void bundleThatCannotBeBuiltStops() {
        Bundle bundle = Bundle.parse("""
                {"id": "b", "name": "b", "version": "1_0", "policies": [],
                 "mappings": [{"name": "all", "registry": "*", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_id": "missing"}]}
                """);
        PolicyEvaluation evaluation = engine.evaluate(bundle, sshImage(), TAG, CLOCK);

        assertThat(evaluation.finalAction()).isEqualTo(GateAction.STOP);
        assertThat(evaluation.rows()).isEmpty();
        assertThat(evaluation.evaluationProblems()).extracting(PolicyProblem::problemType)
                .containsExactly("ReferencedObjectNotFoundError");
    }

    @Test
    void noMatchingMappingFallsThroughToGo() {
        Bundle bundle = Bundle.parse("""
                {"id": "b", "name": "b", "version": "1_0",
                 "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                   {"gate": "always", "trigger": "always", "action": "STOP"}]}],
                 "mappings": [{"name": "quay", "registry": "quay.io", "repository": "*",
                               "image": {"type": "tag", "value": "*"}, "policy_id": "p"}]}
                """);
        PolicyEvaluation evaluation = engine.evaluate(bundle, sshImage(), TAG, CLOCK);

        assertThat(evaluation.finalAction()).isEqualTo(GateAction.GO);
        assertThat(evaluation.matchedMappingRule()).isNull();
        assertThat(evaluation.rows()).isEmpty();
    }

    @Test
    void resultDigestIgnoresTimestampsButNotDecisions() {
        Bundle bundle = DefaultBundles.anchoreDefault();
        PolicyEvaluation first = engine.evaluate("admin", bundle, sshImage(), TAG, CLOCK);
        PolicyEvaluation later = engine.evaluate("admin", bundle, sshImage(), TAG,
                Clock.offset(CLOCK, Duration.ofMinutes(5)));
        PolicyEvaluation fixed = engine.evaluate("admin", bundle,
                TestImages.debian().dockerfile(DockerfileMode.GUESSED, "FROM debian:12\n").build(), TAG, CLOCK);

        assertThat(later.toJson().get("created_at")).isNotEqualTo(first.toJson().get("created_at"));
        assertThat(later.resultDigest()).isEqualTo(first.resultDigest());
        assertThat(fixed.resultDigest()).isNotEqualTo(first.resultDigest());
        assertThat(List.of(first.finalAction(), fixed.finalAction())).containsExactly(GateAction.STOP, GateAction.WARN);
    }
}
