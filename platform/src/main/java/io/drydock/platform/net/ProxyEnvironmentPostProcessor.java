package io.drydock.platform.net;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the proxy settings as soon as the configuration is known, before any bean can build an HTTP client, and
 * enables Basic proxy credentials for tunnels then (see {@link TunnelAuthentication}). A malformed proxy URL stops the
 * start here, with the variable or property named.
 */
public class ProxyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ProxyProperties explicit = Binder.get(environment).bind(ProxyProperties.PREFIX, ProxyProperties.class)
                .orElse(ProxyProperties.none());
        TunnelAuthentication.enableFor(ProxySettings.resolve(System.getenv(), explicit));
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
