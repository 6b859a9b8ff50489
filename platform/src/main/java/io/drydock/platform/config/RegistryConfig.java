package io.drydock.platform.config;

import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.net.TlsContexts;
import io.drydock.platform.registry.DockerConfigCredentials;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryClientSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
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
     */
    @ConfigurationProperties("drydock.registry")
    public record RegistryProperties(
            @DefaultValue Set<String> insecureRegistries,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration requestTimeout,
            Path dockerConfig,
            Path caFile) {
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
        RegistryClientSettings settings = new RegistryClientSettings(properties.insecureRegistries(),
                properties.connectTimeout(), properties.requestTimeout());
        if (properties.caFile() != null) {
            LoggerFactory.getLogger(RegistryConfig.class).info("Registry certificates are also trusted when issued by a CA "
                    + "in {}", properties.caFile());
        }
        return new RegistryClient(settings, outbound.registry().sslContext(TlsContexts.trusting(properties.caFile())));
    }
}
