package io.drydock.policy.bundle;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Maps images (by registry, repository and tag/digest/id) to policies and allowlists.
 *
 * @param policyIds null when the field is absent (distinct from an empty list, for validation)
 * @param source    the rule as written, echoed in evaluation results
 */
public record MappingRule(String id, String name, String registry, String repository, ImageRef image,
                          String policyId, List<String> policyIds, List<String> whitelistIds, JsonNode source) {
    public MappingRule {
        whitelistIds = whitelistIds == null ? List.of() : List.copyOf(whitelistIds);
    }

    /** The policies to evaluate, in order. */
    public List<String> effectivePolicyIds() {
        if (policyId != null) {
            return List.of(policyId);
        }
        return policyIds == null ? List.of() : policyIds.stream().filter(java.util.Objects::nonNull).toList();
    }
}
