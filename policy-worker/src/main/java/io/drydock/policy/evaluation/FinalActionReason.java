package io.drydock.policy.evaluation;

import java.util.Locale;

/** Why the bundle-level decision is what it is. */
public enum FinalActionReason {
    POLICY_EVALUATION, WHITELISTED, BLACKLISTED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
