package io.drydock.policy.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.policy.bundle.DefaultBundles;
import io.drydock.policy.gate.DockerfileMode;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.TestImages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyEvaluationJsonTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void serialisesToAnchorePolicyEvaluationShape() {
        ImageFacts image = TestImages.debian().dockerfile(DockerfileMode.GUESSED, "FROM debian\nEXPOSE 22\n").build();
        String tag = "docker.io/library/app:1.0";
        PolicyEvaluation evaluation = new PolicyEngine().evaluate("admin", DefaultBundles.anchoreDefault(), image,
                tag, Clock.fixed(NOW, ZoneOffset.UTC));

        JsonNode json = JsonMapper.builder().build().readTree(evaluation.toJsonString());

        List<String> fields = new ArrayList<>(json.propertyNames());
        assertThat(fields).containsExactly("user_id", "image_id", "tag", "bundle", "matched_mapping_rule",
                "matched_whitelisted_images_rule", "matched_blacklisted_images_rule", "final_action",
                "final_action_reason", "evaluation_problems", "result", "created_at", "last_modified");
        assertThat(json.get("user_id").asString()).isEqualTo("admin");
        assertThat(json.get("final_action").asString()).isEqualTo("stop");
        assertThat(json.get("final_action_reason").asString()).isEqualTo("policy_evaluation");
        assertThat(json.get("matched_whitelisted_images_rule").isBoolean()).isTrue();
        assertThat(json.get("matched_whitelisted_images_rule").asBoolean()).isFalse();
        assertThat(json.get("bundle").get("id").asString()).isEqualTo("2c53a13c-1765-11e8-82ef-23527761d060");
        assertThat(json.get("created_at").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(json.get("last_modified").asLong()).isEqualTo(NOW.getEpochSecond());

        JsonNode result = json.get("result");
        assertThat(new ArrayList<>(result.propertyNames())).containsExactly(image.imageId(), "policy_data",
                "whitelist_data", "policy_name", "whitelist_names");
        JsonNode table = result.get(image.imageId()).get("result");
        assertThat(table.get("header").valueStream().map(JsonNode::asString).toList()).containsExactly("Image_Id",
                "Repo_Tag", "Trigger_Id", "Gate", "Trigger", "Check_Output", "Gate_Action", "Whitelisted",
                "Policy_Id");
        assertThat(table.get("row_count").asInt()).isEqualTo(4);
        assertThat(table.get("final_action").asString()).isEqualTo("stop");
        JsonNode row = table.get("rows").get(0);
        assertThat(row.size()).isEqualTo(9);
        assertThat(row.get(0).asString()).isEqualTo(image.imageId());
        assertThat(row.get(1).asString()).isEqualTo(tag);
        assertThat(row.get(3).asString()).isEqualTo("dockerfile");
        assertThat(row.get(4).asString()).isEqualTo("exposed_ports");
        assertThat(row.get(6).asString()).isEqualTo("stop");
        assertThat(row.get(7).isBoolean()).isTrue();
        assertThat(row.get(8).asString()).isEqualTo("48e6f7d6-1765-11e8-b5f9-8b6f228548b6");
        assertThat(result.get("policy_name").asString()).isEmpty();
        assertThat(result.get("whitelist_names").isArray()).isTrue();
    }
}
