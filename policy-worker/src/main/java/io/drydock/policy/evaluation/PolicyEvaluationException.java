package io.drydock.policy.evaluation;

/** A trigger failed while evaluating; as in Anchore the whole evaluation is abandoned rather than half-reported. */
public class PolicyEvaluationException extends RuntimeException {
    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
