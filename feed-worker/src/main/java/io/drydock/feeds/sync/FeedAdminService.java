package io.drydock.feeds.sync;

import io.drydock.feeds.FeedProperties;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static io.drydock.schemas.db.Tables.VULNERABILITY_PACKAGE;

/**
 * Feed metadata, enabling and disabling feeds and groups (disabled ones are skipped by syncs and keep their data), and
 * deleting them (data and metadata; a configured source re-creates them on its next sync). Deletes wait for a running
 * sync and announce the removed records on {@code feed-updated}, so the images that matched them are re-matched.
 */
@Service
public class FeedAdminService {

    private static final Logger log = LoggerFactory.getLogger(FeedAdminService.class);

    private final DSLContext dsl;
    private final FeedRepository feeds;
    private final FeedLock locks;
    private final FeedProperties properties;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final Clock clock;

    public FeedAdminService(DSLContext dsl, FeedRepository feeds, FeedLock locks, FeedProperties properties,
                            TransactionTemplate transactions, Outbox outbox, Clock clock) {
        this.dsl = dsl;
        this.feeds = feeds;
        this.locks = locks;
        this.properties = properties;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    public List<FeedMetadata> list() {
        return dsl.selectFrom(FEED).orderBy(FEED.NAME).fetch().stream().map(this::metadata).toList();
    }

    public Optional<FeedMetadata> feed(String name) {
        return dsl.selectFrom(FEED).where(FEED.NAME.eq(name)).fetchOptional().map(this::metadata);
    }

    public Optional<FeedMetadata> setFeedEnabled(String name, boolean enabled) {
        int updated = dsl.update(FEED).set(FEED.ENABLED, enabled).set(FEED.UPDATED_AT, utc(clock.instant()))
                .where(FEED.NAME.eq(name)).execute();
        if (updated == 0) {
            return Optional.empty();
        }
        log.info("Feed {} {}", name, enabled ? "enabled" : "disabled; syncs skip it, its data stays");
        return feed(name);
    }

    /** The feed list after the change, as the API answers. */
    public Optional<List<FeedMetadata>> setGroupEnabled(String feed, String group, boolean enabled) {
        int updated = dsl.update(FEED_GROUP).set(FEED_GROUP.ENABLED, enabled).set(FEED_GROUP.UPDATED_AT, utc(clock.instant()))
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).execute();
        if (updated == 0) {
            return Optional.empty();
        }
        log.info("Feed group {}/{} {}", feed, group, enabled ? "enabled" : "disabled; syncs skip it, its data stays");
        return Optional.of(list());
    }

    /** @return false when the feed is unknown */
    public boolean deleteFeed(String feed) throws FeedLock.BusyException {
        try (FeedLock.Held lock = locks.acquire(feed, properties.lockWait())) {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (feeds.feedEnabled(feed).isEmpty()) {
                    return false;
                }
                for (FeedRepository.GroupState group : feeds.groups(feed)) {
                    announceRemoval(feed, group.name());
                }
                dsl.deleteFrom(FEED).where(FEED.NAME.eq(feed)).execute();
                log.info("Feed {} deleted with its data", feed);
                return true;
            }));
        }
    }

    /** @return false when the group is unknown */
    public boolean deleteGroup(String feed, String group) throws FeedLock.BusyException {
        try (FeedLock.Held lock = locks.acquire(feed, properties.lockWait())) {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Optional<FeedRepository.GroupState> state = feeds.group(feed, group);
                if (state.isEmpty()) {
                    return false;
                }
                announceRemoval(feed, group);
                dsl.deleteFrom(FEED_GROUP).where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).execute();
                // The group's records would not come back through an incremental sync of its source (they are not
                // modified), so the source's other groups forget their cursor: its next sync reads everything.
                List<String> siblings = feeds.groups(feed).stream()
                        .filter(other -> SourceRecords.belongs(other.ecosystem(), sourceEcosystemOf(state.get().ecosystem())))
                        .map(FeedRepository.GroupState::name).toList();
                feeds.forgetCursor(feed, siblings);
                log.info("Feed group {}/{} deleted with its data", feed, group);
                return true;
            }));
        }
    }

    /** {@code Debian:12} → {@code Debian}; a language ecosystem is its own source. */
    private static String sourceEcosystemOf(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }

    /** Records the removal of a group's live records as a sync and announces it, in the caller's transaction. */
    private void announceRemoval(String feed, String group) {
        int live = dsl.fetchCount(VULNERABILITY, VULNERABILITY.FEED.eq(feed), VULNERABILITY.GROUP_NAME.eq(group),
                VULNERABILITY.WITHDRAWN.isNull());
        if (live == 0) {
            return;
        }
        Set<String> keys = new TreeSet<>(dsl.selectDistinct(VULNERABILITY_PACKAGE.MATCH_KEY).from(VULNERABILITY_PACKAGE)
                .where(VULNERABILITY_PACKAGE.FEED.eq(feed), VULNERABILITY_PACKAGE.GROUP_NAME.eq(group))
                .fetch(VULNERABILITY_PACKAGE.MATCH_KEY));
        Instant now = clock.instant();
        UUID syncId = Events.UuidV7.next(clock);
        feeds.startSync(syncId, feed, group, now, true);
        feeds.finishSync(syncId, now, new GroupChanges(0, 0, live, keys));
        outbox.append(Topics.FEED_UPDATED_TOPIC, feed + "/" + group, new FeedUpdated(
                Events.metadata(Topics.FEED_UPDATED_TOPIC, clock, null), syncId, feed, group, 0, 0, live));
    }

    private FeedMetadata metadata(Record feed) {
        String name = feed.get(FEED.NAME);
        List<FeedMetadata.Group> groups = dsl.selectFrom(FEED_GROUP).where(FEED_GROUP.FEED.eq(name)).orderBy(FEED_GROUP.NAME)
                .fetch(group -> new FeedMetadata.Group(group.get(FEED_GROUP.NAME), iso(group.get(FEED_GROUP.CREATED_AT)),
                        iso(group.get(FEED_GROUP.LAST_SYNC)), group.get(FEED_GROUP.RECORD_COUNT), group.get(FEED_GROUP.ENABLED)));
        return new FeedMetadata(name, iso(feed.get(FEED.CREATED_AT)), iso(feed.get(FEED.UPDATED_AT)),
                iso(feed.get(FEED.LAST_FULL_SYNC)), feed.get(FEED.ENABLED), groups);
    }

    static String iso(OffsetDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }
}
