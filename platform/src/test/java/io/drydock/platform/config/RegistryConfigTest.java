package io.drydock.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.drydock.platform.registry.AddressClass;
import io.drydock.platform.registry.AddressPolicy;
import io.drydock.platform.registry.RegistryClient;

class RegistryConfigTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RegistryConfig.class, io.drydock.platform.net.NetConfig.class)
            .withPropertyValues("drydock.proxy.https=", "drydock.proxy.http=");

    @Test
    void refusesEveryNonPublicAddressByDefault() {
        context.run(started -> {
            RegistryConfig.RegistryProperties properties = started.getBean(RegistryConfig.RegistryProperties.class);
            AddressPolicy policy = RegistryConfig.addressPolicy(properties);

            assertThat(policy).isEqualTo(AddressPolicy.PUBLIC_ONLY);
            assertThat(properties.retry().toPolicy().maxAttempts()).isEqualTo(5);
            assertThat(properties.retry().toPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
            assertThat(started).hasSingleBean(RegistryClient.class);
        });
    }

    @Test
    void bindsAllowedNetworksThePrivateSwitchAndRetries() {
        context.withPropertyValues("drydock.registry.allowed-networks=127.0.0.0/8, ::1/128",
                        "drydock.registry.allow-private-networks=true",
                        "drydock.registry.retry.max-attempts=2", "drydock.registry.retry.max-total-wait=5s")
                .run(started -> {
                    RegistryConfig.RegistryProperties properties = started.getBean(RegistryConfig.RegistryProperties.class);
                    AddressPolicy policy = RegistryConfig.addressPolicy(properties);

                    assertThat(policy.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
                    assertThat(policy.refusal(InetAddress.getByName("::1"))).isEmpty();
                    assertThat(policy.refusal(InetAddress.getByName("10.1.1.1"))).isEmpty();
                    assertThat(policy.refusal(InetAddress.getByName("169.254.169.254"))).contains(AddressClass.CLOUD_METADATA);
                    assertThat(properties.retry().toPolicy().maxAttempts()).isEqualTo(2);
                    assertThat(properties.retry().toPolicy().maxTotalWait()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.retry().toPolicy().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void failsToStartOnANetworkItCannotRead() {
        context.withPropertyValues("drydock.registry.allowed-networks=10.0.0.0/8,intranet")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("drydock.registry.allowed-networks: 'intranet' is not a network"));
    }
}
