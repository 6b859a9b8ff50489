package io.drydock.policy.gate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A trigger of a gate: its declaration (name, parameters, lifecycle) and its evaluation.
 *
 * @param crossCheck problems that depend on several parameters at once (e.g. a value validated per attribute)
 * @param aliases    other accepted names (legacy spellings), lower-case
 */
public record Trigger<C>(String name, String description, GateState state, List<TriggerParam> params,
                         Evaluator<C> evaluator, Function<RuleParams, List<String>> crossCheck, List<String> aliases) {

    /** Fires zero or more times for one rule. */
    @FunctionalInterface
    public interface Evaluator<C> {
        void evaluate(TriggerInput<C> input, Firings out);
    }

    public Trigger {
        name = name.toLowerCase(Locale.ROOT);
        params = List.copyOf(params);
        aliases = aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    }

    public static <C> Trigger<C> active(String name, String description, List<TriggerParam> params,
                                        Evaluator<C> evaluator) {
        return new Trigger<>(name, description, GateState.ACTIVE, params, evaluator, p -> List.of(), List.of());
    }

    public static <C> Trigger<C> eol(String name, String description) {
        return new Trigger<>(name, description, GateState.EOL, List.of(), (input, out) -> {}, p -> List.of(), List.of());
    }

    public Trigger<C> withCrossCheck(Function<RuleParams, List<String>> check) {
        return new Trigger<>(name, description, state, params, evaluator, check, aliases);
    }

    public Trigger<C> withAliases(String... names) {
        return new Trigger<>(name, description, state, params, evaluator, crossCheck, List.of(names));
    }

    /** Whether a rule naming {@code candidate} means this trigger (case-insensitive, aliases included). */
    boolean answersTo(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        return name.equals(lower) || aliases.contains(lower);
    }

    public Optional<TriggerParam> param(String candidate) {
        return params.stream().filter(p -> p.answersTo(candidate)).findFirst();
    }
}
