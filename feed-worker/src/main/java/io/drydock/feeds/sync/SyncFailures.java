package io.drydock.feeds.sync;

import io.drydock.platform.events.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How every feed sync records a group it could not sync: the attempt failed with its reason, the group's last
 * attempt says so, and a {@code system.feeds.sync.group_failed} event reaches the event log — in one transaction of its
 * own, after the data transaction rolled back, so the previous data stays in use.
 */
public final class SyncFailures {

    private static final Logger log = LoggerFactory.getLogger(SyncFailures.class);

    private final FeedRepository feeds;
    private final TransactionTemplate transactions;
    private final EventLog events;
    private final Clock clock;

    public SyncFailures(FeedRepository feeds, TransactionTemplate transactions, EventLog events, Clock clock) {
        this.feeds = feeds;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** @param details extra event details (e.g. the source's ecosystem); feed, group and sync id are always there */
    public void record(String feed, String group, UUID syncId, Instant runStart, String error,
                       Map<String, String> details) {
        log.error("Feed group {}/{} not synced; its previous data stays in use: {}", feed, group, error);
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("feed", feed);
        detail.put("group", group);
        detail.putAll(details);
        detail.put("sync_id", syncId.toString());
        transactions.executeWithoutResult(status -> {
            feeds.failSync(syncId, clock.instant(), error);
            feeds.recordGroupFailure(feed, group, runStart, error);
            events.append(EventLog.SYSTEM_ACCOUNT, "system.feeds.sync.group_failed", "error", error, "feed_group",
                    feed + "/" + group, detail);
        });
    }

    /** Seconds since {@code startedNanos} ({@link System#nanoTime()}), to the millisecond, as sync results report. */
    public static double secondsSince(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
