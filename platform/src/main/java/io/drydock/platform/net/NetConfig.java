package io.drydock.platform.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy settings of outbound traffic, from {@code drydock.proxy.*} and the environment, logged once at start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
public class NetConfig {

    private static final Logger log = LoggerFactory.getLogger(NetConfig.class);

    @Bean
    public OutboundHttp outboundHttp(ProxyProperties properties) {
        ProxySettings settings = ProxySettings.resolve(System.getenv(), properties);
        log.info("Outbound HTTP to registries, feed sources, webhooks and an S3 object store: {}; internal service calls, PostgreSQL and Kafka: direct",
                settings.describe());
        return new OutboundHttp(settings);
    }
}
