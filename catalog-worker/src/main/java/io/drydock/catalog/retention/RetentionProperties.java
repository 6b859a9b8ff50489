package io.drydock.catalog.retention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long history is kept ({@code drydock.retention.*}); the purge runs every {@code interval}.
 *
 * @param events             entries of the events log
 * @param webhookDeliveries  finished (delivered or failed) webhook deliveries
 * @param processedEvents    processed-event ledger rows; must exceed how long Kafka can redeliver (topic retention)
 * @param evaluationHistory  superseded evaluations (the latest of each key is always kept)
 * @param unreferencedAnalyses analyses of digests no image record references any more
 * @param layerFindings      per-layer cache entries not used by an analysis for this long (findings of older analyzer
 *                           versions are never used again, so this is also how they go)
 */
@ConfigurationProperties("drydock.retention")
public record RetentionProperties(
        @DefaultValue("1h") Duration interval,
        @DefaultValue("90d") Duration events,
        @DefaultValue("30d") Duration webhookDeliveries,
        @DefaultValue("14d") Duration processedEvents,
        @DefaultValue("365d") Duration evaluationHistory,
        @DefaultValue("7d") Duration unreferencedAnalyses,
        @DefaultValue("30d") Duration layerFindings) {
}
