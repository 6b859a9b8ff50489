package io.drydock.policy.gate;

import java.time.Instant;

/**
 * Everything one trigger evaluation may look at.
 *
 * @param prepared what the gate prepared once for all of its rules (e.g. the parsed Dockerfile)
 * @param now      evaluation time, from the caller's clock
 */
public record TriggerInput<C>(ImageFacts image, C prepared, RuleParams params, Instant now, String ruleId) {}
