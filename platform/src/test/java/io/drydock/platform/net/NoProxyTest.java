package io.drydock.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoProxyTest {

    @ParameterizedTest(name = "{0} vs {1}:{2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            registry.local                | registry.local          | 443  | true
            registry.local                | REGISTRY.Local          | 443  | true
            registry.local                | registry.local.         | 443  | true
            registry.local                | other.local             | 443  | false
            example.com                   | example.com             | 443  | true
            example.com                   | registry.example.com    | 443  | true
            example.com                   | a.b.example.com         | 443  | true
            example.com                   | badexample.com          | 443  | false
            example.com                   | example.com.evil.net    | 443  | false
            .example.com                  | registry.example.com    | 443  | true
            .example.com                  | example.com             | 443  | true
            .example.com                  | notexample.com          | 443  | false
            *.example.com                 | registry.example.com    | 443  | true
            registry.local:5000           | registry.local          | 5000 | true
            registry.local:5000           | registry.local          | 443  | false
            example.com:443               | hub.example.com         | 443  | true
            10.1.2.3                      | 10.1.2.3                | 80   | true
            10.1.2.3                      | 10.1.2.4                | 80   | false
            10.1.2.3:8080                 | 10.1.2.3                | 8080 | true
            10.1.2.3:8080                 | 10.1.2.3                | 80   | false
            127.0.0.1                     | localhost               | 80   | false
            localhost                     | 127.0.0.1               | 80   | false
            10.0.0.0/8                    | 10.200.3.4              | 443  | true
            10.0.0.0/8                    | 11.0.0.1                | 443  | false
            192.168.4.0/22                | 192.168.7.255           | 443  | true
            192.168.4.0/22                | 192.168.8.0             | 443  | false
            0.0.0.0/0                     | 8.8.8.8                 | 443  | true
            0.0.0.0/0                     | registry.local          | 443  | false
            10.0.0.0/8                    | 10.example.com          | 443  | false
            10.0.0.0/8:5000               | 10.1.1.1                | 5000 | true
            10.0.0.0/8:5000               | 10.1.1.1                | 443  | false
            ::1                           | ::1                     | 443  | true
            ::1                           | [::1]                   | 443  | true
            ::1                           | 0:0:0:0:0:0:0:1         | 443  | true
            [::1]                         | ::1                     | 443  | true
            [::1]:5000                    | [::1]                   | 5000 | true
            [::1]:5000                    | [::1]                   | 5001 | false
            fd00::/8                      | fd12:3456::1            | 443  | true
            fd00::/8                      | fe80::1                 | 443  | false
            [fd00::]/8                    | fd12:3456::1            | 443  | true
            10.0.0.0/8                    | ::ffff:10.1.2.3         | 443  | true
            *                             | anything.example        | 443  | true
            *                             | 10.1.2.3                | 80   | true
            """)
    void matchesEveryKindOfEntry(String entry, String host, int port, boolean direct) {
        assertThat(NoProxy.parse(entry, "no_proxy").matches(host, port)).isEqualTo(direct);
    }

    @Test
    void readsACommaSeparatedListWithBlanks() {
        NoProxy noProxy = NoProxy.parse(" localhost, .corp.example ,,10.0.0.0/8 , [::1]:5000 ", "no_proxy");

        assertThat(noProxy.matches("localhost", 80)).isTrue();
        assertThat(noProxy.matches("git.corp.example", 443)).isTrue();
        assertThat(noProxy.matches("10.9.9.9", 443)).isTrue();
        assertThat(noProxy.matches("::1", 5000)).isTrue();
        assertThat(noProxy.matches("registry-1.docker.io", 443)).isFalse();
        assertThat(noProxy).hasToString("localhost,.corp.example,10.0.0.0/8,[::1]:5000");
    }

    @Test
    void takesTheDefaultPortOfTheSchemeWhenTheUriHasNone() {
        NoProxy noProxy = NoProxy.parse("registry.local:443,hooks.local:80", "no_proxy");

        assertThat(noProxy.matches(URI.create("https://registry.local/v2/"))).isTrue();
        assertThat(noProxy.matches(URI.create("http://registry.local/v2/"))).isFalse();
        assertThat(noProxy.matches(URI.create("http://hooks.local/hook"))).isTrue();
        assertThat(noProxy.matches(URI.create("https://[::1]:5000/v2/"))).isFalse();
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertThat(NoProxy.parse("", "no_proxy").matches("localhost", 80)).isFalse();
        assertThat(NoProxy.parse(" , ", "no_proxy").isEmpty()).isTrue();
        assertThat(NoProxy.none().matches("127.0.0.1", 80)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/x", "registry:port", "registry:0", "exa mple.com",
            "10.0.0.300/8", "[::1", "host_name/8", "-bad.example"})
    void rejectsEntriesItCannotUse(String entry) {
        assertThatThrownBy(() -> NoProxy.parse("localhost," + entry, "NO_PROXY"))
                .isInstanceOf(ProxyConfigurationException.class)
                .hasMessageStartingWith("NO_PROXY entry '" + entry + "' is not usable");
    }
}
