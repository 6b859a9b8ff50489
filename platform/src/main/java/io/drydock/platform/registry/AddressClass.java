package io.drydock.platform.registry;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of address a registry, token service or blob store must not resolve to unless configuration allows it:
 * reaching them from Drydock would let whoever names an image probe the networks Drydock sits in (server-side
 * request forgery), e.g. a cloud's instance metadata service or an internal admin endpoint.
 */
public enum AddressClass {

    UNSPECIFIED("an unspecified (\"this host\") address", false, "0.0.0.0/8", "::/128"),
    LOOPBACK("a loopback address", false, "127.0.0.0/8", "::1/128"),
    // Before LINK_LOCAL and PRIVATE, which contain them: these name the credentials service of a cloud instance.
    CLOUD_METADATA("a cloud instance metadata address", false, "169.254.169.254/32", "fd00:ec2::254/128"),
    LINK_LOCAL("a link-local address", false, "169.254.0.0/16", "fe80::/10"),
    PRIVATE("a private network address", true, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
            "fec0::/10"),
    SHARED("a carrier-grade NAT (shared) address", true, "100.64.0.0/10"),
    MULTICAST("a multicast address", false, "224.0.0.0/4", "ff00::/8"),
    BROADCAST("the broadcast address", false, "255.255.255.255/32"),
    RESERVED("a reserved address", false, "240.0.0.0/4");

    private final String description;
    private final boolean privateNetwork;
    private final List<Cidr> blocks;

    AddressClass(String description, boolean privateNetwork, String... blocks) {
        this.description = description;
        this.privateNetwork = privateNetwork;
        this.blocks = java.util.Arrays.stream(blocks).map(Cidr::parse).toList();
    }

    /** The class of {@code address}, or empty for an ordinary public address. */
    public static Optional<AddressClass> of(InetAddress address) {
        InetAddress canonical = Addresses.canonical(address);
        for (AddressClass kind : values()) {
            if (kind.blocks.stream().anyMatch(block -> block.contains(canonical))) {
                return Optional.of(kind);
            }
        }
        return Addresses.embeddedIpv4(canonical).flatMap(AddressClass::of);
    }

    /** e.g. "a private network address" */
    public String description() {
        return description;
    }

    /** Whether {@code allow-private-networks} lets it through; loopback, link-local and metadata need naming. */
    public boolean isPrivateNetwork() {
        return privateNetwork;
    }
}
