package io.drydock.policy.gate;

import java.util.List;

/** Fires unconditionally; used to deny images outright or to test mappings and allowlists. */
final class AlwaysGate {
    private AlwaysGate() {}

    static Gate<Void> create() {
        Trigger<Void> always = Trigger.active("always",
                "Fires if present in a policy being evaluated. Useful for things like deny-listing images or testing "
                        + "mappings and allowlists by using this trigger in combination with policy mapping rules.",
                List.of(),
                (input, out) -> out.fire("always", "Unconditional trigger match"));
        return Gate.active("always", "Triggers that fire unconditionally if present in policy, useful for things "
                + "like testing and blacklisting.", image -> null, List.of(always));
    }
}
