package io.drydock.platform.secrets;

import java.util.Objects;

/**
 * A secret as it is stored: the id of the key it is encrypted under, and the base64 of nonce, ciphertext and GCM tag.
 */
public record EncryptedValue(String keyId, String ciphertext) {

    public EncryptedValue {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
