package io.drydock.cli;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI reaches the API as the server reaches registries: through the environment's proxy unless no_proxy says not. */
class ProxyTest {

    private static final URI API = URI.create("http://drydock.internal.example:8228/v1/images");

    @Test
    void goesDirectWhenTheEnvironmentNamesNoProxy() {
        HttpClient client = DrydockCli.httpClient(Map.of());

        assertThat(client.proxy().orElseThrow().select(API)).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void usesTheEnvironmentsProxyExceptForHostsInNoProxy() {
        HttpClient proxied = DrydockCli.httpClient(Map.of("http_proxy", "http://proxy.example:3128"));
        HttpClient exempt = DrydockCli.httpClient(Map.of("http_proxy", "http://proxy.example:3128",
                "no_proxy", ".internal.example"));

        List<Proxy> chosen = proxied.proxy().orElseThrow().select(API);
        assertThat(chosen).hasSize(1);
        assertThat(chosen.getFirst().type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) chosen.getFirst().address()).getHostString()).isEqualTo("proxy.example");
        assertThat(((InetSocketAddress) chosen.getFirst().address()).getPort()).isEqualTo(3128);
        assertThat(exempt.proxy().orElseThrow().select(API)).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void anUnusableProxyVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> DrydockCli.httpClient(Map.of("https_proxy", "http://proxy.example:notaport")))
                .isInstanceOf(CliException.class).hasMessageContaining("https_proxy");
    }
}
