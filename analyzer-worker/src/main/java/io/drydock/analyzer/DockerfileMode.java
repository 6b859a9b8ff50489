package io.drydock.analyzer;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the analysis's Dockerfile came from, named as Anchore's {@code dockerfile_mode}. */
public enum DockerfileMode {
    /** Supplied by the user with the image. */
    ACTUAL("Actual"),
    /** Reconstructed from the config history. */
    GUESSED("Guessed"),
    /** Neither supplied nor reconstructable. */
    UNKNOWN("Unknown");

    private final String label;

    DockerfileMode(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
