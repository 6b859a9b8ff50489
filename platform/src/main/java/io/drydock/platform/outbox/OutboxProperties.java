package io.drydock.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param enabled       run a relay in this process (one per database is active; the others stand by)
 * @param pollInterval  how often the active relay looks for rows nobody woke it for (other processes' commits)
 * @param standbyRetry  how often a standby relay tries to become the active one
 * @param batchSize     rows published per round trip
 * @param sendTimeout   how long a batch may wait for the broker's acknowledgements
 */
@ConfigurationProperties("drydock.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("2s") Duration standbyRetry,
        @DefaultValue("500") int batchSize,
        @DefaultValue("30s") Duration sendTimeout) {
}
