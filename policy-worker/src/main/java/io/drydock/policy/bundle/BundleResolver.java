package io.drydock.policy.bundle;

import io.drydock.policy.gate.GateRegistry;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the parts of a bundle a mapping rule refers to, collecting problems instead of stopping at the first.
 * Shared by validation (every mapping, strict) and evaluation (the matched mapping only).
 */
public final class BundleResolver {
    public static final String SUPPORTED_VERSION = "1_0";

    private final RuleCompiler compiler;

    public BundleResolver(GateRegistry gates) {
        this.compiler = new RuleCompiler(gates);
    }

    public void checkBundle(Bundle bundle, Problems problems) {
        checkVersion("bundle", bundle.version(), problems);
        if (bundle.id() == null) {
            problems.error("ValidationError", "Bundle has no id");
        }
        if (bundle.policies() == null) {
            problems.error("ValidationError", "Bundle has no policies list");
        }
        if (bundle.mappings() == null) {
            problems.error("ValidationError", "Bundle has no mappings list");
        }
    }

    public void checkMapping(MappingRule rule, Problems problems) {
        String where = " (mapping_rule=" + (rule.name() != null ? rule.name() : rule.id()) + ")";
        boolean single = rule.policyId() != null;
        boolean multiple = rule.policyIds() != null;
        if (single && multiple) {
            problems.error("ValidationError", "Mapping rule has both policy_id and policy_ids; use one" + where);
        } else if (!single && !multiple) {
            problems.error("ValidationError", "Mapping rule has neither policy_id nor policy_ids" + where);
        }
        if (rule.name() == null || rule.registry() == null || rule.repository() == null || rule.image() == null) {
            problems.error("ValidationError",
                    "Mapping rule requires name, registry, repository and image" + where);
        }
    }

    public Optional<ResolvedPolicy> policy(Bundle bundle, String policyId, Problems problems) {
        List<Policy> found = bundle.policiesWithId(policyId);
        if (found.isEmpty()) {
            problems.error("ReferencedObjectNotFoundError",
                    "Referenced object not found (reference_type=policy,reference_id=" + policyId + ")");
            return Optional.empty();
        }
        if (found.size() > 1) {
            problems.error("DuplicateIdentifierFoundError",
                    "Object identifier found multiple times, not unique (identifier=" + policyId
                            + ",identifier_type=policy)");
            return Optional.empty();
        }
        Policy policy = found.getFirst();
        checkVersion("policy", policy.version(), problems);
        List<CompiledRule> rules = new ArrayList<>();
        for (PolicyRule rule : policy.rules()) {
            compiler.compile(rule, problems).ifPresent(rules::add);
        }
        return Optional.of(new ResolvedPolicy(policy, rules));
    }

    public Optional<Whitelist> whitelist(Bundle bundle, String whitelistId, Problems problems) {
        List<Whitelist> found = bundle.whitelistsWithId(whitelistId);
        if (found.isEmpty()) {
            problems.error("ReferencedObjectNotFoundError",
                    "Referenced object not found (reference_type=whitelist,reference_id=" + whitelistId + ")");
            return Optional.empty();
        }
        if (found.size() > 1) {
            problems.error("DuplicateIdentifierFoundError",
                    "Object identifier found multiple times, not unique (identifier=" + whitelistId
                            + ",identifier_type=whitelist)");
            return Optional.empty();
        }
        Whitelist whitelist = found.getFirst();
        checkVersion("whitelist", whitelist.version(), problems);
        for (WhitelistItem item : whitelist.items()) {
            if (item.gate() == null || item.triggerId() == null) {
                problems.error("ValidationError", "Whitelist item requires gate and trigger_id (whitelist_id="
                        + whitelistId + ",item_id=" + item.id() + ")");
            }
            try {
                item.expiry();
            } catch (DateTimeParseException e) {
                problems.error("ValidationError", "Whitelist item expires_on is not an RFC 3339 date-time (whitelist_id="
                        + whitelistId + ",item_id=" + item.id() + ",expires_on=" + item.expiresOn() + ")");
            }
        }
        return Optional.of(whitelist);
    }

    private static void checkVersion(String what, String version, Problems problems) {
        if (!SUPPORTED_VERSION.equals(version)) {
            problems.error("UnsupportedVersionError", "Found version " + version
                    + ", expected one of supported versions ['" + SUPPORTED_VERSION + "']. Detail:\"Unsupported "
                    + what + " version\"");
        }
    }
}
