package io.drydock.policy.bundle;

import java.util.List;

public record Policy(String id, String name, String comment, String version, List<PolicyRule> rules) {
    public Policy {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
