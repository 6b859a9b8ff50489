package io.drydock.feeds;

import io.drydock.feeds.source.osv.OsvFetcher;
import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.schemas.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.util.List;

/**
 * feed-worker: syncs the OSV sources configured under {@code drydock.feeds.sources} into the {@code vulnerabilities}
 * feed and announces each group change on {@code feed-updated}. No source is configured by default, so it syncs
 * nothing (never invented data) until one is.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.feeds")
@EnableConfigurationProperties(FeedProperties.class)
public class FeedWorkerConfig {

    private static final Logger log = LoggerFactory.getLogger(FeedWorkerConfig.class);

    @Bean
    RequiredTopics feedTopics() {
        return new RequiredTopics("feed-worker", List.of(Topics.FEED_UPDATED));
    }

    @Bean
    OsvFetcher osvFetcher(OutboundHttp outbound, FeedProperties properties) {
        if (properties.activeSources().isEmpty()) {
            log.info("No vulnerability feed source configured (drydock.feeds.sources); nothing will be synced");
        } else {
            properties.activeSources().forEach(source ->
                    log.info("Vulnerability feed source: {} from {}", source.ecosystem(), source.location()));
        }
        HttpClient http = outbound.feeds()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new OsvFetcher(http, properties);
    }
}
