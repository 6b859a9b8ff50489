package io.drydock.policy.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A validation or evaluation problem as Anchore reports it.
 *
 * @param severity    {@code error} or {@code warn}
 * @param problemType the name of the Anchore exception class, e.g. {@code GateNotFoundError}
 */
public record PolicyProblem(String severity, @JsonProperty("problem_type") String problemType, String details) {

    public static PolicyProblem error(String problemType, String details) {
        return new PolicyProblem("error", problemType, details);
    }
}
