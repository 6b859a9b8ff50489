package io.drydock.platform.registry;

/** A registry operation failed; {@link #code()} is the Anchore error code the API reports for it. */
public class RegistryException extends RuntimeException {

    private final RegistryErrorCode code;

    public RegistryException(RegistryErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public RegistryException(RegistryErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public RegistryErrorCode code() {
        return code;
    }

    /** Whether trying again later may succeed: the registry was unreachable, failing or throttling, not refusing. */
    public boolean isTransient() {
        return code == RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
