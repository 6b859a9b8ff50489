package io.drydock.policy.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems found while building a bundle, in the order found. Errors make an evaluation STOP; notices (end-of-lifed
 * gates) are only reported, except by strict validation, which rejects them too.
 */
public final class Problems {
    private record Entry(PolicyProblem problem, boolean error) {}

    private final List<Entry> entries = new ArrayList<>();

    void error(String type, String details) {
        entries.add(new Entry(PolicyProblem.error(type, details), true));
    }

    void notice(PolicyProblem problem) {
        entries.add(new Entry(problem, false));
    }

    /** Everything: what strict validation reports and what an evaluation lists. */
    public List<PolicyProblem> all() {
        return entries.stream().map(Entry::problem).toList();
    }

    public boolean hasErrors() {
        return entries.stream().anyMatch(Entry::error);
    }
}
