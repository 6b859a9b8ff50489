package io.drydock.policy.evaluation;

import io.drydock.policy.bundle.GateAction;

/**
 * One trigger firing in the result table.
 *
 * @param action      the effective action: GO when allowlisted, else the rule's action
 * @param whitelisted null when no allowlist item matched
 */
public record EvaluationRow(String imageId, String tag, String triggerId, String gate, String trigger, String message,
                            GateAction action, WhitelistMatch whitelisted, String policyId) {}
