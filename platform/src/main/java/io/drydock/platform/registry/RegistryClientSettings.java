package io.drydock.platform.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link RegistryClient} talks to registries.
 *
 * @param insecureRegistries {@code host:port} (or bare host) of registries spoken to over plain HTTP instead of HTTPS
 * @param connectTimeout     limit on establishing a connection
 * @param requestTimeout     limit on each request until its response headers arrive (blob bodies then stream on)
 */
public record RegistryClientSettings(Set<String> insecureRegistries, Duration connectTimeout, Duration requestTimeout) {

    /** HTTPS everywhere, 10 s to connect, 60 s per request: registries behind slow proxies answer within that. */
    public static final RegistryClientSettings DEFAULTS =
            new RegistryClientSettings(Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public RegistryClientSettings {
        insecureRegistries = Set.copyOf(Objects.requireNonNull(insecureRegistries, "insecureRegistries"));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public RegistryClientSettings withInsecureRegistries(Set<String> registries) {
        return new RegistryClientSettings(registries, connectTimeout, requestTimeout);
    }

    boolean isInsecure(String registryHost) {
        return insecureRegistries.contains(registryHost);
    }
}
