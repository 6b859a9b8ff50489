package io.drydock.platform.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encrypts secrets at rest (registry passwords) with AES-256-GCM: a fresh random 96-bit nonce per value, a 128-bit
 * tag, and the record the value belongs to as associated data, so that a ciphertext copied onto another record fails
 * to decrypt instead of handing one account's password to another. Values are encrypted under the current key;
 * previous keys are kept only to read what was encrypted before a rotation ({@link SecretRotation}).
 *
 * <p>Thread-safe.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKey current;
    private final Map<String, EncryptionKey> keys;
    private final String howToConfigure;
    private final SecureRandom random;

    private SecretCipher(EncryptionKey current, List<EncryptionKey> previous, String howToConfigure, SecureRandom random) {
        this.current = current;
        this.howToConfigure = howToConfigure;
        this.random = random;
        Map<String, EncryptionKey> byId = new LinkedHashMap<>();
        if (current != null) {
            byId.put(current.id(), current);
        }
        previous.forEach(key -> byId.putIfAbsent(key.id(), key));
        this.keys = Collections.unmodifiableMap(byId);
    }

    /** Encrypts under {@code current}; reads values under it and under any of {@code previous}. */
    public static SecretCipher of(EncryptionKey current, List<EncryptionKey> previous) {
        return new SecretCipher(Objects.requireNonNull(current, "current"), List.copyOf(previous), null, new SecureRandom());
    }

    /**
     * A cipher without a key, for services that never touch secrets; using it fails with {@code howToConfigure}.
     */
    public static SecretCipher withoutKey(List<EncryptionKey> previous, String howToConfigure) {
        return new SecretCipher(null, List.copyOf(previous), howToConfigure, new SecureRandom());
    }

    public boolean hasKey() {
        return current != null;
    }

    /**
     * Fails a service's start when it needs secrets and no key is configured.
     *
     * @param who the service and why it needs the key, for the message
     */
    public void requireKey(String who) {
        if (current == null) {
            throw new IllegalStateException(who + " needs a secret key and none is configured: " + howToConfigure);
        }
    }

    /** The id new values are encrypted under. */
    public String currentKeyId() {
        requireKey("Encrypting a secret");
        return current.id();
    }

    /** The ids of every key this cipher can decrypt with, the current one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /**
     * @param context what the value belongs to (e.g. {@code registry_credential/<account>/<registry>}); the same
     *                context must be given to decrypt it
     */
    public EncryptedValue encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        requireKey("Encrypting a secret");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new EncryptedValue(current.id(), Base64.getEncoder().encodeToString(stored));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * @throws SecretUnavailableException when the value's key is not configured, or the value fails authentication
     *                                    (altered, truncated, or stored on another record than {@code context})
     */
    public String decrypt(EncryptedValue value, String context) {
        EncryptionKey key = keys.get(value.keyId());
        if (key == null) {
            throw new SecretUnavailableException(value.keyId(), "the secret of " + context + " is encrypted under key "
                    + value.keyId() + ", which is not configured (configured: " + describeKeys() + "); configure that key "
                    + "as a previous key (DRYDOCK_SECRET_KEY_PREVIOUS or drydock.secrets.previous-key-files) or store "
                    + "the secret again");
        }
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(value.ciphertext());
        } catch (IllegalArgumentException e) {
            throw tampered(value, context, e);
        }
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw tampered(value, context, null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(stored, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw tampered(value, context, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** Whether the value is encrypted under the current key (nothing for a rotation to do). */
    public boolean isCurrent(EncryptedValue value) {
        return current != null && current.id().equals(value.keyId());
    }

    /** The value decrypted and encrypted again under the current key, with a fresh nonce. */
    public EncryptedValue reencrypt(EncryptedValue value, String context) {
        return encrypt(decrypt(value, context), context);
    }

    private String describeKeys() {
        if (keys.isEmpty()) {
            return "none";
        }
        List<String> described = new ArrayList<>();
        keys.keySet().forEach(id -> described.add(current != null && id.equals(current.id()) ? id + " (current)" : id));
        return String.join(", ", described);
    }

    private static SecretUnavailableException tampered(EncryptedValue value, String context, Exception cause) {
        return new SecretUnavailableException(value.keyId(), "the secret of " + context + " fails authentication "
                + "under key " + value.keyId() + ": the stored value was altered or belongs to another record; store "
                + "the secret again", cause);
    }

    private static Cipher cipher(int mode, EncryptionKey key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
