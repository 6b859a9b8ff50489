package io.drydock.policy.bundle;

import io.drydock.policy.gate.Gate;
import io.drydock.policy.gate.RuleParams;
import io.drydock.policy.gate.Trigger;

/** A rule whose gate, trigger, parameters and action were all found valid; ready to evaluate. */
public record CompiledRule(PolicyRule source, Gate<?> gate, Trigger<?> trigger, RuleParams params,
                           GateAction action) {}
