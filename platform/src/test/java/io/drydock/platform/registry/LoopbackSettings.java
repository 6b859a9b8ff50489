package io.drydock.platform.registry;

import java.util.Set;

/** Client settings for registries a test starts on loopback, which the default {@link AddressPolicy} refuses. */
final class LoopbackSettings {

    static final AddressPolicy LOOPBACK = AddressPolicy.allowing("127.0.0.0/8", "::1/128");

    private LoopbackSettings() {
    }

    /** The defaults, loopback allowed, the given {@code host:port}s over plain HTTP. */
    static RegistryClientSettings plainHttp(String... hostPorts) {
        return RegistryClientSettings.DEFAULTS.withInsecureRegistries(Set.of(hostPorts)).withAddresses(LOOPBACK);
    }
}
