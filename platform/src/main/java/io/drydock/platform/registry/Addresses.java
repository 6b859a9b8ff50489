package io.drydock.platform.registry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** Byte-level views of addresses that {@link Cidr} and {@link AddressClass} share. */
final class Addresses {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.-]+)?");

    private Addresses() {
    }

    /**
     * The address {@code host} spells out, if it is an IPv4 or IPv6 literal (without brackets); empty for a name.
     * Never asks DNS: {@link InetAddress#getByName} would take {@code 300.0.0.0} for a host name and look it up.
     *
     * @throws UnknownHostException for a malformed literal
     */
    static Optional<InetAddress> literal(String host) throws UnknownHostException {
        if (IPV4_LITERAL.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new UnknownHostException(host + " has an octet over 255");
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(InetAddress.getByAddress(bytes));
        }
        if (IPV6_LITERAL.matcher(host).matches()) {
            // With a colon the JDK parses an IPv6 literal and never resolves.
            return Optional.of(InetAddress.getByName(host));
        }
        return Optional.empty();
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it is; any other address as is. */
    static InetAddress canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isMapped(bytes)) {
            return ipv4(bytes, 12);
        }
        return address;
    }

    /**
     * The IPv4 address an IPv6 address carries by one of the standard embeddings a packet may be translated through
     * to reach that IPv4 host: IPv4-compatible ({@code ::a.b.c.d}, deprecated but still parsed), NAT64's well-known
     * prefix ({@code 64:ff9b::/96}) and 6to4 ({@code 2002:aabb:ccdd::/48}).
     */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        if (allZero(b, 0, 12) && !allZero(b, 12, 15)) {
            return Optional.of(ipv4(b, 12));
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            return Optional.of(ipv4(b, 12));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(b, 2));
        }
        return Optional.empty();
    }

    private static boolean isMapped(byte[] bytes) {
        return bytes.length == 16 && allZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] bytes, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
