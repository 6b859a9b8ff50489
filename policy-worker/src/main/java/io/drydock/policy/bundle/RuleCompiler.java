package io.drydock.policy.bundle;

import io.drydock.policy.gate.Gate;
import io.drydock.policy.gate.GateRegistry;
import io.drydock.policy.gate.GateState;
import io.drydock.policy.gate.RuleParams;
import io.drydock.policy.gate.Trigger;
import io.drydock.policy.gate.TriggerParam;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks one rule against the gate declarations and turns it into a {@link CompiledRule}. */
public final class RuleCompiler {
    private final GateRegistry gates;

    public RuleCompiler(GateRegistry gates) {
        this.gates = gates;
    }

    /** Empty when the rule cannot be evaluated; the reasons are added to {@code problems}. */
    public Optional<CompiledRule> compile(PolicyRule rule, Problems problems) {
        String where = "gate=" + rule.gate() + ",trigger=" + rule.trigger() + ",rule_id=" + rule.id();
        Optional<GateAction> action = GateAction.parse(rule.action());
        if (action.isEmpty()) {
            problems.error("InvalidGateAction", "Invalid gate action specified (action=" + rule.action()
                    + ",valid_actions=['go', 'stop', 'warn']," + where + ")");
        }
        Optional<Gate<?>> gate = gates.find(rule.gate());
        if (gate.isEmpty()) {
            problems.error("GateNotFoundError",
                    "The specified gate is not found in the policy engine as a valid gate name (" + where + ")");
            return Optional.empty();
        }
        if (gate.get().state() == GateState.EOL) {
            problems.notice(PolicyProblem.error("EndOfLifedError", "Gate " + gate.get().name()
                    + " has been End-of-Lifed. It will not be evaluated, and should be removed from policies"
                    + replacedWith(gate.get().supercededBy())));
            return Optional.empty();
        }
        Optional<? extends Trigger<?>> trigger = rule.trigger() == null ? Optional.empty()
                : gate.get().trigger(rule.trigger());
        if (trigger.isEmpty()) {
            List<String> valid = gate.get().triggers().stream().map(Trigger::name).toList();
            problems.error("TriggerNotFoundError",
                    "Trigger not found for specified gate. Valid triggers are: " + valid + " (" + where + ")");
            return Optional.empty();
        }
        if (trigger.get().state() == GateState.EOL) {
            problems.notice(PolicyProblem.error("EndOfLifedError", "Gate/trigger " + gate.get().name() + "/"
                    + trigger.get().name()
                    + " has been End-of-Lifed. It will not be evaluated, and should be removed from policies"));
            return Optional.empty();
        }
        Optional<RuleParams> params = params(rule, trigger.get(), where, problems);
        if (params.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CompiledRule(rule, gate.get(), trigger.get(), params.get(), action.get()));
    }

    private static Optional<RuleParams> params(PolicyRule rule, Trigger<?> trigger, String where, Problems problems) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> rejected = new HashSet<>();
        boolean valid = true;
        for (RuleParam param : rule.params()) {
            Optional<TriggerParam> declared = param.name() == null ? Optional.empty() : trigger.param(param.name());
            if (declared.isEmpty()) {
                List<String> names = trigger.params().stream().map(TriggerParam::name).toList();
                problems.error("InvalidParameterError", "Parameter " + param.name()
                        + " is not in the valid parameters list: " + names + " (" + where + ")");
                valid = false;
                continue;
            }
            if (param.value() == null) {
                continue;
            }
            Optional<String> problem = declared.get().validator().problem(param.value());
            if (problem.isPresent()) {
                problems.error("ParameterValueInvalidError", "Parameter validation failed for "
                        + declared.get().name() + ": " + problem.get() + " (" + where + ")");
                rejected.add(declared.get().name());
                valid = false;
                continue;
            }
            values.put(declared.get().name(), param.value());
        }
        for (TriggerParam declared : trigger.params()) {
            if (declared.required() && !values.containsKey(declared.name()) && !rejected.contains(declared.name())) {
                problems.error("RequiredParameterNotSetError",
                        "Required parameter (required_parameter=" + declared.name() + "," + where + ")");
                valid = false;
            }
        }
        if (!valid) {
            return Optional.empty();
        }
        RuleParams ruleParams = RuleParams.of(values);
        List<String> crossProblems = trigger.crossCheck().apply(ruleParams);
        for (String problem : crossProblems) {
            problems.error("ParameterValueInvalidError", problem + " (" + where + ")");
        }
        return crossProblems.isEmpty() ? Optional.of(ruleParams) : Optional.empty();
    }

    private static String replacedWith(String supercededBy) {
        return supercededBy == null ? "" : " and replaced with '" + supercededBy + "'";
    }
}
