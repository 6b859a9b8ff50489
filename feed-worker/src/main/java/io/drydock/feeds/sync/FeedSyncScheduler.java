package io.drydock.feeds.sync;

import io.drydock.feeds.FeedProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Any instance may run the scheduled sync: each checks every {@code drydock.feeds.check-interval} whether
 * {@code sync-interval} has passed since the feed's last sync started, and the one that takes the feed's lock runs it.
 */
@Component
public class FeedSyncScheduler {

    private final FeedSyncService syncs;
    private final FeedProperties properties;

    public FeedSyncScheduler(FeedSyncService syncs, FeedProperties properties) {
        this.syncs = syncs;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${drydock.feeds.check-interval:5m}", initialDelayString = "${drydock.feeds.initial-delay:30s}")
    public void check() {
        if (properties.enabled()) {
            syncs.syncIfDue();
        }
    }
}
