package io.drydock.feeds.sync;

import io.drydock.feeds.source.osv.OsvDocument;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.FEED_SYNC;
import static io.drydock.schemas.db.Tables.FEED_SYNC_AFFECTED;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static io.drydock.schemas.db.Tables.VULNERABILITY_FIX_OBSERVATION;
import static io.drydock.schemas.db.Tables.VULNERABILITY_PACKAGE;

/** Feed and group sync state and the vulnerability records of each group. Transactions live on the callers. */
@Repository
public class FeedRepository {

    private static final int BATCH = 500;

    private final DSLContext dsl;

    public FeedRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A group as the sync sees it. */
    public record GroupState(String feed, String name, String ecosystem, boolean enabled, Instant lastSync,
                             Instant lastModified, String etag, String lastModifiedHeader, String lastAttemptStatus) {
    }

    /** A stored record's version: what decides whether a sync rewrites it. */
    public record StoredRecord(Instant modified, boolean withdrawn) {
    }

    public void ensureFeed(String feed, Instant now) {
        dsl.insertInto(FEED)
                .set(FEED.NAME, feed).set(FEED.ENABLED, true)
                .set(FEED.CREATED_AT, utc(now)).set(FEED.UPDATED_AT, utc(now))
                .onConflictDoNothing()
                .execute();
    }

    public Optional<Boolean> feedEnabled(String feed) {
        return dsl.select(FEED.ENABLED).from(FEED).where(FEED.NAME.eq(feed)).fetchOptional(FEED.ENABLED);
    }

    /** The groups holding records of an OSV ecosystem ({@code Debian} → {@code Debian:11}, {@code Debian:12}, …). */
    public List<GroupState> groupsOfEcosystem(String feed, String ecosystem) {
        return dsl.selectFrom(FEED_GROUP)
                .where(FEED_GROUP.FEED.eq(feed))
                .and(FEED_GROUP.ECOSYSTEM.eq(ecosystem).or(FEED_GROUP.ECOSYSTEM.startsWith(ecosystem + ":")))
                .orderBy(FEED_GROUP.NAME)
                .fetch(FeedRepository::toGroup);
    }

    public List<GroupState> groups(String feed) {
        return dsl.selectFrom(FEED_GROUP).where(FEED_GROUP.FEED.eq(feed)).orderBy(FEED_GROUP.NAME).fetch(FeedRepository::toGroup);
    }

    public Optional<GroupState> group(String feed, String group) {
        return dsl.selectFrom(FEED_GROUP).where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group))
                .fetchOptional(FeedRepository::toGroup);
    }

    private static GroupState toGroup(Record row) {
        return new GroupState(row.get(FEED_GROUP.FEED), row.get(FEED_GROUP.NAME), row.get(FEED_GROUP.ECOSYSTEM),
                row.get(FEED_GROUP.ENABLED), instant(row.get(FEED_GROUP.LAST_SYNC)), instant(row.get(FEED_GROUP.LAST_MODIFIED)),
                row.get(FEED_GROUP.SOURCE_ETAG), row.get(FEED_GROUP.SOURCE_LAST_MODIFIED), row.get(FEED_GROUP.LAST_ATTEMPT_STATUS));
    }

    public void ensureGroup(String feed, String group, String ecosystem, Instant now) {
        dsl.insertInto(FEED_GROUP)
                .set(FEED_GROUP.FEED, feed).set(FEED_GROUP.NAME, group).set(FEED_GROUP.ECOSYSTEM, ecosystem)
                .set(FEED_GROUP.ENABLED, true).set(FEED_GROUP.CREATED_AT, utc(now)).set(FEED_GROUP.UPDATED_AT, utc(now))
                .onConflictDoNothing()
                .execute();
    }

    /** Starts the record of one attempt (committed on its own, so a crash leaves a trace). */
    public void startSync(UUID id, String feed, String group, Instant startedAt, boolean full) {
        dsl.insertInto(FEED_SYNC)
                .set(FEED_SYNC.ID, id).set(FEED_SYNC.FEED, feed).set(FEED_SYNC.GROUP_NAME, group)
                .set(FEED_SYNC.STARTED_AT, utc(startedAt)).set(FEED_SYNC.STATUS, "running").set(FEED_SYNC.FULL_SYNC, full)
                .execute();
    }

    public void finishSync(UUID id, Instant finishedAt, GroupChanges changes) {
        dsl.update(FEED_SYNC)
                .set(FEED_SYNC.STATUS, "success").set(FEED_SYNC.FINISHED_AT, utc(finishedAt))
                .set(FEED_SYNC.RECORDS_ADDED, changes.added()).set(FEED_SYNC.RECORDS_UPDATED, changes.updated())
                .set(FEED_SYNC.RECORDS_REMOVED, changes.removed())
                .where(FEED_SYNC.ID.eq(id))
                .execute();
        insertAffected(id, changes.affectedKeys());
    }

    public void failSync(UUID id, Instant finishedAt, String error) {
        dsl.update(FEED_SYNC)
                .set(FEED_SYNC.STATUS, "failure").set(FEED_SYNC.FINISHED_AT, utc(finishedAt)).set(FEED_SYNC.ERROR, error)
                .where(FEED_SYNC.ID.eq(id))
                .execute();
    }

    /** Attempts left running by an instance that died mid-sync; called by the holder of the feed's lock. */
    public int failAbandonedSyncs(String feed, Instant now) {
        return dsl.update(FEED_SYNC)
                .set(FEED_SYNC.STATUS, "failure").set(FEED_SYNC.FINISHED_AT, utc(now))
                .set(FEED_SYNC.ERROR, "abandoned: the instance running this sync stopped before it finished")
                .where(FEED_SYNC.FEED.eq(feed), FEED_SYNC.STATUS.eq("running"))
                .execute();
    }

    public Optional<Instant> lastSyncStart(String feed) {
        return Optional.ofNullable(instant(dsl.select(DSL.max(FEED_SYNC.STARTED_AT)).from(FEED_SYNC)
                .where(FEED_SYNC.FEED.eq(feed)).fetchOne(0, OffsetDateTime.class)));
    }

    private void insertAffected(UUID syncId, Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += BATCH) {
            var insert = dsl.insertInto(FEED_SYNC_AFFECTED, FEED_SYNC_AFFECTED.SYNC_ID, FEED_SYNC_AFFECTED.MATCH_KEY);
            for (String key : all.subList(from, Math.min(all.size(), from + BATCH))) {
                insert = insert.values(syncId, key);
            }
            insert.onConflictDoNothing().execute();
        }
    }

    public void recordGroupFailure(String feed, String group, Instant attemptAt, String error) {
        dsl.update(FEED_GROUP)
                .set(FEED_GROUP.LAST_ATTEMPT_AT, utc(attemptAt)).set(FEED_GROUP.LAST_ATTEMPT_STATUS, "failure")
                .set(FEED_GROUP.LAST_ERROR, error)
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group))
                .execute();
    }

    /** After a successful attempt: the group's counts, cursor and validators. */
    public void recordGroupSuccess(String feed, String group, UUID syncId, Instant startedAt, String etag, String lastModified) {
        var stored = dsl.select(DSL.count(), DSL.max(VULNERABILITY.MODIFIED)).from(VULNERABILITY)
                .where(VULNERABILITY.FEED.eq(feed), VULNERABILITY.GROUP_NAME.eq(group)).fetchOne();
        dsl.update(FEED_GROUP)
                .set(FEED_GROUP.LAST_SYNC, utc(startedAt)).set(FEED_GROUP.LAST_SYNC_ID, syncId)
                .set(FEED_GROUP.LAST_ATTEMPT_AT, utc(startedAt)).set(FEED_GROUP.LAST_ATTEMPT_STATUS, "success")
                .setNull(FEED_GROUP.LAST_ERROR)
                .set(FEED_GROUP.RECORD_COUNT, stored.value1())
                .set(FEED_GROUP.LAST_MODIFIED, DSL.coalesce(DSL.val(stored.value2()), FEED_GROUP.LAST_MODIFIED))
                .set(FEED_GROUP.SOURCE_ETAG, etag).set(FEED_GROUP.SOURCE_LAST_MODIFIED, lastModified)
                .set(FEED_GROUP.UPDATED_AT, utc(startedAt))
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group))
                .execute();
    }

    /** Forgets the incremental cursor of groups, so that the next sync of their source reads everything. */
    public void forgetCursor(String feed, Collection<String> groups) {
        dsl.update(FEED_GROUP).setNull(FEED_GROUP.LAST_MODIFIED).setNull(FEED_GROUP.SOURCE_ETAG)
                .setNull(FEED_GROUP.SOURCE_LAST_MODIFIED)
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.in(groups))
                .execute();
    }

    public void touchFeed(String feed, Instant now, boolean fullSync) {
        var update = dsl.update(FEED).set(FEED.UPDATED_AT, utc(now));
        if (fullSync) {
            update = update.set(FEED.LAST_FULL_SYNC, utc(now));
        }
        update.where(FEED.NAME.eq(feed)).execute();
    }

    /** The stored records of a group, by id. */
    public Map<String, StoredRecord> storedRecords(String feed, String group) {
        Map<String, StoredRecord> stored = new HashMap<>();
        dsl.select(VULNERABILITY.ID, VULNERABILITY.MODIFIED, VULNERABILITY.WITHDRAWN).from(VULNERABILITY)
                .where(VULNERABILITY.FEED.eq(feed), VULNERABILITY.GROUP_NAME.eq(group))
                .forEach(row -> stored.put(row.value1(), new StoredRecord(instant(row.value2()), row.value3() != null)));
        return stored;
    }

    /** The matching keys of a group's stored records, by record id. */
    public Map<String, Set<String>> storedKeys(String feed, String group) {
        Map<String, Set<String>> keys = new HashMap<>();
        dsl.select(VULNERABILITY_PACKAGE.VULN_ID, VULNERABILITY_PACKAGE.MATCH_KEY).from(VULNERABILITY_PACKAGE)
                .where(VULNERABILITY_PACKAGE.FEED.eq(feed), VULNERABILITY_PACKAGE.GROUP_NAME.eq(group))
                .forEach(row -> keys.computeIfAbsent(row.value1(), id -> new HashSet<>()).add(row.value2()));
        return keys;
    }

    /** Removes records of a group (their packages go with them); fix observations stay. */
    public void deleteRecords(String feed, String group, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += BATCH) {
            dsl.deleteFrom(VULNERABILITY)
                    .where(VULNERABILITY.FEED.eq(feed), VULNERABILITY.GROUP_NAME.eq(group),
                            VULNERABILITY.ID.in(all.subList(from, Math.min(all.size(), from + BATCH))))
                    .execute();
        }
    }

    /**
     * Stores records for a group in multi-row inserts, {@value #BATCH} records at a time; a live record's fix versions
     * are observed at {@code observedAt} unless they were observed before. Call {@link RecordWriter#flush()} last.
     */
    public RecordWriter writer(String feed, String group, Instant observedAt) {
        return new RecordWriter(feed, group, observedAt);
    }

    public final class RecordWriter {
        private final String feed;
        private final String group;
        private final OffsetDateTime observedAt;
        private final List<OsvDocument> records = new ArrayList<>();
        private final List<List<OsvDocument.Affected>> entries = new ArrayList<>();

        private RecordWriter(String feed, String group, Instant observedAt) {
            this.feed = feed;
            this.group = group;
            this.observedAt = utc(observedAt);
        }

        /** @param groupEntries the record's affected entries this group indexes */
        public void add(OsvDocument record, List<OsvDocument.Affected> groupEntries) {
            records.add(record);
            entries.add(groupEntries);
            if (records.size() >= BATCH) {
                flush();
            }
        }

        public void flush() {
            if (records.isEmpty()) {
                return;
            }
            var vulnerabilities = dsl.insertInto(VULNERABILITY, VULNERABILITY.FEED, VULNERABILITY.GROUP_NAME, VULNERABILITY.ID,
                    VULNERABILITY.MODIFIED, VULNERABILITY.PUBLISHED, VULNERABILITY.WITHDRAWN, VULNERABILITY.ALIASES,
                    VULNERABILITY.SUMMARY, VULNERABILITY.RECORD);
            var packages = dsl.insertInto(VULNERABILITY_PACKAGE, VULNERABILITY_PACKAGE.FEED, VULNERABILITY_PACKAGE.GROUP_NAME,
                    VULNERABILITY_PACKAGE.VULN_ID, VULNERABILITY_PACKAGE.ORDINAL, VULNERABILITY_PACKAGE.MATCH_KEY,
                    VULNERABILITY_PACKAGE.ECOSYSTEM, VULNERABILITY_PACKAGE.PACKAGE_NAME, VULNERABILITY_PACKAGE.AFFECTED);
            var fixes = dsl.insertInto(VULNERABILITY_FIX_OBSERVATION, VULNERABILITY_FIX_OBSERVATION.VULN_ID,
                    VULNERABILITY_FIX_OBSERVATION.MATCH_KEY, VULNERABILITY_FIX_OBSERVATION.FIX_VERSION,
                    VULNERABILITY_FIX_OBSERVATION.FIRST_OBSERVED_AT);
            boolean anyPackage = false;
            boolean anyFix = false;
            for (int i = 0; i < records.size(); i++) {
                OsvDocument record = records.get(i);
                vulnerabilities = vulnerabilities.values(feed, group, record.id(), utc(record.modified()), utc(record.published()),
                        utc(record.withdrawn()), record.aliases().toArray(String[]::new), record.summary(),
                        JSONB.valueOf(new String(record.raw(), StandardCharsets.UTF_8)));
                if (record.isWithdrawn()) {
                    // A withdrawn record stays readable but matches nothing: no package rows, no fix observations.
                    continue;
                }
                for (OsvDocument.Affected entry : entries.get(i)) {
                    packages = packages.values(feed, group, record.id(), entry.ordinal(), entry.matchKey(), entry.ecosystem(),
                            entry.packageName(), JSONB.valueOf(entry.json()));
                    anyPackage = true;
                    for (String fixed : entry.fixedVersions()) {
                        fixes = fixes.values(record.id(), entry.matchKey(), fixed, observedAt);
                        anyFix = true;
                    }
                }
            }
            vulnerabilities.execute();
            if (anyPackage) {
                packages.execute();
            }
            if (anyFix) {
                fixes.onConflictDoNothing().execute();
            }
            records.clear();
            entries.clear();
        }
    }
}
