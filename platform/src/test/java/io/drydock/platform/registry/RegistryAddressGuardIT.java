package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;

/**
 * The real registry ({@link TestRegistry}) named by a host name that resolves to loopback, as an attacker would name
 * an internal service: refused unless configuration allows loopback.
 */
class RegistryAddressGuardIT {

    private static TestRegistry registry;
    private static String localhost;
    private static String digest;

    @BeforeAll
    static void pushImage() {
        registry = TestRegistry.shared();
        localhost = "localhost:" + registry.baseUri().getPort();
        digest = TestImage.builder().layer(TestLayer.builder().file("etc/motd", "guarded\n").build()).build()
                .push(registry, "drydock/guarded", "v1");
    }

    @Test
    void refusesARegistryThatResolvesToLoopbackByDefault() {
        try (RegistryClient client = client(RegistryClientSettings.DEFAULTS.withInsecureRegistries(Set.of(localhost)))) {

            assertThatThrownBy(() -> client.resolve(ImageReference.parse(localhost + "/drydock/guarded:v1"), null, null))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED);
                        assertThat(e.isTransient()).isFalse();
                    })
                    .hasMessageContaining("refused to connect to localhost (127.0.0.1) for manifest v1 of " + localhost
                            + "/drydock/guarded")
                    .hasMessageContaining("a loopback address")
                    .hasMessageContaining("drydock.registry.allowed-networks");
        }
    }

    @Test
    void refusesLoopbackEvenWhenPrivateNetworksAreAllowed() {
        try (RegistryClient client = client(RegistryClientSettings.DEFAULTS.withInsecureRegistries(Set.of(localhost))
                .withAddresses(new AddressPolicy(List.of(), true)))) {

            assertThatThrownBy(() -> client.resolve(ImageReference.parse(localhost + "/drydock/guarded:v1"), null, null))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED));
        }
    }

    @Test
    void pullsFromItWhenLoopbackIsAllowed() {
        try (RegistryClient client = client(LoopbackSettings.plainHttp(localhost))) {

            ResolvedImage resolved = client.resolve(ImageReference.parse(localhost + "/drydock/guarded:v1"), null, null);

            assertThat(resolved.digest()).isEqualTo(digest);
            assertThat(client.listTags(ImageReference.parse(localhost + "/drydock/guarded"), null)).containsExactly("v1");
        }
    }

    private static RegistryClient client(RegistryClientSettings settings) {
        return new RegistryClient(settings, HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }
}
