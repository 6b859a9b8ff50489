package io.drydock.schemas.events;

/** The outcome of one analysis of a digest. */
public enum AnalysisOutcome {
    /** The analysis is stored. */
    ANALYZED,
    /** The analysis failed; the reason is in the event and on the image records. */
    FAILED
}
