package io.drydock.platform.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses to let {@link RegistryClient} connect to a host that resolves to an address its {@link AddressPolicy} does
 * not allow. The host is resolved here and refused if <em>any</em> of its addresses is refused, since the HTTP client
 * may pick any of them.
 */
final class AddressGuard {

    private final AddressPolicy policy;
    private final HostResolver resolver;

    AddressGuard(AddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * @param registry the registry the request is on behalf of, for the message
     * @param what     what is being fetched, for the message
     * @throws RegistryException {@code REGISTRY_ADDRESS_REFUSED} for a refused address, {@code REGISTRY_NOT_ACCESSIBLE}
     *                           when the host does not resolve
     */
    void check(URI uri, String registry, String what) {
        String host = uri.getHost();
        if (host == null) {
            throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE, "registry " + registry
                    + " sent a URL without a host for " + what + ": " + uri);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            Optional<InetAddress> literal = Addresses.literal(bare);
            addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE, "registry " + registry
                    + " not accessible for " + what + ": cannot resolve host " + bare, e);
        }
        for (InetAddress address : addresses) {
            Optional<AddressClass> refused = policy.refusal(address);
            if (refused.isPresent()) {
                throw refused(registry, what, bare, address, refused.get());
            }
        }
    }

    private static RegistryException refused(String registry, String what, String host, InetAddress address,
                                             AddressClass kind) {
        String where = host.equals(address.getHostAddress()) ? host : host + " (" + address.getHostAddress() + ")";
        String allow = kind.isPrivateNetwork()
                ? "list its network in drydock.registry.allowed-networks or set drydock.registry.allow-private-networks=true"
                : "list its network in drydock.registry.allowed-networks";
        return new RegistryException(RegistryErrorCode.REGISTRY_ADDRESS_REFUSED, "refused to connect to " + where
                + " for " + what + " (registry " + registry + "): it is " + kind.description()
                + ", where registries are not reached unless configuration allows it; to allow it, " + allow);
    }
}
