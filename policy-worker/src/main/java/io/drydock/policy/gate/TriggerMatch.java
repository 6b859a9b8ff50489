package io.drydock.policy.gate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One firing of a trigger; allowlist items match on {@code triggerId}. */
public record TriggerMatch(String triggerId, String message) {

    /** Anchore's default id, {@code md5_hex(gate_name + trigger_name + message)}. */
    public static String defaultId(String gateName, String triggerName, String message) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((gateName + triggerName + (message == null ? "" : message))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
