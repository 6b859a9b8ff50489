package io.drydock.policy.evaluation;

import io.drydock.policy.bundle.GateAction;
import io.drydock.policy.bundle.PolicyProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of evaluating a bundle against one image and tag, convertible to Anchore's {@code PolicyEvaluation}
 * JSON (§5.2).
 *
 * @param bundle                       the evaluated bundle document
 * @param matchedMappingRule           the mapping rule as written; null when none matched
 * @param matchedWhitelistedImagesRule null when none matched
 * @param matchedBlacklistedImagesRule null when none matched
 * @param finalAction                  the bundle-level decision (image allow/deny rules applied)
 * @param policyFinalAction            the decision of the policies alone
 */
public record PolicyEvaluation(String userId, String imageId, String imageDigest, String tag, JsonNode bundle,
                               JsonNode matchedMappingRule, JsonNode matchedWhitelistedImagesRule,
                               JsonNode matchedBlacklistedImagesRule, GateAction finalAction,
                               FinalActionReason finalActionReason, List<PolicyProblem> evaluationProblems,
                               Instant createdAt, GateAction policyFinalAction, List<EvaluationRow> rows) {

    public static final List<String> HEADER = List.of("Image_Id", "Repo_Tag", "Trigger_Id", "Gate", "Trigger",
            "Check_Output", "Gate_Action", "Whitelisted", "Policy_Id");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public PolicyEvaluation {
        evaluationProblems = List.copyOf(evaluationProblems);
        rows = List.copyOf(rows);
    }

    /** Anchore's status: {@code pass} unless the final action is STOP. */
    public String status() {
        return finalAction == GateAction.STOP ? "fail" : "pass";
    }

    public ObjectNode toJson() {
        ObjectNode root = withoutTimestamps();
        long epoch = createdAt.getEpochSecond();
        root.put("created_at", epoch);
        root.put("last_modified", epoch);
        return root;
    }

    public String toJsonString() {
        return JSON.writeValueAsString(toJson());
    }

    /**
     * SHA-256 over everything but the timestamps: equal digests mean the two evaluations decided the same thing
     * for the same reasons, so no {@code evaluation-changed} is due.
     */
    public String resultDigest() {
        try {
            byte[] bytes = JSON.writeValueAsString(withoutTimestamps()).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private ObjectNode withoutTimestamps() {
        ObjectNode root = NODES.objectNode();
        root.put("user_id", userId);
        root.put("image_id", imageId);
        root.put("tag", tag);
        root.set("bundle", bundle);
        root.set("matched_mapping_rule", orFalse(matchedMappingRule));
        root.set("matched_whitelisted_images_rule", orFalse(matchedWhitelistedImagesRule));
        root.set("matched_blacklisted_images_rule", orFalse(matchedBlacklistedImagesRule));
        root.put("final_action", finalAction.json());
        root.put("final_action_reason", finalActionReason.json());
        ArrayNode problems = root.putArray("evaluation_problems");
        for (PolicyProblem problem : evaluationProblems) {
            problems.addObject()
                    .put("severity", problem.severity())
                    .put("problem_type", problem.problemType())
                    .put("details", problem.details());
        }
        root.set("result", result());
        return root;
    }

    private ObjectNode result() {
        ObjectNode table = NODES.objectNode();
        ArrayNode header = table.putArray("header");
        HEADER.forEach(header::add);
        table.put("row_count", rows.size());
        ArrayNode rowsNode = table.putArray("rows");
        for (EvaluationRow row : rows) {
            ArrayNode cells = rowsNode.addArray()
                    .add(row.imageId()).add(row.tag()).add(row.triggerId()).add(row.gate()).add(row.trigger())
                    .add(row.message()).add(row.action().json());
            if (row.whitelisted() == null) {
                cells.add(false);
            } else {
                cells.addObject()
                        .put("whitelist_name", row.whitelisted().whitelistName())
                        .put("whitelist_id", row.whitelisted().whitelistId())
                        .put("matched_rule_id", row.whitelisted().matchedRuleId());
            }
            cells.add(row.policyId());
        }
        table.put("final_action", policyFinalAction.json());

        ObjectNode result = NODES.objectNode();
        result.putObject(imageId).set("result", table);
        result.putArray("policy_data");
        result.putArray("whitelist_data");
        result.put("policy_name", "");
        result.putArray("whitelist_names");
        return result;
    }

    private static JsonNode orFalse(JsonNode node) {
        return node == null ? NODES.booleanNode(false) : node;
    }
}
