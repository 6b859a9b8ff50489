package io.drydock.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts reached directly although a proxy is configured: a comma-separated {@code no_proxy} list, read the way
 * curl reads it. Entries:
 * <ul>
 *   <li>{@code *}: every host;</li>
 *   <li>a host or domain name, {@code example.com}, {@code .example.com} or {@code *.example.com}: that name and every
 *       name under it ({@code registry.example.com}), case-insensitively;</li>
 *   <li>an IPv4 or IPv6 address ({@code 10.1.2.3}, {@code ::1}, {@code [::1]}) or a CIDR block ({@code 10.0.0.0/8},
 *       {@code fd00::/8}), matching hosts written as IP addresses;</li>
 *   <li>any of the above with {@code :port} ({@code registry.local:5000}, {@code [::1]:5000}): that port only.</li>
 * </ul>
 * Names are never resolved: {@code 127.0.0.1} does not match {@code localhost} (nor does curl's).
 */
public final class NoProxy {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
    private static final NoProxy NONE = new NoProxy(List.of(), "");

    private final List<Rule> rules;
    private final String text;

    private NoProxy(List<Rule> rules, String text) {
        this.rules = List.copyOf(rules);
        this.text = text;
    }

    public static NoProxy none() {
        return NONE;
    }

    /**
     * @param source where the list came from ({@code no_proxy}, {@code drydock.proxy.no-proxy}), for error messages
     * @throws ProxyConfigurationException for an entry that is none of the forms above
     */
    public static NoProxy parse(String list, String source) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            rules.add(rule(entry, source));
            entries.add(entry);
        }
        return new NoProxy(rules, String.join(",", entries));
    }

    /** Whether a request to {@code uri} goes direct. */
    public boolean matches(URI uri) {
        if (uri.getHost() == null) {
            return false;
        }
        return matches(uri.getHost(), effectivePort(uri));
    }

    /** Whether a request to {@code host} (a name, or an IP address with or without IPv6 brackets) goes direct. */
    public boolean matches(String host, int port) {
        if (rules.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] address = isIpLiteral(name) ? literal(name) : null;
        for (Rule rule : rules) {
            if (rule.matches(name, address, port)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The entries as given (lower-cased, blanks dropped), comma-separated. */
    @Override
    public String toString() {
        return text;
    }

    private static Rule rule(String entry, String source) {
        if (entry.equals("*")) {
            return (name, address, port) -> true;
        }
        String hostPart = entry;
        int port = -1;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw invalid(entry, source, "an IPv6 address lacks its closing ']'");
            }
            hostPart = entry.substring(1, close);
            String after = entry.substring(close + 1);
            if (after.startsWith("/")) {
                hostPart = hostPart + after;
            } else if (!after.isEmpty()) {
                port = port(after.startsWith(":") ? after.substring(1) : after, entry, source);
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            // One colon: host:port. Two or more: an IPv6 address, which takes a port only in brackets.
            int colon = entry.indexOf(':');
            hostPart = entry.substring(0, colon);
            port = port(entry.substring(colon + 1), entry, source);
        }
        int slash = hostPart.indexOf('/');
        if (slash >= 0) {
            return cidr(hostPart.substring(0, slash), hostPart.substring(slash + 1), port, entry, source);
        }
        if (isIpLiteral(hostPart)) {
            byte[] wanted = literal(hostPart);
            if (wanted == null) {
                throw invalid(entry, source, "'" + hostPart + "' is not an IP address");
            }
            int wantedPort = port;
            return (name, address, requestPort) -> address != null && Arrays.equals(address, wanted)
                    && (wantedPort < 0 || wantedPort == requestPort);
        }
        String domain = hostPart.startsWith("*.") ? hostPart.substring(2) : hostPart.startsWith(".") ? hostPart.substring(1) : hostPart;
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!HOST_NAME.matcher(domain).matches()) {
            throw invalid(entry, source, "'" + hostPart + "' is not a host name, domain, IP address or CIDR block");
        }
        String suffix = "." + domain;
        String exact = domain;
        int wantedPort = port;
        return (name, address, requestPort) -> (name.equals(exact) || name.endsWith(suffix))
                && (wantedPort < 0 || wantedPort == requestPort);
    }

    private static Rule cidr(String network, String prefixText, int port, String entry, String source) {
        byte[] base = isIpLiteral(network) ? literal(network) : null;
        if (base == null) {
            throw invalid(entry, source, "'" + network + "' is not an IP address");
        }
        int bits = base.length * 8;
        if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw invalid(entry, source, "'/" + prefixText + "' is not a prefix length of 0-" + bits);
        }
        int prefix = Integer.parseInt(prefixText);
        return (name, address, requestPort) -> address != null && address.length == base.length
                && samePrefix(address, base, prefix) && (port < 0 || port == requestPort);
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    /** The address bytes of an IP literal, or null when it is not one. Never resolves a name. */
    private static byte[] literal(String host) {
        if (host.indexOf(':') < 0 && !IPV4.matcher(host).matches()) {
            return null;
        }
        if (host.indexOf(':') >= 0 && !host.matches("[0-9a-f:.]+")) {
            // Zone ids (fe80::1%eth0) and anything else InetAddress might take for a name.
            return null;
        }
        try {
            // Only literals get here, and InetAddress parses literals without a lookup. An IPv4-mapped IPv6 literal
            // (::ffff:10.0.0.1) comes back as the IPv4 address, so it matches IPv4 entries.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int port(String text, String entry, String source) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw invalid(entry, source, "'" + text + "' is not a port (1-65535)");
        }
        return Integer.parseInt(text);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    private static ProxyConfigurationException invalid(String entry, String source, String reason) {
        return new ProxyConfigurationException(source + " entry '" + entry + "' is not usable: " + reason
                + "; use host names, .domain suffixes, IP addresses, CIDR blocks, any of them with :port, or *");
    }

    @FunctionalInterface
    private interface Rule {
        /**
         * @param name    the request's host, lower-case, without brackets or trailing dot
         * @param address its bytes when it is an IP literal, else null
         */
        boolean matches(String name, byte[] address, int port);
    }
}
