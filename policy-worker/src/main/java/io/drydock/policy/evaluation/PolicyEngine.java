package io.drydock.policy.evaluation;

import io.drydock.policy.bundle.Bundle;
import io.drydock.policy.bundle.BundleResolver;
import io.drydock.policy.bundle.BundleValidator;
import io.drydock.policy.bundle.CompiledRule;
import io.drydock.policy.bundle.FullTag;
import io.drydock.policy.bundle.GateAction;
import io.drydock.policy.bundle.ImageMatcher;
import io.drydock.policy.bundle.ImageSelectionRule;
import io.drydock.policy.bundle.MappingRule;
import io.drydock.policy.bundle.PolicyProblem;
import io.drydock.policy.bundle.Problems;
import io.drydock.policy.bundle.ResolvedPolicy;
import io.drydock.policy.bundle.Whitelist;
import io.drydock.policy.bundle.WhitelistItem;
import io.drydock.policy.bundle.Wildcards;
import io.drydock.policy.gate.Firings;
import io.drydock.policy.gate.Gate;
import io.drydock.policy.gate.GateRegistry;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.Trigger;
import io.drydock.policy.gate.TriggerInput;
import io.drydock.policy.gate.TriggerMatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Validates bundles and evaluates them against an image's facts, with Anchore's semantics (§4). */
public final class PolicyEngine {
    private final GateRegistry gates;
    private final BundleResolver resolver;
    private final BundleValidator validator;

    public PolicyEngine() {
        this(GateRegistry.standard());
    }

    public PolicyEngine(GateRegistry gates) {
        this.gates = gates;
        this.resolver = new BundleResolver(gates);
        this.validator = new BundleValidator(gates);
    }

    public GateRegistry gates() {
        return gates;
    }

    /** All problems of the bundle text; empty when it may be stored. */
    public List<PolicyProblem> validate(String bundleJson) {
        return validator.validate(bundleJson);
    }

    public List<PolicyProblem> validate(Bundle bundle) {
        return validator.validate(bundle);
    }

    /** Evaluates without an account; {@code user_id} is null in the result. */
    public PolicyEvaluation evaluate(Bundle bundle, ImageFacts image, String tag, Clock clock) {
        return evaluate(null, bundle, image, tag, clock);
    }

    /**
     * @param tag the full tag ({@code registry/repo:tag}) to select the mapping rule with; null matches only
     *            all-wildcard rules
     * @throws PolicyEvaluationException when a trigger fails
     */
    public PolicyEvaluation evaluate(String userId, Bundle bundle, ImageFacts image, String tag, Clock clock) {
        Instant now = clock.instant();
        FullTag target = FullTag.parse(tag);
        String digest = image.imageDigest();
        String id = image.imageId();
        Problems problems = new Problems();
        resolver.checkBundle(bundle, problems);

        Optional<MappingRule> mapping = ImageMatcher.firstMapping(bundle.mappings(), target, digest, id);
        Optional<ImageSelectionRule> allowed = ImageMatcher.firstSelection(bundle.whitelistedImages(), target, digest, id);
        Optional<ImageSelectionRule> denied = ImageMatcher.firstSelection(bundle.blacklistedImages(), target, digest, id);

        List<EvaluationRow> rows = new ArrayList<>();
        GateAction policyFinal = GateAction.GO;
        if (mapping.isPresent()) {
            resolver.checkMapping(mapping.get(), problems);
            List<ResolvedPolicy> policies = new ArrayList<>();
            for (String policyId : mapping.get().effectivePolicyIds()) {
                resolver.policy(bundle, policyId, problems).ifPresent(policies::add);
            }
            List<Whitelist> whitelists = new ArrayList<>();
            for (String whitelistId : mapping.get().whitelistIds()) {
                resolver.whitelist(bundle, whitelistId, problems).ifPresent(whitelists::add);
            }
            if (!problems.hasErrors()) {
                for (ResolvedPolicy policy : policies) {
                    List<EvaluationRow> policyRows = evaluatePolicy(policy, whitelists, image, tag, now);
                    rows.addAll(policyRows);
                    policyFinal = GateAction.min(policyFinal, decide(policyRows));
                }
            }
        }

        GateAction finalAction;
        FinalActionReason reason;
        if (problems.hasErrors()) {
            // A bundle that cannot be built must not let an image through
            rows.clear();
            policyFinal = GateAction.STOP;
            finalAction = GateAction.STOP;
            reason = FinalActionReason.POLICY_EVALUATION;
        } else if (denied.isPresent()) {
            finalAction = GateAction.STOP;
            reason = FinalActionReason.BLACKLISTED;
        } else if (allowed.isPresent()) {
            finalAction = GateAction.GO;
            reason = FinalActionReason.WHITELISTED;
        } else {
            finalAction = policyFinal;
            reason = FinalActionReason.POLICY_EVALUATION;
        }
        return new PolicyEvaluation(userId, id, digest, tag, bundle.document(),
                mapping.map(MappingRule::source).orElse(null),
                allowed.map(ImageSelectionRule::source).orElse(null),
                denied.map(ImageSelectionRule::source).orElse(null),
                finalAction, reason, problems.all(), now, policyFinal, rows);
    }

    /** Min of the non-allowlisted actions; GO when nothing fired. */
    private static GateAction decide(List<EvaluationRow> rows) {
        GateAction result = GateAction.GO;
        for (EvaluationRow row : rows) {
            result = GateAction.min(result, row.action());
        }
        return result;
    }

    private List<EvaluationRow> evaluatePolicy(ResolvedPolicy policy, List<Whitelist> whitelists, ImageFacts image,
                                               String tag, Instant now) {
        // Rules are grouped by gate, in order of first appearance, so each gate prepares its context once
        Map<String, List<CompiledRule>> byGate = new LinkedHashMap<>();
        for (CompiledRule rule : policy.rules()) {
            byGate.computeIfAbsent(rule.gate().name(), g -> new ArrayList<>()).add(rule);
        }
        List<EvaluationRow> rows = new ArrayList<>();
        for (List<CompiledRule> rules : byGate.values()) {
            for (Fired fired : runGate(rules.getFirst().gate(), rules, image, now)) {
                WhitelistMatch allowlisted = allowlisted(whitelists, fired.gate(), fired.match().triggerId(), now);
                GateAction action = allowlisted == null ? fired.rule().action() : GateAction.GO;
                rows.add(new EvaluationRow(image.imageId(), tag, fired.match().triggerId(), fired.gate(),
                        fired.rule().trigger().name(), fired.match().message(), action, allowlisted,
                        policy.policy().id()));
            }
        }
        return rows;
    }

    private record Fired(CompiledRule rule, String gate, TriggerMatch match) {}

    @SuppressWarnings("unchecked")
    private static <C> List<Fired> runGate(Gate<C> gate, List<CompiledRule> rules, ImageFacts image, Instant now) {
        C prepared;
        try {
            prepared = gate.preparer().apply(image);
        } catch (RuntimeException e) {
            throw new PolicyEvaluationException("Gate evaluation failed for gate " + gate.name(), e);
        }
        List<Fired> fired = new ArrayList<>();
        for (CompiledRule rule : rules) {
            Trigger<C> trigger = (Trigger<C>) rule.trigger();
            Firings out = new Firings(gate.name(), trigger.name());
            try {
                trigger.evaluator().evaluate(new TriggerInput<>(image, prepared, rule.params(), now, rule.source().id()), out);
            } catch (RuntimeException e) {
                throw new PolicyEvaluationException("Trigger evaluation failed for gate " + gate.name()
                        + " and trigger " + trigger.name() + ", with parameters: " + rule.params().values(), e);
            }
            out.matches().forEach(match -> fired.add(new Fired(rule, gate.name(), match)));
        }
        return fired;
    }

    /** The first unexpired item, over the mapping's allowlists in order, matching the gate and trigger id. */
    private static WhitelistMatch allowlisted(List<Whitelist> whitelists, String gate, String triggerId, Instant now) {
        for (Whitelist whitelist : whitelists) {
            for (WhitelistItem item : whitelist.items()) {
                if (item.gate() == null || item.triggerId() == null || item.expiredAt(now)
                        || !item.gate().toLowerCase(Locale.ROOT).equals(gate)) {
                    continue;
                }
                if (item.triggerId().equals(triggerId) || Wildcards.matches(item.triggerId(), triggerId)) {
                    return new WhitelistMatch(whitelist.name(), whitelist.id(), item.id());
                }
            }
        }
        return null;
    }
}
