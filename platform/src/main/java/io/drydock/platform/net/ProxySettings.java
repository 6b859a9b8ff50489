package io.drydock.platform.net;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy outbound traffic to registries, feeds and webhooks takes: {@code https} for https:// (and wss://)
 * targets, {@code http} for http:// ones, none for hosts in {@code noProxy}. Loopback targets are not exempt (unlike
 * the JDK's default selector): list them in {@code no_proxy} to reach them directly.
 *
 * @param https null when https:// targets are reached directly
 * @param http  null when http:// targets are reached directly
 */
public record ProxySettings(ProxyEndpoint https, ProxyEndpoint http, NoProxy noProxy) {

    public static final ProxySettings DIRECT = new ProxySettings(null, null, NoProxy.none());

    public ProxySettings {
        noProxy = noProxy == null ? NoProxy.none() : noProxy;
    }

    /**
     * Reads the settings the way the rest of the tooling does: an explicit {@code drydock.proxy.*} value wins (an empty
     * one means none); otherwise the lower-case environment variable, otherwise the upper-case one. An empty
     * environment variable counts as unset.
     *
     * @throws ProxyConfigurationException naming the variable or property whose value is unusable
     */
    public static ProxySettings resolve(Map<String, String> environment, ProxyProperties explicit) {
        ProxyProperties given = explicit == null ? ProxyProperties.none() : explicit;
        ProxyEndpoint https = pick(given.https(), "https", environment, "https_proxy")
                .map(value -> ProxyEndpoint.parse(value.value(), value.source())).orElse(null);
        ProxyEndpoint http = pick(given.http(), "http", environment, "http_proxy")
                .map(value -> ProxyEndpoint.parse(value.value(), value.source())).orElse(null);
        NoProxy noProxy = pick(given.noProxy(), "no-proxy", environment, "no_proxy")
                .map(value -> NoProxy.parse(value.value(), value.source())).orElse(NoProxy.none());
        return new ProxySettings(https, http, noProxy);
    }

    /** The proxy a request to {@code uri} goes through, or empty when it goes direct. */
    public Optional<ProxyEndpoint> proxyFor(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ProxyEndpoint proxy = switch (scheme) {
            case "https", "wss" -> https;
            case "http", "ws" -> http;
            default -> null;
        };
        if (proxy == null || noProxy.matches(uri)) {
            return Optional.empty();
        }
        return Optional.of(proxy);
    }

    public boolean anyProxy() {
        return https != null || http != null;
    }

    public boolean anyCredentials() {
        return (https != null && https.hasCredentials()) || (http != null && http.hasCredentials());
    }

    /** {@code https: http://user:***@host:3128, http: direct, no_proxy: a,b}: for the start-up log. */
    public String describe() {
        return "https: " + (https == null ? "direct" : https) + ", http: " + (http == null ? "direct" : http)
                + ", no_proxy: " + (noProxy.isEmpty() ? "(none)" : noProxy);
    }

    private static Optional<Source> pick(String explicit, String property, Map<String, String> environment,
                                         String variable) {
        if (explicit != null) {
            return explicit.isBlank() ? Optional.empty()
                    : Optional.of(new Source(explicit, ProxyProperties.PREFIX + "." + property));
        }
        String upper = variable.toUpperCase(Locale.ROOT);
        for (String name : new String[]{variable, upper}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Source(value, name));
            }
        }
        return Optional.empty();
    }

    private record Source(String value, String source) {
    }
}
