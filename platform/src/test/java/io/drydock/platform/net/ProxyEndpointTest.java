package io.drydock.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyEndpointTest {

    @Test
    void decodesUrlEncodedCredentials() {
        ProxyEndpoint proxy = ProxyEndpoint.parse("http://drydock:F%40oBar%21@127.0.0.1:3128", "https_proxy");

        assertThat(proxy.host()).isEqualTo("127.0.0.1");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.username()).isEqualTo("drydock");
        assertThat(proxy.password()).isEqualTo("F@oBar!");
        assertThat(proxy.basicAuthorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("drydock:F@oBar!".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            http://proxy.example.com:8080             | proxy.example.com | 8080 | -       | -
            http://proxy.example.com                  | proxy.example.com | 80   | -       | -
            http://proxy.example.com:8080/            | proxy.example.com | 8080 | -       | -
            proxy.example.com:3128                    | proxy.example.com | 3128 | -       | -
            HTTP://Proxy.Example.COM:3128             | proxy.example.com | 3128 | -       | -
            http://[::1]:3128                         | ::1               | 3128 | -       | -
            http://user@proxy:3128                    | proxy             | 3128 | user    | -
            http://user:@proxy:3128                   | proxy             | 3128 | user    | ''
            http://us%65r:a+b@proxy:3128              | proxy             | 3128 | user    | a+b
            http://user:p%C3%A4ss%3Aw%2F@proxy:3128   | proxy             | 3128 | user    | päss:w/
            http://user:F@oBar!@proxy:3128            | proxy             | 3128 | user    | F@oBar!
            """)
    void parsesProxyUrls(String url, String host, int port, String username, String password) {
        ProxyEndpoint proxy = ProxyEndpoint.parse(url, "http_proxy");

        assertThat(proxy).isEqualTo(new ProxyEndpoint(host, port, username, password));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            https://proxy:3128                  | scheme 'https' is not supported
            socks5://proxy:1080                 | scheme 'socks5' is not supported
            http://proxy:port                   | 'port' is not a port
            http://proxy:0                      | '0' is not a port
            http://proxy:65536                  | '65536' is not a port
            http://:3128                        | '' is not a host name
            http://proxy:3128/path              | a proxy URL has no path
            http://user:s%ZZcret@proxy:3128     | does not start a %XX escape
            http://user:secret%4@proxy:3128     | does not start a %XX escape
            http://:secret@proxy:3128           | the user name is empty
            http://[::1:3128                    | lacks its closing ']'
            http://pro xy:3128                  | is not a host name
            """)
    void rejectsMalformedUrlsNamingTheSourceAndHidingThePassword(String url, String reason) {
        assertThatThrownBy(() -> ProxyEndpoint.parse(url, "https_proxy"))
                .isInstanceOf(ProxyConfigurationException.class)
                .hasMessageStartingWith("https_proxy is not a usable proxy URL")
                .hasMessageContaining(reason)
                .hasMessageNotContaining("secret");
    }

    @Test
    void masksTheCredentialsWhenPrinted() {
        assertThat(ProxyEndpoint.parse("http://drydock:F%40oBar%21@127.0.0.1:3128", "x"))
                .hasToString("http://drydock:***@127.0.0.1:3128");
        assertThat(ProxyEndpoint.parse("http://[::1]:3128", "x")).hasToString("http://[::1]:3128");
    }
}
