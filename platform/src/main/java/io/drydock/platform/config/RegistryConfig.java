package io.drydock.platform.config;

import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.net.TlsContexts;
import io.drydock.platform.registry.AddressPolicy;
import io.drydock.platform.registry.Cidr;
import io.drydock.platform.registry.DockerConfigCredentials;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryClientSettings;
import io.drydock.platform.registry.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The registry client every service that talks to registries shares. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryConfig.RegistryProperties.class)
public class RegistryConfig {

    /**
     * @param insecureRegistries registries ({@code host:port}) reached over plain HTTP, e.g. a local development one
     * @param connectTimeout     TCP connect timeout
     * @param requestTimeout     timeout of each registry request (blob downloads are bounded per read instead)
     * @param dockerConfig       a Docker {@code config.json} whose {@code auths} hold registry credentials; unset means
     *                           none (registries are then pulled anonymously)
     * @param caFile             PEM bundle of CA certificates trusted for registries in addition to the JDK's own: a
     *                           private CA; unset means the JDK's trust alone. Verification is on either way unless a
     *                           registry's credentials say {@code registry_verify: false}
     * @param allowedNetworks    networks in CIDR notation ({@code 10.20.0.0/16}, {@code 127.0.0.1/32}) that
     *                           registries, their token services and blob stores may resolve to although they are not
     *                           public (ADR 11); by default none
     * @param allowPrivateNetworks allow the private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) and carrier-grade NAT
     *                           (100.64/10) as a whole; loopback, link-local and metadata addresses still need naming in
     *                           {@code allowedNetworks}
     * @param retry              retries of throttled, failing and broken requests
     */
    @ConfigurationProperties("drydock.registry")
    public record RegistryProperties(
            @DefaultValue Set<String> insecureRegistries,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration requestTimeout,
            Path dockerConfig,
            Path caFile,
            @DefaultValue List<String> allowedNetworks,
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue Retry retry) {
    }

    /**
     * See {@link RetryPolicy}; the defaults are {@link RetryPolicy#DEFAULTS}.
     *
     * @param maxAttempts       attempts per request, the first included
     * @param initialBackoff    first wait when the registry sends no {@code Retry-After}; doubled per failure
     * @param maxBackoff        cap on any one wait, a registry's {@code Retry-After} included
     * @param maxTotalWait      cap on the time one request may spend being retried
     * @param maxResumeAttempts resumptions of one blob download after its connection broke
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("60s") Duration maxTotalWait,
            @DefaultValue("3") int maxResumeAttempts) {

        RetryPolicy toPolicy() {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotalWait, maxResumeAttempts);
        }
    }

    @Bean
    public DockerConfigCredentials dockerConfigCredentials(RegistryProperties properties) {
        if (properties.dockerConfig() == null) {
            return DockerConfigCredentials.none();
        }
        DockerConfigCredentials credentials = DockerConfigCredentials.load(properties.dockerConfig());
        LoggerFactory.getLogger(RegistryConfig.class).info("Registry credentials for {} registries from {}",
                credentials.size(), properties.dockerConfig());
        return credentials;
    }

    @Bean(destroyMethod = "close")
    public RegistryClient registryClient(RegistryProperties properties, OutboundHttp outbound) {
        RegistryClientSettings settings = RegistryClientSettings.DEFAULTS
                .withInsecureRegistries(properties.insecureRegistries())
                .withTimeouts(properties.connectTimeout(), properties.requestTimeout())
                .withRetry(properties.retry().toPolicy())
                .withAddresses(addressPolicy(properties));
        if (properties.caFile() != null) {
            LoggerFactory.getLogger(RegistryConfig.class).info("Registry certificates are also trusted when issued by a CA "
                    + "in {}", properties.caFile());
        }
        return new RegistryClient(settings, outbound.registry().sslContext(TlsContexts.trusting(properties.caFile())));
    }

    /** A mistyped network fails the start, naming it, rather than silently allowing less (or more) than meant. */
    static AddressPolicy addressPolicy(RegistryProperties properties) {
        List<Cidr> networks = new ArrayList<>();
        for (String network : properties.allowedNetworks()) {
            try {
                networks.add(Cidr.parse(network));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("drydock.registry.allowed-networks: " + e.getMessage(), e);
            }
        }
        AddressPolicy policy = new AddressPolicy(networks, properties.allowPrivateNetworks());
        if (!networks.isEmpty() || policy.allowPrivateNetworks()) {
            LoggerFactory.getLogger(RegistryConfig.class).info("Registries may be reached at {}{}", networks,
                    policy.allowPrivateNetworks() ? " and private networks" : "");
        }
        return policy;
    }
}
