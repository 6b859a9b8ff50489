package io.drydock.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of calls between Drydock's own services ({@code /internal/...}), sent in
 * {@value #HEADER}. Set {@code drydock.internal.token} to the same value on every service of a distributed
 * deployment; unset, each process makes its own, which is enough for the all-in-one runtime (one process) and makes
 * internal calls between separately started services fail closed.
 */
@Component
public class InternalToken {

    public static final String HEADER = "X-Drydock-Internal-Token";

    private final String token;

    public InternalToken(@Value("${drydock.internal.token:}") String configured) {
        if (configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.token = HexFormat.of().formatHex(random);
        } else {
            this.token = configured;
        }
    }

    public String value() {
        return token;
    }

    /** Constant-time comparison, so the token cannot be guessed from response times. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
