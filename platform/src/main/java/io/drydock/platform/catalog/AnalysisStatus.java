package io.drydock.platform.catalog;

/** The analysis state machine: not_analyzed → analyzing → analyzed | analysis_failed (names as Anchore's API). */
public enum AnalysisStatus {
    NOT_ANALYZED("not_analyzed"),
    ANALYZING("analyzing"),
    ANALYZED("analyzed"),
    ANALYSIS_FAILED("analysis_failed");

    private final String wire;

    AnalysisStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static AnalysisStatus fromWire(String value) {
        for (AnalysisStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown analysis_status " + value);
    }
}
