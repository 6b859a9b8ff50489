package io.drydock.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 256-bit AES key and its id. The id is derived from the key (the first 8 bytes of its SHA-256, in hex), so that no
 * one has to name keys, the same key has the same id in every service, and an id reveals nothing usable about the key.
 */
public final class EncryptionKey {

    public static final int LENGTH = 32;

    private final String id;
    private final byte[] material;

    private EncryptionKey(byte[] material) {
        this.material = material.clone();
        this.id = HexFormat.of().formatHex(Arrays.copyOf(sha256(material), 8));
    }

    public static EncryptionKey of(byte[] material) {
        if (material == null || material.length != LENGTH) {
            throw new IllegalArgumentException("a secret key must be " + LENGTH + " bytes (AES-256), not "
                    + (material == null ? "none" : material.length + " bytes"));
        }
        return new EncryptionKey(material);
    }

    /**
     * Parses the base64 of 32 bytes (what {@code openssl rand -base64 32} prints); surrounding white space is ignored.
     *
     * @param source where the text came from, for the error message (never the text itself)
     */
    public static EncryptionKey parse(String base64, String source) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key from " + source + " is not base64; generate one with "
                    + "'openssl rand -base64 32'");
        }
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("the secret key from " + source + " is " + material.length
                    + " bytes; it must be the base64 of " + LENGTH + " random bytes ('openssl rand -base64 32')");
        }
        return new EncryptionKey(material);
    }

    public String id() {
        return id;
    }

    byte[] material() {
        return material.clone();
    }

    /** The key as base64, to write it to a key file. */
    String encoded() {
        return Base64.getEncoder().encodeToString(material);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey key && MessageDigest.isEqual(material, key.material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "EncryptionKey[" + id + "]";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
