package io.drydock.notifier;

import io.drydock.notifier.webhook.WebhookProperties;
import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.schemas.events.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** notifier: turns evaluation changes into Anchore webhook notifications and delivers them with retries. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.notifier")
@EnableConfigurationProperties(WebhookProperties.class)
public class NotifierConfig {

    @Bean
    RequiredTopics notifierTopics() {
        return new RequiredTopics("notifier", List.of(Topics.EVALUATION_CHANGED));
    }
}
