package io.drydock.platform.credentials;

import java.time.Instant;

/**
 * A stored registry credential as the API shows it: never the password.
 *
 * @param registry     what it matches: a host ({@code registry.example.com:5000}), {@code host/repository}, a prefix
 *                     ending in {@code *}, or a host wildcard ({@code *.example.com}); Docker Hub as {@code docker.io}
 * @param registryName a label (Anchore's {@code registry_name}); the registry when none was given
 * @param registryType {@code docker_v2}
 * @param verifyTls    Anchore's {@code registry_verify}: whether TLS certificates are verified with it
 */
public record StoredRegistryCredential(String account, String registry, String registryName, String registryUser,
                                       String registryType, boolean verifyTls, Instant createdAt, Instant lastUpdated) {
}
