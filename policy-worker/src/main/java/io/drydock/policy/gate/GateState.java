package io.drydock.policy.gate;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a gate or trigger; EOL ones are rejected by validation and evaluate to nothing. */
public enum GateState {
    ACTIVE, DEPRECATED, EOL;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
