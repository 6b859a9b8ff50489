package io.drydock.policy.bundle;

/** The bundle text is not a JSON object at all; finer problems are reported by {@link BundleValidator}. */
public class InvalidBundleException extends RuntimeException {
    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
