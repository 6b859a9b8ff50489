package io.drydock.policy.gate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A gate: a named group of triggers sharing one preparation of the image's facts.
 *
 * @param aliases      other accepted names, lower-case
 * @param supercededBy the gate replacing an EOL one (Anchore's spelling), null otherwise
 * @param preparer     runs once per evaluation for all rules of this gate
 */
public record Gate<C>(String name, List<String> aliases, String description, GateState state, String supercededBy,
                      Function<ImageFacts, C> preparer, List<Trigger<C>> triggers) {
    public Gate {
        name = name.toLowerCase(Locale.ROOT);
        aliases = List.copyOf(aliases);
        triggers = List.copyOf(triggers);
    }

    public static <C> Gate<C> active(String name, String description, Function<ImageFacts, C> preparer,
                                     List<Trigger<C>> triggers) {
        return new Gate<>(name, List.of(), description, GateState.ACTIVE, null, preparer, triggers);
    }

    public Optional<Trigger<C>> trigger(String candidate) {
        return triggers.stream().filter(t -> t.answersTo(candidate)).findFirst();
    }

    boolean answersTo(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        return name.equals(lower) || aliases.contains(lower);
    }
}
