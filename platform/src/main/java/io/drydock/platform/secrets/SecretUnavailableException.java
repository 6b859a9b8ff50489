package io.drydock.platform.secrets;

/**
 * A stored secret cannot be decrypted: its key is not configured, or the stored value fails authentication (it was
 * altered, or copied from another record). The message names the key id and what to do; never the secret.
 */
public class SecretUnavailableException extends RuntimeException {

    private final String keyId;

    public SecretUnavailableException(String keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    public SecretUnavailableException(String keyId, String message, Throwable cause) {
        super(message, cause);
        this.keyId = keyId;
    }

    /** The key the value is (said to be) encrypted under. */
    public String keyId() {
        return keyId;
    }
}
