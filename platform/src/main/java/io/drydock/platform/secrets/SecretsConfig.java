package io.drydock.platform.secrets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cipher of secrets at rest. Every service gets one; a service without a key starts unless it needs secrets (those
 * that do call {@link SecretCipher#requireKey} at start).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsConfig {

    @Bean
    public SecretCipher secretCipher(SecretsProperties properties,
                                     @Value("${DRYDOCK_SECRET_KEY:}") String key,
                                     @Value("${DRYDOCK_SECRET_KEY_PREVIOUS:}") String previous) {
        return SecretKeys.load(properties, key, previous);
    }
}
