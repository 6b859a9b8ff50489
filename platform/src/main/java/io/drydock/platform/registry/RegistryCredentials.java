package io.drydock.platform.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password for a registry, used for HTTP basic auth and to obtain bearer tokens, and whether TLS
 * certificates are verified when talking to the registry with them (Anchore's {@code registry_verify}).
 * Pass {@code null} where a method takes credentials to pull anonymously (TLS is then always verified).
 */
public record RegistryCredentials(String username, String password, boolean verifyTls) {

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Credentials with TLS verification on. */
    public RegistryCredentials(String username, String password) {
        this(username, password, true);
    }

    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***, verifyTls=" + verifyTls + "]";
    }
}
