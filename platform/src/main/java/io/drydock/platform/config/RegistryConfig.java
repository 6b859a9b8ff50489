package io.drydock.platform.config;

import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryClientSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
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
     */
    @ConfigurationProperties("drydock.registry")
    public record RegistryProperties(
            @DefaultValue Set<String> insecureRegistries,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("60s") Duration requestTimeout) {
    }

    @Bean(destroyMethod = "close")
    public RegistryClient registryClient(RegistryProperties properties) {
        RegistryClientSettings settings = new RegistryClientSettings(properties.insecureRegistries(),
                properties.connectTimeout(), properties.requestTimeout());
        return new RegistryClient(settings, HttpClient.newBuilder());
    }
}
