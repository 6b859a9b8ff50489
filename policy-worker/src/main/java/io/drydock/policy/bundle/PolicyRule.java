package io.drydock.policy.bundle;

import java.util.List;

/** A rule as written in the bundle, before its gate, trigger and parameters are checked. */
public record PolicyRule(String id, String gate, String trigger, String action, List<RuleParam> params) {
    public PolicyRule {
        params = params == null ? List.of() : List.copyOf(params);
    }
}
