package io.drydock.policy.gate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The body of {@code GET /system/policy_spec}, generated from the gate declarations. */
public final class PolicySpec {
    private PolicySpec() {}

    public record GateSpec(String name, String description, GateState state,
                           @JsonProperty("superceded_by") String supercededBy, List<TriggerSpec> triggers) {}

    public record TriggerSpec(String name, String description, GateState state,
                              @JsonProperty("superceded_by") String supercededBy, List<TriggerParamSpec> parameters) {}

    public record TriggerParamSpec(String name, String description, String example, boolean required,
                                   GateState state, @JsonProperty("superceded_by") String supercededBy,
                                   ValidatorSpec validator) {}

    public record ValidatorSpec(String type, String description, Map<String, Object> criteria) {}

    /** Every standard gate, active ones first, then deprecated, then end-of-lifed. */
    public static List<GateSpec> gates() {
        return of(GateRegistry.standard());
    }

    public static List<GateSpec> of(GateRegistry registry) {
        return registry.gates().stream()
                .sorted(Comparator.comparing(Gate::state))
                .map(PolicySpec::gate)
                .toList();
    }

    private static GateSpec gate(Gate<?> gate) {
        List<TriggerSpec> triggers = gate.triggers().stream()
                .map(t -> new TriggerSpec(t.name(), t.description(), t.state(), null,
                        t.params().stream().map(p -> param(p, t.state())).toList()))
                .toList();
        return new GateSpec(gate.name(), gate.description(), gate.state(), gate.supercededBy(), triggers);
    }

    private static TriggerParamSpec param(TriggerParam param, GateState state) {
        ParamValidator validator = param.validator();
        return new TriggerParamSpec(param.name(), param.description(), param.example(), param.required(), state, null,
                new ValidatorSpec(validator.type(), validator.description(), validator.criteria()));
    }
}
