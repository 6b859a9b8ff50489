package io.drydock.platform.registry;

import static io.drydock.platform.registry.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0.0.0.0, UNSPECIFIED",
            "0.1.2.3, UNSPECIFIED",
            "::, UNSPECIFIED",
            "127.0.0.1, LOOPBACK",
            "127.255.0.9, LOOPBACK",
            "::1, LOOPBACK",
            "169.254.169.254, CLOUD_METADATA",
            "fd00:ec2::254, CLOUD_METADATA",
            "169.254.0.1, LINK_LOCAL",
            "169.254.255.255, LINK_LOCAL",
            "fe80::1, LINK_LOCAL",
            "febf::1, LINK_LOCAL",
            "10.0.0.1, PRIVATE",
            "10.255.255.255, PRIVATE",
            "172.16.0.1, PRIVATE",
            "172.31.255.254, PRIVATE",
            "192.168.0.1, PRIVATE",
            "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE",
            "fec0::1, PRIVATE",
            "100.64.0.1, SHARED",
            "100.127.255.254, SHARED",
            "224.0.0.1, MULTICAST",
            "239.255.255.250, MULTICAST",
            "ff02::1, MULTICAST",
            "255.255.255.255, BROADCAST",
            "240.0.0.1, RESERVED",
            // IPv4 addresses in IPv6 clothing are what they carry.
            "::ffff:10.0.0.1, PRIVATE",
            "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:169.254.169.254, CLOUD_METADATA",
            "::10.0.0.1, PRIVATE",
            "64:ff9b::a9fe:a9fe, CLOUD_METADATA",
            "64:ff9b::7f00:1, LOOPBACK",
            "2002:c0a8:101::1, PRIVATE",
    })
    void classifiesSpecialAddresses(String address, AddressClass expected) {
        assertThat(AddressClass.of(ip(address))).contains(expected);
        assertThat(AddressPolicy.PUBLIC_ONLY.refusal(ip(address))).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "172.15.255.255", "100.63.255.255", "100.128.0.0", "169.253.255.255",
            "192.169.0.1", "11.0.0.1", "223.255.255.255", "2001:4860:4860::8888", "2a00:1450:4001::200e", "fe7f::1",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddresses(String address) {
        assertThat(AddressClass.of(ip(address))).isEmpty();
        assertThat(AddressPolicy.PUBLIC_ONLY.refusal(ip(address))).isEmpty();
    }

    @Test
    void allowsTheNetworksItNames() {
        AddressPolicy policy = AddressPolicy.allowing("10.20.0.0/16", "127.0.0.1/32", "fd00:1::/32");

        assertThat(policy.refusal(ip("10.20.3.4"))).isEmpty();
        assertThat(policy.refusal(ip("::ffff:10.20.3.4"))).isEmpty();
        assertThat(policy.refusal(ip("64:ff9b::a14:304"))).as("10.20.3.4 through NAT64").isEmpty();
        assertThat(policy.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(ip("fd00:1::5"))).isEmpty();
        assertThat(policy.refusal(ip("10.21.0.1"))).contains(AddressClass.PRIVATE);
        assertThat(policy.refusal(ip("127.0.0.2"))).contains(AddressClass.LOOPBACK);
        assertThat(policy.refusal(ip("::1"))).contains(AddressClass.LOOPBACK);
        assertThat(policy.refusal(ip("fd00:2::5"))).contains(AddressClass.PRIVATE);
    }

    @Test
    void allowingPrivateNetworksLeavesLoopbackLinkLocalAndMetadataRefused() {
        AddressPolicy policy = new AddressPolicy(List.of(), true);

        for (String address : List.of("10.0.0.1", "172.16.5.5", "192.168.1.1", "fd12::1", "100.64.1.1", "::ffff:10.0.0.1")) {
            assertThat(policy.refusal(ip(address))).as(address).isEmpty();
        }
        assertThat(policy.refusal(ip("127.0.0.1"))).contains(AddressClass.LOOPBACK);
        assertThat(policy.refusal(ip("169.254.169.254"))).contains(AddressClass.CLOUD_METADATA);
        assertThat(policy.refusal(ip("fd00:ec2::254"))).as("inside fc00::/7, still refused").contains(AddressClass.CLOUD_METADATA);
        assertThat(policy.refusal(ip("fe80::1"))).contains(AddressClass.LINK_LOCAL);
        assertThat(policy.refusal(ip("0.0.0.0"))).contains(AddressClass.UNSPECIFIED);
        assertThat(policy.refusal(ip("224.0.0.1"))).contains(AddressClass.MULTICAST);
    }

    @Test
    void allowsTheMetadataServiceOnlyWhenNamed() {
        assertThat(AddressPolicy.allowing("169.254.0.0/16").refusal(ip("169.254.169.254"))).isEmpty();
        assertThat(AddressPolicy.allowing("fd00:ec2::254").refusal(ip("fd00:ec2::254"))).isEmpty();
    }
}
