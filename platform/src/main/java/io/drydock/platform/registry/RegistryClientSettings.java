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
 * @param retry              what is retried, how often and how long apart
 * @param addresses          which addresses registries, token services and blob stores may resolve to
 * @param resolver           resolves hosts for the {@link AddressPolicy} check
 * @param sleeper            waits between retries
 */
public record RegistryClientSettings(Set<String> insecureRegistries, Duration connectTimeout, Duration requestTimeout,
                                     RetryPolicy retry, AddressPolicy addresses, HostResolver resolver,
                                     Sleeper sleeper) {

    /**
     * HTTPS everywhere, 10 s to connect, 60 s per request (registries behind slow proxies answer within that), the
     * default retries, public addresses only.
     */
    public static final RegistryClientSettings DEFAULTS = new RegistryClientSettings(Set.of(), Duration.ofSeconds(10),
            Duration.ofSeconds(60), RetryPolicy.DEFAULTS, AddressPolicy.PUBLIC_ONLY, HostResolver.SYSTEM, Sleeper.SYSTEM);

    public RegistryClientSettings {
        insecureRegistries = Set.copyOf(Objects.requireNonNull(insecureRegistries, "insecureRegistries"));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    public RegistryClientSettings withInsecureRegistries(Set<String> registries) {
        return new RegistryClientSettings(registries, connectTimeout, requestTimeout, retry, addresses, resolver, sleeper);
    }

    public RegistryClientSettings withTimeouts(Duration connect, Duration request) {
        return new RegistryClientSettings(insecureRegistries, connect, request, retry, addresses, resolver, sleeper);
    }

    public RegistryClientSettings withRetry(RetryPolicy policy) {
        return new RegistryClientSettings(insecureRegistries, connectTimeout, requestTimeout, policy, addresses, resolver,
                sleeper);
    }

    public RegistryClientSettings withAddresses(AddressPolicy policy) {
        return new RegistryClientSettings(insecureRegistries, connectTimeout, requestTimeout, retry, policy, resolver,
                sleeper);
    }

    public RegistryClientSettings withResolver(HostResolver hostResolver) {
        return new RegistryClientSettings(insecureRegistries, connectTimeout, requestTimeout, retry, addresses,
                hostResolver, sleeper);
    }

    public RegistryClientSettings withSleeper(Sleeper waiter) {
        return new RegistryClientSettings(insecureRegistries, connectTimeout, requestTimeout, retry, addresses, resolver,
                waiter);
    }

    boolean isInsecure(String registryHost) {
        return insecureRegistries.contains(registryHost);
    }
}
