package io.drydock.platform.net;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Explicit proxy settings, {@code drydock.proxy.*}; each one set (even to an empty value, meaning "none") replaces its
 * environment variable, so tests and users need no environment. Unset ones fall back to {@code https_proxy},
 * {@code http_proxy} and {@code no_proxy} (lower case first, then upper case).
 *
 * @param https   proxy for https:// targets, {@code http://[user[:password]@]host[:port]}
 * @param http    proxy for http:// targets
 * @param noProxy comma-separated hosts, domains, IPs, CIDRs (each optionally with :port) or {@code *} reached directly
 */
@ConfigurationProperties("drydock.proxy")
public record ProxyProperties(String https, String http, String noProxy) {

    public static final String PREFIX = "drydock.proxy";

    public static ProxyProperties none() {
        return new ProxyProperties(null, null, null);
    }
}
