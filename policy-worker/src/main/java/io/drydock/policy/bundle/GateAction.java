package io.drydock.policy.bundle;

import java.util.Locale;
import java.util.Optional;

/** A rule's action, ordered as Anchore orders them: STOP (-1) &lt; WARN (0) &lt; GO (1). */
public enum GateAction {
    STOP(-1), WARN(0), GO(1);

    private final int weight;

    GateAction(int weight) {
        this.weight = weight;
    }

    /** Action strings are matched case-insensitively. */
    public static Optional<GateAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "stop" -> Optional.of(STOP);
            case "warn" -> Optional.of(WARN);
            case "go" -> Optional.of(GO);
            default -> Optional.empty();
        };
    }

    public static GateAction min(GateAction a, GateAction b) {
        return a.weight <= b.weight ? a : b;
    }

    /** The lower-case form used in evaluation results. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
