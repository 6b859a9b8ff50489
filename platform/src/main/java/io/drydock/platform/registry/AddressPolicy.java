package io.drydock.platform.registry;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses {@link RegistryClient} may connect to. By default every ordinary public address and none of the
 * {@link AddressClass special ones}.
 *
 * @param allowedNetworks      blocks allowed whatever their class, e.g. the network of an in-house registry, or
 *                             {@code 127.0.0.0/8} for one on the same host
 * @param allowPrivateNetworks whether the private and carrier-grade NAT ranges are allowed as a whole; loopback,
 *                             link-local and cloud metadata addresses are not, they must be named in
 *                             {@code allowedNetworks}
 */
public record AddressPolicy(List<Cidr> allowedNetworks, boolean allowPrivateNetworks) {

    /** Public addresses only. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(List.of(), false);

    public AddressPolicy {
        allowedNetworks = List.copyOf(Objects.requireNonNull(allowedNetworks, "allowedNetworks"));
    }

    /** Public addresses and the blocks given in CIDR notation. */
    public static AddressPolicy allowing(String... networks) {
        return new AddressPolicy(Arrays.stream(networks).map(Cidr::parse).toList(), false);
    }

    /** Empty when {@code address} may be connected to, otherwise the class it is refused as. */
    public Optional<AddressClass> refusal(InetAddress address) {
        Optional<InetAddress> embedded = Addresses.embeddedIpv4(address).map(InetAddress.class::cast);
        boolean named = allowedNetworks.stream().anyMatch(network -> network.contains(address)
                || embedded.filter(network::contains).isPresent());
        if (named) {
            return Optional.empty();
        }
        return AddressClass.of(address).filter(kind -> !(allowPrivateNetworks && kind.isPrivateNetwork()));
    }
}
