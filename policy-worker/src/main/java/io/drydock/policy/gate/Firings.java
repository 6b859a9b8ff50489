package io.drydock.policy.gate;

import java.util.ArrayList;
import java.util.List;

/** Collects the firings of one rule, giving each the trigger id Anchore would give it. */
public final class Firings {
    private final String gateName;
    private final String triggerName;
    private final List<TriggerMatch> matches = new ArrayList<>();

    public Firings(String gateName, String triggerName) {
        this.gateName = gateName;
        this.triggerName = triggerName;
    }

    public void fire(String message) {
        matches.add(new TriggerMatch(TriggerMatch.defaultId(gateName, triggerName, message), message));
    }

    public void fire(String triggerId, String message) {
        matches.add(new TriggerMatch(triggerId, message));
    }

    public List<TriggerMatch> matches() {
        return List.copyOf(matches);
    }
}
