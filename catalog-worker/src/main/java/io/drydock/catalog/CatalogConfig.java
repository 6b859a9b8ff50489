package io.drydock.catalog;

import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.schemas.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** catalog-worker: the reconciler that keeps images moving, and the purge of deleted images. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.catalog")
public class CatalogConfig {

    @Bean
    RequiredTopics catalogTopics() {
        return new RequiredTopics("catalog-worker", List.of(Topics.IMAGE_ADDED, Topics.ANALYSIS_COMPLETE));
    }
}
