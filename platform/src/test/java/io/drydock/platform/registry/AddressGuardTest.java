package io.drydock.platform.registry;

import static io.drydock.platform.registry.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AddressGuardTest {

    // Fixed answers: a unit test must not depend on what the machine's DNS says.
    private static final Map<String, List<String>> DNS = Map.of(
            "registry.example.com", List.of("203.0.113.10", "2001:db8::10"),
            "split.example.com", List.of("203.0.113.11", "10.1.2.3"),
            "metadata.example.com", List.of("169.254.169.254"),
            "internal.example.com", List.of("192.168.10.5"));
    private static final HostResolver RESOLVER = host -> {
        List<String> answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        return answers.stream().map(CidrTest::ip).toArray(InetAddress[]::new);
    };

    @Test
    void letsPublicHostsThrough() {
        AddressGuard guard = new AddressGuard(AddressPolicy.PUBLIC_ONLY, RESOLVER);

        assertThatCode(() -> guard.check(URI.create("https://registry.example.com/v2/"), "registry.example.com", "x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("https://203.0.113.7/v2/"), "203.0.113.7", "x"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsRefused() {
        AddressGuard guard = new AddressGuard(AddressPolicy.PUBLIC_ONLY, RESOLVER);

        assertThatThrownBy(() -> guard.check(URI.create("https://split.example.com/v2/"), "split.example.com",
                "manifest latest of split.example.com/app"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED);
                    assertThat(e.isTransient()).isFalse();
                })
                .hasMessageContaining("refused to connect to split.example.com (10.1.2.3)")
                .hasMessageContaining("manifest latest of split.example.com/app")
                .hasMessageContaining("a private network address")
                .hasMessageContaining("drydock.registry.allowed-networks")
                .hasMessageContaining("drydock.registry.allow-private-networks=true");
    }

    @Test
    void refusesTheMetadataServiceNamingOnlyTheExplicitAllowance() {
        AddressGuard guard = new AddressGuard(new AddressPolicy(List.of(), true), RESOLVER);

        assertThatThrownBy(() -> guard.check(URI.create("http://metadata.example.com/latest"), "r", "a token"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("a cloud instance metadata address")
                .hasMessageNotContaining("allow-private-networks");
        assertThatThrownBy(() -> guard.check(URI.create("http://[fe80::1]:5000/v2/"), "[fe80::1]:5000", "x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("refused to connect to fe80::1")
                .hasMessageContaining("a link-local address");
    }

    @Test
    void allowsConfiguredNetworks() {
        AddressGuard guard = new AddressGuard(AddressPolicy.allowing("192.168.10.0/24"), RESOLVER);

        assertThatCode(() -> guard.check(URI.create("https://internal.example.com/v2/"), "internal.example.com", "x"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://192.168.11.1/v2/"), "192.168.11.1", "x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("refused to connect to 192.168.11.1 for x");
    }

    @Test
    void reportsAHostThatDoesNotResolveAsNotAccessible() {
        AddressGuard guard = new AddressGuard(AddressPolicy.PUBLIC_ONLY, RESOLVER);

        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example.com/v2/"), "nowhere.example.com", "x"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageContaining("cannot resolve host nowhere.example.com");
    }

    @Test
    void checksIpLiteralsWithoutAskingTheResolver() {
        AddressGuard guard = new AddressGuard(AddressPolicy.PUBLIC_ONLY, HostResolver.SYSTEM);

        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.1:5000/v2/"), "127.0.0.1:5000", "x"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED))
                .hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> guard.check(URI.create("http://[::ffff:a9fe:a9fe]/latest"), "r", "x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("a cloud instance metadata address");
        assertThat(ip("::ffff:a9fe:a9fe").getHostAddress()).isEqualTo("169.254.169.254");
    }
}
