package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void matchesIpv4Blocks() {
        Cidr block = Cidr.parse("172.16.0.0/12");

        assertThat(block.contains(ip("172.16.0.1"))).isTrue();
        assertThat(block.contains(ip("172.31.255.255"))).isTrue();
        assertThat(block.contains(ip("172.32.0.0"))).isFalse();
        assertThat(block.contains(ip("172.15.255.255"))).isFalse();
        assertThat(block.contains(ip("::ffff:172.20.1.1"))).as("IPv4-mapped").isTrue();
        assertThat(block.contains(ip("2001:db8::1"))).isFalse();
    }

    @Test
    void matchesIpv6Blocks() {
        Cidr block = Cidr.parse("fe80::/10");

        assertThat(block.contains(ip("fe80::1"))).isTrue();
        assertThat(block.contains(ip("febf:ffff::1"))).isTrue();
        assertThat(block.contains(ip("fec0::1"))).isFalse();
        assertThat(block.contains(ip("169.254.1.1"))).isFalse();
    }

    @Test
    void clearsHostBitsAndPrintsTheBlock() {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8").isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("fd00:ec2::254/16")).hasToString("fd00:0:0:0:0:0:0:0/16");
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void takesABareAddressAsABlockOfOne() {
        Cidr one = Cidr.parse("192.168.1.10");

        assertThat(one.prefix()).isEqualTo(32);
        assertThat(one.contains(ip("192.168.1.10"))).isTrue();
        assertThat(one.contains(ip("192.168.1.11"))).isFalse();
        assertThat(Cidr.parse("::1").prefix()).isEqualTo(128);
        assertThat(Cidr.parse("[::1]").contains(ip("::1"))).isTrue();
    }

    @Test
    void readsAnIpv4BlockWrittenInMappedIpv6Form() {
        Cidr block = Cidr.parse("::ffff:10.0.0.0/104");

        assertThat(block).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(block.contains(ip("10.200.0.1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost/8", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "fe80::/129",
            "300.0.0.0/8", "10.0.0/8"})
    void rejectsWhatIsNotABlockNamingIt(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
