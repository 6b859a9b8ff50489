package io.drydock.schemas.events;

/** What changed in an evaluation; named after the Anchore notification each one drives. */
public enum EvaluationChangeKind {
    /** The final action of the policy evaluation changed (or this is the first evaluation). */
    POLICY_EVAL,
    /** The set of vulnerabilities matched in the image changed. */
    VULN_UPDATE
}
