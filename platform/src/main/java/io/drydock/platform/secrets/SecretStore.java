package io.drydock.platform.secrets;

/** A table holding encrypted secrets, which {@link SecretRotation} re-encrypts under the current key. */
public interface SecretStore {

    /** What is stored, for logs (e.g. {@code registry credentials}). */
    String describe();

    /**
     * Re-encrypts every value not under the cipher's current key, each with a compare-and-set on its old ciphertext
     * so that a value changed meanwhile is left alone. Values whose key is not configured are skipped and counted.
     */
    Rotated reencrypt(SecretCipher cipher);

    /**
     * @param reencrypted values now under the current key
     * @param unreadable  values left as they were because their key is not configured or they fail authentication
     */
    record Rotated(int reencrypted, int unreadable) {
    }
}
