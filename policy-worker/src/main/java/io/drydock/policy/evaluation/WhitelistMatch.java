package io.drydock.policy.evaluation;

/** The allowlist item that turned a firing's action into GO. */
public record WhitelistMatch(String whitelistName, String whitelistId, String matchedRuleId) {}
