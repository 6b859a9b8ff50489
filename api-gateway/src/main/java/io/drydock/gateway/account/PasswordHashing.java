package io.drydock.gateway.account;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords are stored as bcrypt hashes only. Verifying bcrypt costs tens of milliseconds, and CI clients poll, so a
 * successful verification is remembered for a minute as a SHA-256 of the password (never the password itself).
 */
@Component
public class PasswordHashing {

    private static final Duration REMEMBER = Duration.ofMinutes(1);

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Clock clock;

    public PasswordHashing(Clock clock) {
        this.clock = clock;
    }

    private record Verified(String storedHash, String passwordDigest, Instant until) {
    }

    public String hash(String password) {
        return bcrypt.encode(password);
    }

    public boolean matches(String username, String password, String storedHash) {
        String digest = sha256(password);
        Instant now = clock.instant();
        Verified known = verified.get(username);
        if (known != null && known.storedHash().equals(storedHash) && known.passwordDigest().equals(digest)
                && now.isBefore(known.until())) {
            return true;
        }
        boolean matches = bcrypt.matches(password, storedHash);
        if (matches) {
            verified.put(username, new Verified(storedHash, digest, now.plus(REMEMBER)));
        }
        return matches;
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
