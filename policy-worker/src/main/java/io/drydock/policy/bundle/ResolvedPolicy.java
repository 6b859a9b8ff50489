package io.drydock.policy.bundle;

import java.util.List;

/** A policy of the bundle with the rules that compiled, in order. */
public record ResolvedPolicy(Policy policy, List<CompiledRule> rules) {
    public ResolvedPolicy {
        rules = List.copyOf(rules);
    }
}
