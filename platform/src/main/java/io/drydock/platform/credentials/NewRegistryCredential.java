package io.drydock.platform.credentials;

import java.util.Objects;

/**
 * A registry credential to store; the password is encrypted before it reaches the database.
 *
 * @param registry as {@link RegistryMatching#normalise} leaves it
 */
public record NewRegistryCredential(String registry, String registryName, String registryUser, String password,
                                    String registryType, boolean verifyTls) {

    public NewRegistryCredential {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(registryName, "registryName");
        Objects.requireNonNull(registryUser, "registryUser");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(registryType, "registryType");
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "NewRegistryCredential[registry=" + registry + ", registryName=" + registryName + ", registryUser="
                + registryUser + ", password=***, registryType=" + registryType + ", verifyTls=" + verifyTls + "]";
    }
}
