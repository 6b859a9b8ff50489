package io.drydock.platform.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation, {@code 10.0.0.0/8} or {@code fd00::/8}. A bare address is a
 * block of one. IPv4 addresses written in IPv6 form ({@code ::ffff:10.0.0.1}) are compared as the IPv4 address they
 * carry, so that a block cannot be dodged by spelling an address the other way.
 *
 * @param address the first address of the block (host bits cleared)
 * @param prefix  the number of leading bits that name the block
 */
public record Cidr(InetAddress address, int prefix) {

    public Cidr {
        address = Addresses.canonical(address);
        int bits = address.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range for " + address.getHostAddress());
        }
        address = mask(address, prefix);
    }

    /**
     * @param text {@code address/prefix} or a bare address
     * @throws IllegalArgumentException when it is neither, naming the text
     */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress address;
        try {
            address = Addresses.canonical(Addresses.literal(host).orElseThrow(() -> new IllegalArgumentException(
                    "'" + text + "' is not a network in CIDR notation (e.g. 10.0.0.0/8, fd00::/8)")));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network in CIDR notation: " + e.getMessage(), e);
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length", e);
        }
        // ::ffff:10.0.0.0/104 is 10.0.0.0/8 written in IPv6 form.
        if (address instanceof Inet4Address && host.contains(":") && slash >= 0) {
            prefix -= 96;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length out of range 0-" + bits);
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code candidate} lies in this block; an IPv4 block never holds an IPv6 address and vice versa. */
    public boolean contains(InetAddress candidate) {
        InetAddress canonical = Addresses.canonical(candidate);
        if (canonical.getAddress().length != address.getAddress().length) {
            return false;
        }
        return Arrays.equals(mask(canonical, prefix).getAddress(), address.getAddress());
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix;
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
