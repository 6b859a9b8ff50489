package io.drydock.feeds;

import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.schemas.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * feed-worker: syncs vulnerability feeds and announces each group sync on {@code feed-updated}. It starts, checks
 * its topic and the schema, and joins the service registry; no feed source is configured by default, so it syncs
 * nothing (never invented data) until one is.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.feeds")
public class FeedWorkerConfig {

    @Bean
    RequiredTopics feedTopics() {
        return new RequiredTopics("feed-worker", List.of(Topics.FEED_UPDATED));
    }
}
