package io.drydock.feeds.enrichment;

import io.drydock.feeds.FeedProperties;
import io.drydock.feeds.source.nvd.NvdApiClient;
import io.drydock.feeds.sync.FeedLock;
import io.drydock.feeds.sync.FeedRepository;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.outbox.Outbox;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;

/** The enrichment feeds' sync and its schedule (the same interval and checks as the OSV feed's). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrichmentProperties.class)
public class EnrichmentConfig {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentConfig.class);

    @Bean
    EnrichmentSyncService enrichmentSyncService(EnrichmentProperties properties, FeedProperties feedProperties,
                                                FeedRepository feeds, FeedLock locks, TransactionTemplate transactions,
                                                Outbox outbox, EventLog events, DSLContext dsl, JsonMapper json,
                                                Clock clock, OutboundHttp outbound) {
        HttpClient http = outbound.feeds()
                .connectTimeout(feedProperties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        EnrichmentSyncService service = new EnrichmentSyncService(properties, feedProperties, feeds, locks,
                transactions, outbox, events, dsl, json, clock, http, NvdApiClient.Pacer.SLEEP);
        if (service.configuredFeeds().isEmpty()) {
            log.info("No enrichment source configured (drydock.feeds.enrichment: nvd, kev, epss)");
        } else {
            log.info("Enrichment feeds configured: {}", service.configuredFeeds());
        }
        return service;
    }

    @Bean
    EnrichmentScheduler enrichmentScheduler(EnrichmentSyncService service, FeedProperties properties) {
        return new EnrichmentScheduler(service, properties);
    }

    /** Any instance may run it; the one that takes a feed's lock syncs that feed. */
    static final class EnrichmentScheduler {
        private final EnrichmentSyncService service;
        private final FeedProperties properties;

        EnrichmentScheduler(EnrichmentSyncService service, FeedProperties properties) {
            this.service = service;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${drydock.feeds.check-interval:5m}",
                initialDelayString = "${drydock.feeds.initial-delay:30s}")
        public void check() {
            if (properties.enabled()) {
                service.syncDue();
            }
        }
    }
}
