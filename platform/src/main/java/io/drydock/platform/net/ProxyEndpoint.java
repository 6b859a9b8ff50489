package io.drydock.platform.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy: {@code http://[user[:password]@]host[:port]}, as written in {@code https_proxy}/{@code http_proxy}
 * or {@code drydock.proxy.*}. User and password are percent-decoded ({@code F%40oBar%21} is {@code F@oBar!}).
 *
 * @param host     host name or IP address (an IPv6 address without brackets)
 * @param port     the port; 80 when the URL names none (as Python's requests, which Anchore used, assumes)
 * @param username null when the proxy is used without credentials
 * @param password null when the URL gives a user without a password (then an empty password is sent)
 */
public record ProxyEndpoint(String host, int port, String username, String password) {

    private static final int DEFAULT_PORT = 80;

    public ProxyEndpoint {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses a proxy URL. A URL without a scheme is taken as {@code http://} (as curl does).
     *
     * @param source where the URL came from ({@code https_proxy}, {@code drydock.proxy.https}), for the error message
     * @throws ProxyConfigurationException when the URL is not {@code http://[user[:password]@]host[:port][/]}
     */
    public static ProxyEndpoint parse(String url, String source) {
        String value = url.strip();
        int schemeEnd = value.indexOf("://");
        String rest = value;
        if (schemeEnd >= 0) {
            String scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http")) {
                // Java's HTTP client speaks to proxies in plain HTTP only (a CONNECT tunnel carries the TLS).
                throw invalid(source, value, "scheme '" + scheme + "' is not supported; only http:// proxies are (an "
                        + "https:// target is still reached through the proxy's CONNECT tunnel)");
            }
            rest = value.substring(schemeEnd + 3);
        }
        int pathStart = rest.indexOf('/');
        if (pathStart >= 0) {
            if (!rest.substring(pathStart).equals("/")) {
                throw invalid(source, value, "a proxy URL has no path");
            }
            rest = rest.substring(0, pathStart);
        }
        String username = null;
        String password = null;
        // The last '@' ends the credentials, so an unencoded '@' in a password still parses (as curl does).
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, source, value);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1), source, value) : null;
            if (username.isEmpty()) {
                throw invalid(source, value, "the user name is empty");
            }
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw invalid(source, value, "an IPv6 address lacks its closing ']'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(source, value, "unexpected '" + after + "' after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            portText = colon >= 0 ? rest.substring(colon + 1) : null;
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
            throw invalid(source, value, "'" + host + "' is not a host name or IP address");
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw invalid(source, value, "'" + portText + "' is not a port (1-65535)");
            }
            port = Integer.parseInt(portText);
        }
        return new ProxyEndpoint(host.toLowerCase(Locale.ROOT), port, username, password);
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** The {@code Proxy-Authorization} value for the credentials; only when {@link #hasCredentials()}. */
    String basicAuthorization() {
        String secret = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http://user:***@host:port}: safe for logs and messages. */
    @Override
    public String toString() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + (username == null ? "" : username + ":***@") + hostPart + ":" + port;
    }

    private static String decode(String encoded, String source, String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || !isHex(encoded.charAt(i + 1)) || !isHex(encoded.charAt(i + 2))) {
                    throw invalid(source, url, "the credentials contain a '%' that does not start a %XX escape");
                }
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                // Unlike form encoding, '+' in a URL is a plus sign, not a space.
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static ProxyConfigurationException invalid(String source, String url, String reason) {
        return new ProxyConfigurationException(source + " is not a usable proxy URL ('" + masked(url) + "'): " + reason
                + "; expected http://[user[:password]@]host[:port] with URL-encoded user and password");
    }

    /** The URL with whatever stands between "://" (or the start) and the last '@' replaced, so no password leaks. */
    private static String masked(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        return at < start ? url : url.substring(0, start) + "***" + url.substring(at);
    }
}
