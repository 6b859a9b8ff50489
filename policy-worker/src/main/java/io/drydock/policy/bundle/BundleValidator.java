package io.drydock.policy.bundle;

import io.drydock.policy.gate.GateRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a bundle as {@code POST /policies} does: every policy and allowlist referenced by a mapping rule is
 * built (unreferenced ones are not checked), all problems are collected, and end-of-lifed gates are rejected.
 */
public final class BundleValidator {
    private final BundleResolver resolver;

    public BundleValidator(GateRegistry gates) {
        this.resolver = new BundleResolver(gates);
    }

    public List<PolicyProblem> validate(Bundle bundle) {
        Problems problems = new Problems();
        resolver.checkBundle(bundle, problems);
        Set<String> policyIds = new LinkedHashSet<>();
        Set<String> whitelistIds = new LinkedHashSet<>();
        for (MappingRule rule : bundle.mappings() == null ? List.<MappingRule>of() : bundle.mappings()) {
            resolver.checkMapping(rule, problems);
            policyIds.addAll(rule.effectivePolicyIds());
            whitelistIds.addAll(rule.whitelistIds());
        }
        for (String policyId : policyIds) {
            resolver.policy(bundle, policyId, problems);
        }
        for (String whitelistId : whitelistIds) {
            resolver.whitelist(bundle, whitelistId, problems);
        }
        return problems.all();
    }

    /** Validates bundle text; text that is not a JSON object yields a single problem. */
    public List<PolicyProblem> validate(String bundleJson) {
        try {
            return validate(Bundle.parse(bundleJson));
        } catch (InvalidBundleException e) {
            return List.of(PolicyProblem.error("ValidationError", e.getMessage()));
        }
    }
}
