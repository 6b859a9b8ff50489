package io.drydock.policy.gate;

/** How the Dockerfile in {@link ImageFacts} was obtained: supplied by the user, reconstructed from history, or neither. */
public enum DockerfileMode {
    ACTUAL, GUESSED, UNKNOWN
}
