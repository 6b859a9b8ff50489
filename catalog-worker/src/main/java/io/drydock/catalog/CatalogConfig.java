package io.drydock.catalog;

import io.drydock.catalog.retention.RetentionProperties;
import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.schemas.events.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** catalog-worker: the reconciler that keeps images moving, the purge of deleted images, and retention. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.catalog")
@EnableConfigurationProperties(RetentionProperties.class)
public class CatalogConfig {

    @Bean
    RequiredTopics catalogTopics() {
        return new RequiredTopics("catalog-worker", List.of(Topics.IMAGE_ADDED, Topics.ANALYSIS_COMPLETE));
    }
}
