package io.drydock.schemas.events;

/** Why an (account, digest, tag) was recorded or re-queued for analysis. */
public enum ImageAddedReason {
    /** Added through the API. */
    API,
    /** A watched tag moved to a new digest. */
    TAG_UPDATE,
    /** A watched repository gained a tag. */
    REPO_UPDATE,
    /** Re-analysis was forced (API {@code force=true}, or an admin re-analysis request). */
    FORCE,
    /** The reconciler found the image stuck in not_analyzed or analyzing past its lease and re-queued it. */
    RECONCILE
}
