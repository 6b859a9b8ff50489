package io.drydock.platform.config;

import io.drydock.platform.registry.DockerConfigCredentials;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryClientSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
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
     */
    @ConfigurationProperties("drydock.registry")
    public record RegistryProperties(
            @DefaultValue Set<String> insecureRegistries,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration requestTimeout,
            Path dockerConfig) {
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
    public RegistryClient registryClient(RegistryProperties properties) {
        RegistryClientSettings settings = new RegistryClientSettings(properties.insecureRegistries(),
                properties.connectTimeout(), properties.requestTimeout());
        return new RegistryClient(settings, HttpClient.newBuilder());
    }
}
