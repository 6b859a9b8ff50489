package io.drydock.feeds.sync;

import io.drydock.feeds.FeedProperties;
import io.drydock.feeds.FeedProperties.Source;
import io.drydock.feeds.source.osv.FeedSourceException;
import io.drydock.feeds.source.osv.OsvDocument;
import io.drydock.feeds.source.osv.OsvFetcher;
import io.drydock.feeds.source.osv.OsvFetcher.Fetched;
import io.drydock.feeds.source.osv.RecordSet;
import io.drydock.feeds.sync.FeedRepository.GroupState;
import io.drydock.feeds.sync.FeedRepository.StoredRecord;
import io.drydock.feeds.sync.SourceRecords.Candidate;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Syncs the {@value #FEED} feed from the configured OSV sources (ADR 24). Per source: fetch (conditionally or
 * incrementally where the source allows), read and validate every record, then replace each group's changed records in
 * one transaction with its {@code feed-updated} in the outbox. A source that fails to download or holds one malformed
 * record fails all its groups and stores nothing; the previous data stays in use.
 */
@Service
public class FeedSyncService {

    /** The feed OSV records are synced into; its groups are the vulnerability namespaces. */
    public static final String FEED = "vulnerabilities";

    private static final Logger log = LoggerFactory.getLogger(FeedSyncService.class);

    private final FeedProperties properties;
    private final OsvFetcher fetcher;
    private final FeedRepository feeds;
    private final FeedLock locks;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final EventLog events;
    private final DSLContext dsl;
    private final JsonMapper json;
    private final Clock clock;

    public FeedSyncService(FeedProperties properties, OsvFetcher fetcher, FeedRepository feeds, FeedLock locks,
                           TransactionTemplate transactions, Outbox outbox, EventLog events, DSLContext dsl,
                           JsonMapper json, Clock clock) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.feeds = feeds;
        this.locks = locks;
        this.transactions = transactions;
        this.outbox = outbox;
        this.events = events;
        this.dsl = dsl;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Syncs now, waiting for a sync running elsewhere to finish first (at most {@code drydock.feeds.lock-wait}).
     *
     * @param flush rebuild every group from a full download, whatever is stored
     */
    public List<FeedSyncResult> sync(boolean flush) {
        if (properties.activeSources().isEmpty() && feeds.feedEnabled(FEED).isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        try (FeedLock.Held lock = locks.acquire(FEED, properties.lockWait())) {
            return List.of(run(flush));
        } catch (FeedLock.BusyException e) {
            log.warn("Sync of feed {} not started: {}", FEED, e.getMessage());
            return List.of(new FeedSyncResult(FEED, FeedSyncResult.FAILURE, seconds(started), List.of()));
        }
    }

    /** The scheduled sync: runs when the interval has passed since the last one and no other instance is syncing. */
    public Optional<FeedSyncResult> syncIfDue() {
        if (properties.activeSources().isEmpty()) {
            return Optional.empty();
        }
        Optional<FeedLock.Held> lock = locks.tryAcquire(FEED);
        if (lock.isEmpty()) {
            log.debug("Feed {} is being synced by another instance; skipping", FEED);
            return Optional.empty();
        }
        try (FeedLock.Held held = lock.get()) {
            Optional<Instant> last = feeds.lastSyncStart(FEED);
            if (last.isPresent() && last.get().plus(properties.syncInterval()).isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(run(false));
        }
    }

    /** Runs under the feed's lock. */
    FeedSyncResult run(boolean flush) {
        long started = System.nanoTime();
        Instant runStart = clock.instant();
        transactions.executeWithoutResult(status -> {
            feeds.ensureFeed(FEED, runStart);
            int abandoned = feeds.failAbandonedSyncs(FEED, runStart);
            if (abandoned > 0) {
                log.warn("{} sync attempts of feed {} were left running by a stopped instance; marked failed", abandoned, FEED);
            }
        });
        if (!feeds.feedEnabled(FEED).orElse(true)) {
            log.info("Feed {} is disabled; not syncing", FEED);
            return new FeedSyncResult(FEED, FeedSyncResult.SUCCESS, seconds(started), List.of());
        }
        List<FeedSyncResult.GroupResult> groups = new ArrayList<>();
        boolean allFull = true;
        for (Source source : properties.activeSources()) {
            SourceOutcome outcome = syncSource(source, flush, runStart);
            groups.addAll(outcome.groups());
            allFull &= outcome.full();
        }
        if (flush) {
            groups.addAll(flushUnsourcedGroups(runStart));
        }
        boolean success = groups.stream().allMatch(group -> FeedSyncResult.SUCCESS.equals(group.status()));
        boolean fullSync = allFull && success && !properties.activeSources().isEmpty();
        transactions.executeWithoutResult(status -> feeds.touchFeed(FEED, runStart, fullSync));
        FeedSyncResult result = new FeedSyncResult(FEED, success ? FeedSyncResult.SUCCESS : FeedSyncResult.FAILURE,
                seconds(started), List.copyOf(groups));
        log.info("Sync of feed {} finished: {} in {} s; {} groups, {} records changed", FEED, result.status(),
                String.format("%.1f", result.totalTimeSeconds()), groups.size(),
                groups.stream().mapToInt(FeedSyncResult.GroupResult::updatedRecordCount).sum());
        return result;
    }

    private record SourceOutcome(List<FeedSyncResult.GroupResult> groups, boolean full) {
    }

    private SourceOutcome syncSource(Source source, boolean flush, Instant runStart) {
        long started = System.nanoTime();
        List<GroupState> known = feeds.groupsOfEcosystem(FEED, source.ecosystem());
        List<GroupState> enabled = known.stream().filter(GroupState::enabled).toList();
        Set<String> disabled = new HashSet<>();
        known.stream().filter(group -> !group.enabled()).forEach(group -> disabled.add(group.name()));
        OsvFetcher.Previous previous = previous(flush, enabled);
        Fetched fetched;
        try {
            fetched = fetcher.fetch(source, previous);
        } catch (FeedSourceException e) {
            return new SourceOutcome(failSource(source, enabled, e.getMessage(), runStart, previous.full(), started), previous.full());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SourceOutcome(failSource(source, enabled, "interrupted", runStart, previous.full(), started), previous.full());
        }
        if (fetched instanceof OsvFetcher.NotModified) {
            List<FeedSyncResult.GroupResult> results = new ArrayList<>();
            for (GroupState group : enabled) {
                results.add(unchanged(group, runStart, started));
            }
            return new SourceOutcome(results, false);
        }
        Fetched.Records records = (Fetched.Records) fetched;
        try (RecordSet set = records.records()) {
            SourceRecords validated;
            try {
                validated = SourceRecords.validate(set, source.ecosystem(), json);
            } catch (FeedSourceException e) {
                return new SourceOutcome(failSource(source, enabled, e.getMessage(), runStart, records.full(), started), records.full());
            }
            Map<String, String> targets = new LinkedHashMap<>();
            enabled.forEach(group -> targets.put(group.name(), group.ecosystem()));
            validated.groups().values().stream().filter(group -> !disabled.contains(group.name()))
                    .forEach(group -> targets.put(group.name(), group.ecosystem()));
            List<FeedSyncResult.GroupResult> results = new ArrayList<>();
            for (Map.Entry<String, String> target : targets.entrySet()) {
                SourceRecords.Group group = validated.groups().get(target.getKey());
                Swap swap = new Swap(target.getKey(), target.getValue(), source.ecosystem(),
                        group == null ? Map.of() : group.records(), records.full() ? null : validated.ids(), set,
                        flush, records.etag(), records.lastModified());
                results.add(swap(swap, runStart, started));
            }
            return new SourceOutcome(results, records.full());
        }
    }

    /**
     * What the previous successful sync of a source's groups allows: incremental and conditional requests only when
     * every enabled group was synced by the same run (one failed, re-enabled or deleted group means a full read).
     */
    private static OsvFetcher.Previous previous(boolean flush, List<GroupState> enabled) {
        if (flush || enabled.isEmpty() || enabled.stream().anyMatch(group -> group.lastSync() == null || group.lastModified() == null)) {
            return new OsvFetcher.Previous(true, null, null, null);
        }
        Instant lastSync = enabled.getFirst().lastSync();
        if (enabled.stream().anyMatch(group -> !group.lastSync().equals(lastSync) || !"success".equals(group.lastAttemptStatus()))) {
            return new OsvFetcher.Previous(true, null, null, null);
        }
        Instant cursor = enabled.stream().map(GroupState::lastModified).max(Instant::compareTo).orElseThrow();
        String etag = enabled.getFirst().etag();
        String lastModified = enabled.getFirst().lastModifiedHeader();
        boolean sameValidators = enabled.stream().allMatch(group -> Objects.equals(group.etag(), etag)
                && Objects.equals(group.lastModifiedHeader(), lastModified));
        return sameValidators ? new OsvFetcher.Previous(false, cursor, etag, lastModified)
                : new OsvFetcher.Previous(false, cursor, null, null);
    }

    /**
     * One group's replacement.
     *
     * @param candidates the group's records in the source now
     * @param scope      for an incremental sync, the ids it fetched (a stored one no longer in the group leaves it);
     *                   null for a full sync (every stored record not in {@code candidates} leaves)
     * @param set        where the candidates' bytes are; null when there are none
     */
    private record Swap(String group, String ecosystem, String sourceEcosystem, Map<String, Candidate> candidates,
                        Set<String> scope, RecordSet set, boolean flush, String etag, String lastModified) {
    }

    private FeedSyncResult.GroupResult swap(Swap swap, Instant runStart, long started) {
        UUID syncId = Events.UuidV7.next(clock);
        transactions.executeWithoutResult(status -> {
            feeds.ensureGroup(FEED, swap.group(), swap.ecosystem(), runStart);
            feeds.startSync(syncId, FEED, swap.group(), runStart, swap.scope() == null);
        });
        GroupChanges changes;
        try {
            changes = transactions.execute(status -> replace(swap, syncId, runStart));
        } catch (RuntimeException e) {
            String error = "storing group " + swap.group() + " failed: " + (e.getCause() instanceof FeedSourceException source
                    ? source.getMessage() : e.getMessage());
            recordFailure(swap.group(), syncId, runStart, error, swap.sourceEcosystem());
            return new FeedSyncResult.GroupResult(swap.group(), FeedSyncResult.FAILURE, 0, 0, seconds(started));
        }
        int images = changes.total() > 0 ? updatedImages(syncId) : 0;
        if (changes.total() > 0) {
            log.info("Feed group {}/{} synced: {} added, {} updated, {} removed; {} images hold an affected package",
                    FEED, swap.group(), changes.added(), changes.updated(), changes.removed(), images);
        } else {
            log.info("Feed group {}/{} synced: no changes", FEED, swap.group());
        }
        return new FeedSyncResult.GroupResult(swap.group(), FeedSyncResult.SUCCESS, images, changes.total(), seconds(started));
    }

    private GroupChanges replace(Swap swap, UUID syncId, Instant runStart) {
        Map<String, StoredRecord> stored = feeds.storedRecords(FEED, swap.group());
        Map<String, Set<String>> storedKeys = feeds.storedKeys(FEED, swap.group());
        Set<String> keys = new TreeSet<>();
        List<String> rewrite = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int removed = 0;
        for (Map.Entry<String, Candidate> entry : swap.candidates().entrySet()) {
            Candidate candidate = entry.getValue();
            StoredRecord previous = stored.get(entry.getKey());
            boolean changed = previous == null || swap.flush() || !previous.modified().equals(candidate.modified())
                    || previous.withdrawn() != candidate.withdrawn();
            if (!changed) {
                continue;
            }
            rewrite.add(entry.getKey());
            boolean wasLive = previous != null && !previous.withdrawn();
            boolean live = !candidate.withdrawn();
            if (live && !wasLive) {
                added++;
            } else if (live) {
                updated++;
            } else if (wasLive) {
                removed++;
            } else {
                continue;
            }
            keys.addAll(storedKeys.getOrDefault(entry.getKey(), Set.of()));
            keys.addAll(candidate.keys());
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, StoredRecord> entry : stored.entrySet()) {
            boolean inScope = swap.scope() == null || swap.scope().contains(entry.getKey());
            if (inScope && !swap.candidates().containsKey(entry.getKey())) {
                gone.add(entry.getKey());
                if (!entry.getValue().withdrawn()) {
                    removed++;
                    keys.addAll(storedKeys.getOrDefault(entry.getKey(), Set.of()));
                }
            }
        }
        List<String> delete = new ArrayList<>(gone);
        delete.addAll(rewrite);
        feeds.deleteRecords(FEED, swap.group(), delete);
        FeedRepository.RecordWriter writer = feeds.writer(FEED, swap.group(), runStart);
        for (String id : rewrite) {
            Candidate candidate = swap.candidates().get(id);
            OsvDocument record;
            try {
                record = OsvDocument.parse(candidate.name(), swap.set().read(candidate.name()), json);
            } catch (FeedSourceException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            writer.add(record, SourceRecords.entriesOfGroup(record, swap.sourceEcosystem(), swap.group()));
        }
        writer.flush();
        GroupChanges changes = new GroupChanges(added, updated, removed, keys);
        feeds.finishSync(syncId, clock.instant(), changes);
        feeds.recordGroupSuccess(FEED, swap.group(), syncId, runStart, swap.etag(), swap.lastModified());
        if (changes.total() > 0) {
            outbox.append(Topics.FEED_UPDATED_TOPIC, FEED + "/" + swap.group(), new FeedUpdated(
                    Events.metadata(Topics.FEED_UPDATED_TOPIC, clock, null), syncId, FEED, swap.group(),
                    added, updated, removed));
        }
        return changes;
    }

    /** A 304: the group's data is current; the attempt is a success that changed nothing. */
    private FeedSyncResult.GroupResult unchanged(GroupState group, Instant runStart, long started) {
        UUID syncId = Events.UuidV7.next(clock);
        transactions.executeWithoutResult(status -> {
            feeds.startSync(syncId, FEED, group.name(), runStart, false);
            feeds.finishSync(syncId, clock.instant(), new GroupChanges(0, 0, 0, Set.of()));
            feeds.recordGroupSuccess(FEED, group.name(), syncId, runStart, group.etag(), group.lastModifiedHeader());
        });
        log.info("Feed group {}/{} synced: source not modified", FEED, group.name());
        return new FeedSyncResult.GroupResult(group.name(), FeedSyncResult.SUCCESS, 0, 0, seconds(started));
    }

    /**
     * The whole source failed: every enabled group of it records the failure and keeps its data. A source that never
     * synced has no groups yet; its failure is recorded under the source's ecosystem name.
     */
    private List<FeedSyncResult.GroupResult> failSource(Source source, List<GroupState> enabled, String error, Instant runStart,
                                                        boolean full, long started) {
        List<String> groups = enabled.isEmpty() ? List.of(source.ecosystem()) : enabled.stream().map(GroupState::name).toList();
        String message = "sync of " + source.ecosystem() + " from " + source.location() + " failed: " + error;
        List<FeedSyncResult.GroupResult> results = new ArrayList<>();
        for (String group : groups) {
            UUID syncId = Events.UuidV7.next(clock);
            transactions.executeWithoutResult(status -> feeds.startSync(syncId, FEED, group, runStart, full));
            recordFailure(group, syncId, runStart, message, source.ecosystem());
            results.add(new FeedSyncResult.GroupResult(group, FeedSyncResult.FAILURE, 0, 0, seconds(started)));
        }
        return results;
    }

    private void recordFailure(String group, UUID syncId, Instant runStart, String error, String sourceEcosystem) {
        log.error("Feed group {}/{} not synced; its previous data stays in use: {}", FEED, group, error);
        transactions.executeWithoutResult(status -> {
            feeds.failSync(syncId, clock.instant(), error);
            feeds.recordGroupFailure(FEED, group, runStart, error);
            events.append(EventLog.SYSTEM_ACCOUNT, "system.feeds.sync.group_failed", "error", error, "feed_group",
                    FEED + "/" + group, Map.of("feed", FEED, "group", group, "ecosystem", sourceEcosystem,
                            "sync_id", syncId.toString()));
        });
    }

    /** A flush empties enabled groups no configured source feeds any more: their data cannot be rebuilt. */
    private List<FeedSyncResult.GroupResult> flushUnsourcedGroups(Instant runStart) {
        long started = System.nanoTime();
        List<FeedSyncResult.GroupResult> results = new ArrayList<>();
        for (GroupState group : feeds.groups(FEED)) {
            boolean sourced = properties.activeSources().stream()
                    .anyMatch(source -> SourceRecords.belongs(group.ecosystem(), source.ecosystem()));
            if (group.enabled() && !sourced) {
                results.add(swap(new Swap(group.name(), group.ecosystem(), group.ecosystem(), Map.of(), null, null, true,
                        null, null), runStart, started));
            }
        }
        return results;
    }

    private int updatedImages(UUID syncId) {
        return dsl.fetchValue("""
                select count(distinct image_digest) from image_match_key
                where match_key in (select match_key from feed_sync_affected where sync_id = {0})""",
                org.jooq.impl.DSL.val(syncId)) instanceof Number count ? count.intValue() : 0;
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
