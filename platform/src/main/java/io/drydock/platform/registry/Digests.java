package io.drydock.platform.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests as the distribution API writes them: {@code algorithm:lowercase-hex}. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] content) {
        return "sha256:" + HexFormat.of().formatHex(messageDigest("sha256:").digest(content));
    }

    /** Whether {@code content} has {@code digest}, in whichever algorithm the digest names. */
    static boolean matches(String digest, byte[] content) {
        MessageDigest md = messageDigest(digest);
        return digest.equals(algorithm(digest) + ":" + HexFormat.of().formatHex(md.digest(content)));
    }

    static String algorithm(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? "" : digest.substring(0, colon);
    }

    /** @throws RegistryException when the digest names an algorithm we cannot verify */
    static void requireSupported(String digest) {
        messageDigest(digest);
    }

    /** A fresh message digest for the algorithm {@code digest} names. */
    static MessageDigest messageDigest(String digest) {
        String jca = switch (algorithm(digest)) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_SUPPORTED,
                    "unsupported digest algorithm in '" + digest + "'");
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is required of every JDK", e);
        }
    }
}
