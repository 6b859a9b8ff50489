package io.drydock.platform.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the proxy of {@link ProxySettings} for each request. Unlike the JDK's default selector it does not exempt
 * loopback and link-local targets: what {@code no_proxy} lists goes direct, nothing else, so a test's loopback
 * registry really goes through its proxy. Only HTTP clients built by {@link OutboundHttp} use it; it is never made
 * the JVM's default, so JDBC, Kafka and internal calls are untouched.
 */
final class ConfiguredProxySelector extends ProxySelector {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredProxySelector.class);

    private final ProxySettings settings;

    ConfiguredProxySelector(ProxySettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return settings.proxyFor(uri)
                .map(proxy -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port()))))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress proxy, IOException failure) {
        // The request fails with this error too; its caller decides what to log.
        log.debug("Could not connect to proxy {} for {}: {}", proxy, uri, failure.toString());
    }
}
