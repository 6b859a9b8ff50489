package io.drydock.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void lowerCaseVariablesWinOverUpperCase() {
        ProxySettings settings = ProxySettings.resolve(Map.of(
                "https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128",
                "HTTP_PROXY", "http://upper-only:3128",
                "no_proxy", "lower.example", "NO_PROXY", "upper.example"), null);

        assertThat(settings.https().host()).isEqualTo("lower");
        assertThat(settings.http().host()).as("only the upper-case form is set").isEqualTo("upper-only");
        assertThat(settings.noProxy().matches("lower.example", 443)).isTrue();
        assertThat(settings.noProxy().matches("upper.example", 443)).isFalse();
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        ProxySettings settings = ProxySettings.resolve(Map.of("https_proxy", "", "HTTPS_PROXY", "http://upper:3128"), null);

        assertThat(settings.https().host()).isEqualTo("upper");
    }

    @Test
    void explicitPropertiesReplaceTheEnvironmentAndAnEmptyOneMeansDirect() {
        Map<String, String> environment = Map.of("https_proxy", "http://env:3128", "http_proxy", "http://env:3128",
                "no_proxy", "env.example");

        ProxySettings settings = ProxySettings.resolve(environment,
                new ProxyProperties("http://drydock:F%40oBar%21@configured:3128", "", null));

        assertThat(settings.https()).isEqualTo(new ProxyEndpoint("configured", 3128, "drydock", "F@oBar!"));
        assertThat(settings.http()).as("explicitly none").isNull();
        assertThat(settings.noProxy().matches("env.example", 443)).as("unset property: the environment's").isTrue();
    }

    @Test
    void namesThePropertyOrVariableOfAMalformedUrl() {
        assertThatThrownBy(() -> ProxySettings.resolve(Map.of("HTTPS_PROXY", "https://proxy:3128"), null))
                .hasMessageStartingWith("HTTPS_PROXY is not a usable proxy URL");
        assertThatThrownBy(() -> ProxySettings.resolve(Map.of(), new ProxyProperties(null, "http://proxy:x", null)))
                .hasMessageStartingWith("drydock.proxy.http is not a usable proxy URL");
        assertThatThrownBy(() -> ProxySettings.resolve(Map.of(), new ProxyProperties(null, null, "10.0.0.0/40")))
                .hasMessageStartingWith("drydock.proxy.no-proxy entry '10.0.0.0/40' is not usable");
    }

    @Test
    void picksTheProxyByTargetSchemeAndSkipsOnlyWhatNoProxyLists() {
        ProxySettings settings = new ProxySettings(new ProxyEndpoint("secure-proxy", 3128, null, null),
                new ProxyEndpoint("plain-proxy", 8080, null, null), NoProxy.parse("internal.example", "no_proxy"));

        assertThat(settings.proxyFor(URI.create("https://registry.example/v2/"))).map(ProxyEndpoint::host).hasValue("secure-proxy");
        assertThat(settings.proxyFor(URI.create("http://hooks.example/h"))).map(ProxyEndpoint::host).hasValue("plain-proxy");
        assertThat(settings.proxyFor(URI.create("https://git.internal.example/"))).isEmpty();
        assertThat(settings.proxyFor(URI.create("ftp://files.example/"))).isEmpty();
        assertThat(settings.proxyFor(URI.create("http://127.0.0.1:5000/v2/"))).as("loopback is not exempt")
                .map(ProxyEndpoint::host).hasValue("plain-proxy");
    }

    @Test
    void theSelectorRoutesLoopbackThroughTheProxyUnlessListed() {
        ProxySettings settings = new ProxySettings(null, new ProxyEndpoint("127.0.0.1", 3128, null, null),
                NoProxy.parse("127.0.0.1:5001", "no_proxy"));
        ConfiguredProxySelector selector = new ConfiguredProxySelector(settings);

        List<Proxy> proxied = selector.select(URI.create("http://127.0.0.1:5000/v2/"));
        assertThat(proxied).hasSize(1);
        assertThat(proxied.getFirst().type()).isEqualTo(Proxy.Type.HTTP);
        InetSocketAddress address = (InetSocketAddress) proxied.getFirst().address();
        assertThat(address.getHostString()).isEqualTo("127.0.0.1");
        assertThat(address.getPort()).isEqualTo(3128);
        assertThat(selector.select(URI.create("http://127.0.0.1:5001/v2/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://127.0.0.1:5000/v2/"))).as("no https proxy").containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void describesTheSettingsWithoutPasswords() {
        ProxySettings settings = ProxySettings.resolve(Map.of("https_proxy", "http://drydock:F%40oBar%21@127.0.0.1:3128",
                "no_proxy", "localhost,.internal"), null);

        assertThat(settings.describe()).isEqualTo(
                "https: http://drydock:***@127.0.0.1:3128, http: direct, no_proxy: localhost,.internal");
    }
}
