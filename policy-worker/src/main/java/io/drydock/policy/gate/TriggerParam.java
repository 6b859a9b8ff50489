package io.drydock.policy.gate;

import java.util.List;
import java.util.Locale;

/**
 * A declared trigger parameter; the same declaration drives validation, evaluation and the policy spec.
 *
 * @param name    canonical lower-case name
 * @param aliases other accepted names (legacy spellings), lower-case
 */
public record TriggerParam(String name, String description, String example, boolean required,
                           ParamValidator validator, List<String> aliases) {
    public TriggerParam {
        name = name.toLowerCase(Locale.ROOT);
        aliases = aliases == null ? List.of() : aliases.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    }

    public static TriggerParam required(String name, String description, String example, ParamValidator validator) {
        return new TriggerParam(name, description, example, true, validator, List.of());
    }

    public static TriggerParam optional(String name, String description, String example, ParamValidator validator) {
        return new TriggerParam(name, description, example, false, validator, List.of());
    }

    public TriggerParam withAliases(String... names) {
        return new TriggerParam(name, description, example, required, validator, List.of(names));
    }

    boolean answersTo(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        return name.equals(lower) || aliases.contains(lower);
    }
}
