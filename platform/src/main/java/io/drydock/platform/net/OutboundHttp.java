package io.drydock.platform.net;

import java.net.http.HttpClient;
import java.util.Objects;

/**
 * The one place that makes {@link HttpClient.Builder}s for traffic leaving Drydock, each carrying the proxy settings:
 * {@link #registry()} for registries, {@link #webhooks()} for webhook receivers, {@link #objectStore()} for an
 * S3-compatible object store, {@link #cli()} for the command-line client, {@link #feeds()} for vulnerability feed sources. Callers add timeouts, redirect policy and TLS context and build.
 *
 * <p>Traffic between Drydock's own services uses {@link #internal()}, which never goes through a proxy: an internal
 * address is not something a corporate proxy can (or should) reach. PostgreSQL and Kafka clients do not use
 * {@code java.net.ProxySelector} at all, and nothing here sets the JVM's default selector.
 */
public final class OutboundHttp {

    private final ProxySettings settings;
    private final ConfiguredProxySelector selector;

    public OutboundHttp(ProxySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.selector = new ConfiguredProxySelector(settings);
        TunnelAuthentication.enableFor(settings);
    }

    /** Direct to every target: for tests and tools that must not use a proxy. */
    public static OutboundHttp direct() {
        return new OutboundHttp(ProxySettings.DIRECT);
    }

    /** For registry requests (manifests, blobs, tokens). */
    public HttpClient.Builder registry() {
        return proxied();
    }

    /** For vulnerability feed sources (OSV archives and their mirrors). */
    public HttpClient.Builder feeds() {
        return proxied();
    }

    /** For webhook deliveries. */
    public HttpClient.Builder webhooks() {
        return proxied();
    }

    /** For an S3-compatible object store (AWS S3 is outside; a MinIO next door is listed in no_proxy). */
    public HttpClient.Builder objectStore() {
        return proxied();
    }

    /**
     * For Drydock's command-line client, which reaches the API from the user's machine or CI job as any other outbound
     * traffic does: through the proxy the environment names, unless {@code no_proxy} lists the API's host.
     */
    public HttpClient.Builder cli() {
        return proxied();
    }

    /** For calls between Drydock's services: always direct, whatever the proxy settings. */
    public static HttpClient.Builder internal() {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY);
    }

    public ProxySettings settings() {
        return settings;
    }

    private HttpClient.Builder proxied() {
        if (!settings.anyProxy()) {
            // Explicitly direct: the JDK's default selector would otherwise apply -Dhttps.proxyHost and friends.
            return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY);
        }
        return new ProxyAuthorizingHttpClient.Builder(HttpClient.newBuilder().proxy(selector), settings);
    }
}
