package io.drydock.policy.gate;

import java.time.Instant;

/**
 * Everything one trigger evaluation may look at.
 *
 * @param prepared what the gate prepared once for all of its rules (e.g. the parsed Dockerfile)
 * @param now      evaluation time, from the caller's clock
 * @param ruleId   the rule's id as written (may be null); some Anchore trigger ids are built from it
 */
public record TriggerInput<C>(ImageFacts image, C prepared, RuleParams params, Instant now, String ruleId) {}
