package io.drydock.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TunnelAuthenticationTest {

    private String tunneling;
    private String proxying;

    @BeforeEach
    void clear() {
        tunneling = System.clearProperty(TunnelAuthentication.TUNNELING);
        proxying = System.clearProperty(TunnelAuthentication.PROXYING);
    }

    @AfterEach
    void restore() {
        restore(TunnelAuthentication.TUNNELING, tunneling);
        restore(TunnelAuthentication.PROXYING, proxying);
    }

    @Test
    void leavesTheJdkDefaultsAloneWithoutProxyCredentials() {
        boolean enabled = TunnelAuthentication.enableFor(new ProxySettings(
                new ProxyEndpoint("proxy", 3128, null, null), null, NoProxy.none()));

        assertThat(enabled).isFalse();
        assertThat(System.getProperty(TunnelAuthentication.TUNNELING)).isNull();
        assertThat(System.getProperty(TunnelAuthentication.PROXYING)).isNull();
    }

    @Test
    void theStartOfTheApplicationAllowsBasicForTunnelsWhenTheConfiguredProxyHasCredentials() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("drydock.proxy.https", "http://drydock:F%40oBar%21@127.0.0.1:3128")));

        new ProxyEnvironmentPostProcessor().postProcessEnvironment(environment, null);

        assertThat(System.getProperty(TunnelAuthentication.TUNNELING)).isEmpty();
        assertThat(System.getProperty(TunnelAuthentication.PROXYING)).isEmpty();
    }

    @Test
    void keepsAnOperatorsOwnSetting() {
        System.setProperty(TunnelAuthentication.TUNNELING, "Basic");

        boolean enabled = TunnelAuthentication.enableFor(new ProxySettings(
                new ProxyEndpoint("proxy", 3128, "user", "secret"), null, NoProxy.none()));

        assertThat(enabled).isFalse();
        assertThat(System.getProperty(TunnelAuthentication.TUNNELING)).isEqualTo("Basic");
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
