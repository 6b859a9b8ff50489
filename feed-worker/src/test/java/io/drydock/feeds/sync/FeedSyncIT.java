package io.drydock.feeds.sync;

import io.drydock.feeds.FeedWorkerIT;
import io.drydock.feeds.OsvArchives;
import io.drydock.feeds.OsvServer;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.KafkaProbe;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.drydock.schemas.db.Tables.EVENT_LOG;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.FEED_SYNC;
import static io.drydock.schemas.db.Tables.FEED_SYNC_AFFECTED;
import static io.drydock.schemas.db.Tables.OUTBOX;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static io.drydock.schemas.db.Tables.VULNERABILITY_FIX_OBSERVATION;
import static io.drydock.schemas.db.Tables.VULNERABILITY_PACKAGE;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The sync against real OSV records served over real HTTP on loopback, stored in a real PostgreSQL. */
class FeedSyncIT extends FeedWorkerIT {

    private static final String FEED = FeedSyncService.FEED;
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-22T10:00:00Z");

    private static final byte[] DEBIAN_APT = OsvArchives.record("Debian", "DEBIAN-CVE-2011-3374");
    private static final byte[] DSA_GLIBC = OsvArchives.record("Debian", "DSA-5514-1");

    @Autowired
    EventCodec codec;

    private final OsvServer server = OsvServer.start();
    private final TestClock clock = new TestClock(T1);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void splitsAnArchiveIntoOneGroupPerReleaseAndAnnouncesEachGroup() {
        server.put("/Debian/all.zip", OsvArchives.zip(Map.of("DEBIAN-CVE-2011-3374", DEBIAN_APT, "DSA-5514-1", DSA_GLIBC)));
        imageHolding("sha256:" + "1".repeat(64), "Debian:12/glibc");
        imageHolding("sha256:" + "2".repeat(64), "Debian:12/apt");
        imageHolding("sha256:" + "3".repeat(64), "Debian:11/glibc");

        FeedSyncResult result = instance(clock, url("Debian", server.url("/Debian/all.zip"))).sync(false).getFirst();

        assertThat(result.feed()).isEqualTo(FEED);
        assertThat(result.status()).isEqualTo("success");
        assertThat(result.groups()).extracting(FeedSyncResult.GroupResult::group, FeedSyncResult.GroupResult::status,
                        FeedSyncResult.GroupResult::updatedRecordCount, FeedSyncResult.GroupResult::updatedImageCount)
                .containsExactly(tuple("debian:11", "success", 1, 0), tuple("debian:12", "success", 2, 2),
                        tuple("debian:13", "success", 1, 0));
        assertThat(dsl.select(FEED_GROUP.NAME, FEED_GROUP.ECOSYSTEM, FEED_GROUP.RECORD_COUNT, FEED_GROUP.LAST_ATTEMPT_STATUS)
                .from(FEED_GROUP).orderBy(FEED_GROUP.NAME).fetch().map(Record::intoList))
                .containsExactly(List.of("debian:11", "Debian:11", 1, "success"), List.of("debian:12", "Debian:12", 2, "success"),
                        List.of("debian:13", "Debian:13", 1, "success"));
        // Only the group's own affected entries are indexed; the record is stored as received.
        assertThat(dsl.select(VULNERABILITY_PACKAGE.VULN_ID, VULNERABILITY_PACKAGE.MATCH_KEY, VULNERABILITY_PACKAGE.ECOSYSTEM)
                .from(VULNERABILITY_PACKAGE).where(VULNERABILITY_PACKAGE.GROUP_NAME.eq("debian:12"))
                .orderBy(VULNERABILITY_PACKAGE.VULN_ID).fetch().map(Record::intoList))
                .containsExactly(List.of("DEBIAN-CVE-2011-3374", "Debian:12/apt", "Debian:12"),
                        List.of("DSA-5514-1", "Debian:12/glibc", "Debian:12"));
        String stored = dsl.select(VULNERABILITY.RECORD.cast(String.class)).from(VULNERABILITY)
                .where(VULNERABILITY.GROUP_NAME.eq("debian:11"), VULNERABILITY.ID.eq("DEBIAN-CVE-2011-3374")).fetchOne().value1();
        assertThat(json.readTree(stored)).isEqualTo(json.readTree(DEBIAN_APT));

        UUID syncId = dsl.select(FEED_GROUP.LAST_SYNC_ID).from(FEED_GROUP).where(FEED_GROUP.NAME.eq("debian:12")).fetchOne().value1();
        assertThat(dsl.select(FEED_SYNC.STATUS, FEED_SYNC.FULL_SYNC, FEED_SYNC.RECORDS_ADDED).from(FEED_SYNC)
                .where(FEED_SYNC.ID.eq(syncId)).fetchOne().intoList()).containsExactly("success", true, 2);
        assertThat(affectedKeys(syncId)).containsExactly("Debian:12/apt", "Debian:12/glibc");
        await("feed-updated of debian:12 on Kafka").atMost(ofSeconds(30)).untilAsserted(() -> {
            List<FeedUpdated> announced = KafkaProbe.records(Topics.FEED_UPDATED, FEED + "/debian:12").stream()
                    .map(record -> codec.decode(Topics.FEED_UPDATED_TOPIC, record))
                    .filter(event -> event.syncId().equals(syncId)).toList();
            assertThat(announced).singleElement().satisfies(event -> {
                assertThat(event.feed()).isEqualTo(FEED);
                assertThat(event.group()).isEqualTo("debian:12");
                assertThat(event.recordsAdded()).isEqualTo(2);
                assertThat(event.recordsUpdated()).isZero();
                assertThat(event.recordsRemoved()).isZero();
                assertThat(event.metadata().account()).isNull();
            });
        });
    }

    @Test
    void syncsALocalDirectoryAndALocalZipArchive() throws Exception {
        Path work = Files.createTempDirectory("drydock-feeds-it");
        byte[] lodash = OsvArchives.record("npm", "GHSA-35jh-r3h4-6jhm");
        byte[] minimist = OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m");
        byte[] requests = OsvArchives.record("PyPI", "PYSEC-2014-13");
        Path npm = OsvArchives.directory(work.resolve("npm"), Map.of("GHSA-35jh-r3h4-6jhm", lodash, "GHSA-vh95-rmgr-6w4m", minimist));
        Path pypi = Files.write(work.resolve("pypi.zip"), OsvArchives.zip(Map.of("PYSEC-2014-13", requests)));

        FeedSyncResult result = instance(clock, path("npm", npm), path("PyPI", pypi)).sync(false).getFirst();

        assertThat(result.status()).isEqualTo("success");
        assertThat(result.groups()).extracting(FeedSyncResult.GroupResult::group, FeedSyncResult.GroupResult::updatedRecordCount)
                .containsExactly(tuple("github:npm", 2), tuple("github:python", 1));
        assertThat(dsl.selectDistinct(VULNERABILITY_PACKAGE.MATCH_KEY).from(VULNERABILITY_PACKAGE)
                .orderBy(VULNERABILITY_PACKAGE.MATCH_KEY).fetch(VULNERABILITY_PACKAGE.MATCH_KEY))
                .containsExactly("PyPI/requests", "npm/lodash", "npm/lodash-es", "npm/minimist");
        assertThat(Files.exists(npm.resolve("GHSA-35jh-r3h4-6jhm.json")) && Files.exists(pypi))
                .as("an operator's local files are never deleted").isTrue();
    }

    @Test
    void incrementalSyncFetchesOnlyTheRecordsListedAsModifiedSinceTheLastSync() {
        byte[] oldest = OsvArchives.record("PyPI", "PYSEC-2014-8");     // modified 2021-07-05T00:01:22Z
        byte[] older = OsvArchives.record("PyPI", "PYSEC-2014-13");     // modified 2021-07-05T00:01:25Z
        byte[] newest = OsvArchives.record("PyPI", "PYSEC-2023-74");    // modified 2023-06-05: the cursor
        server.put("/PyPI/all.zip", OsvArchives.zip(Map.of("PYSEC-2014-8", oldest, "PYSEC-2014-13", older, "PYSEC-2023-74", newest)));
        FeedSyncService instance = instance(clock, url("PyPI", server.url("/PyPI")));

        instance.sync(false);
        assertThat(server.requests()).extracting(OsvServer.Request::path).containsExactly("/PyPI/all.zip");

        byte[] changed = OsvArchives.modifiedAt(older, T1);
        byte[] added = OsvArchives.modifiedAt(OsvArchives.record("PyPI", "PYSEC-2019-132"), T2);
        server.put("/PyPI/PYSEC-2014-13.json", changed);
        server.put("/PyPI/PYSEC-2019-132.json", added);
        server.put("/PyPI/PYSEC-2023-74.json", newest);
        server.put("/PyPI/PYSEC-2014-8.json", oldest);
        server.put("/PyPI/modified_id.csv", csv(added, changed, newest, oldest));
        server.clearRequests();
        clock.set(T2);

        FeedSyncResult second = instance.sync(false).getFirst();

        // The index is read down to the cursor (the record at the cursor is read again and found unchanged).
        assertThat(server.requests()).extracting(OsvServer.Request::path).containsExactly("/PyPI/modified_id.csv",
                "/PyPI/PYSEC-2019-132.json", "/PyPI/PYSEC-2014-13.json", "/PyPI/PYSEC-2023-74.json");
        assertThat(second.groups()).extracting(FeedSyncResult.GroupResult::group, FeedSyncResult.GroupResult::updatedRecordCount)
                .containsExactly(tuple("github:python", 2));
        UUID syncId = lastSyncId("github:python");
        assertThat(dsl.select(FEED_SYNC.FULL_SYNC, FEED_SYNC.RECORDS_ADDED, FEED_SYNC.RECORDS_UPDATED, FEED_SYNC.RECORDS_REMOVED)
                .from(FEED_SYNC).where(FEED_SYNC.ID.eq(syncId)).fetchOne().intoList()).containsExactly(false, 1, 1, 0);
        assertThat(affectedKeys(syncId)).containsExactly("PyPI/requests", "PyPI/urllib3");
        assertThat(dsl.fetchCount(VULNERABILITY, VULNERABILITY.GROUP_NAME.eq("github:python"))).isEqualTo(4);
        assertThat(dsl.select(VULNERABILITY.MODIFIED).from(VULNERABILITY).where(VULNERABILITY.ID.eq("PYSEC-2014-13"))
                .fetchOne().value1().toInstant()).isEqualTo(T1);

        server.clearRequests();
        FeedSyncResult third = instance.sync(false).getFirst();

        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/PyPI/modified_id.csv");
            assertThat(request.ifNoneMatch()).as("the index's validator from the previous sync").isNotNull();
        });
        assertThat(third.status()).isEqualTo("success");
        assertThat(third.groups()).extracting(FeedSyncResult.GroupResult::updatedRecordCount).containsExactly(0);
    }

    @Test
    void anUnchangedArchiveIsAConditionalRequestAnsweredNotModified() {
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m"))));
        FeedSyncService instance = instance(clock, url("npm", server.url("/npm/all.zip")));
        instance.sync(false);
        int announcements = announcements("github:npm");
        server.clearRequests();
        clock.set(T2);

        FeedSyncResult again = instance.sync(false).getFirst();

        assertThat(server.requests()).singleElement().extracting(OsvServer.Request::ifNoneMatch).isNotNull();
        assertThat(again.status()).isEqualTo("success");
        assertThat(again.groups()).extracting(FeedSyncResult.GroupResult::group, FeedSyncResult.GroupResult::updatedRecordCount)
                .containsExactly(tuple("github:npm", 0));
        assertThat(announcements("github:npm")).as("nothing changed, nothing announced").isEqualTo(announcements);
        assertThat(dsl.select(FEED_GROUP.LAST_SYNC).from(FEED_GROUP).fetchOne().value1().toInstant()).isEqualTo(T2);
        assertThat(dsl.fetchCount(FEED_SYNC, FEED_SYNC.STATUS.eq("success"))).isEqualTo(2);
    }

    @Test
    void withdrawnAndVanishedRecordsAreRemovedFromMatching() {
        byte[] lodash = OsvArchives.record("npm", "GHSA-35jh-r3h4-6jhm");
        byte[] minimist = OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m");
        byte[] ansi = OsvArchives.record("npm", "GHSA-93q8-gq69-wqmw");
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-35jh-r3h4-6jhm", lodash, "GHSA-vh95-rmgr-6w4m", minimist,
                "GHSA-93q8-gq69-wqmw", ansi)));
        FeedSyncService instance = instance(clock, url("npm", server.url("/npm/all.zip")));
        instance.sync(false);
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-35jh-r3h4-6jhm", OsvArchives.withdrawnAt(lodash, T2),
                "GHSA-93q8-gq69-wqmw", ansi)));
        clock.set(T2);

        FeedSyncResult result = instance.sync(false).getFirst();

        assertThat(result.groups()).extracting(FeedSyncResult.GroupResult::updatedRecordCount).containsExactly(2);
        UUID syncId = lastSyncId("github:npm");
        assertThat(dsl.select(FEED_SYNC.RECORDS_ADDED, FEED_SYNC.RECORDS_UPDATED, FEED_SYNC.RECORDS_REMOVED).from(FEED_SYNC)
                .where(FEED_SYNC.ID.eq(syncId)).fetchOne().intoList()).containsExactly(0, 0, 2);
        assertThat(affectedKeys(syncId)).containsExactly("npm/lodash", "npm/lodash-es", "npm/minimist");
        assertThat(dsl.select(VULNERABILITY.ID, VULNERABILITY.WITHDRAWN).from(VULNERABILITY).orderBy(VULNERABILITY.ID).fetch()
                .map(row -> tuple(row.value1(), row.value2() == null ? null : row.value2().toInstant())))
                .containsExactly(tuple("GHSA-35jh-r3h4-6jhm", T2), tuple("GHSA-93q8-gq69-wqmw", null));
        assertThat(dsl.selectDistinct(VULNERABILITY_PACKAGE.VULN_ID).from(VULNERABILITY_PACKAGE).fetch(VULNERABILITY_PACKAGE.VULN_ID))
                .as("a withdrawn record matches nothing").containsExactly("GHSA-93q8-gq69-wqmw");
        assertThat(dsl.select(FEED_GROUP.RECORD_COUNT).from(FEED_GROUP).fetchOne().value1()).isEqualTo(2);
    }

    @Test
    void aTruncatedArchiveFailsTheSyncAndThePreviousDataStaysInUse() {
        byte[] archive = OsvArchives.zip(Map.of("DEBIAN-CVE-2011-3374", DEBIAN_APT, "DSA-5514-1", DSA_GLIBC));
        server.put("/Debian/all.zip", archive);
        FeedSyncService instance = instance(clock, url("Debian", server.url("/Debian/all.zip")));
        instance.sync(false);
        List<List<Object>> before = storedRecords();
        int announcements = announcements("debian:12");
        server.put("/Debian/all.zip", Arrays.copyOf(archive, archive.length / 2));
        clock.set(T2);

        FeedSyncResult result = instance.sync(false).getFirst();

        assertThat(result.status()).isEqualTo("failure");
        assertThat(result.groups()).extracting(FeedSyncResult.GroupResult::group, FeedSyncResult.GroupResult::status)
                .containsExactly(tuple("debian:11", "failure"), tuple("debian:12", "failure"), tuple("debian:13", "failure"));
        assertFailureRecorded("debian:12", "not a complete zip archive");
        assertThat(storedRecords()).isEqualTo(before);
        assertThat(announcements("debian:12")).isEqualTo(announcements);
    }

    @Test
    void aDownloadCutShortFailsTheSyncAndThePreviousDataStaysInUse() {
        byte[] archive = OsvArchives.zip(Map.of("DSA-5514-1", DSA_GLIBC));
        server.put("/Debian/all.zip", archive);
        FeedSyncService instance = instance(clock, url("Debian", server.url("/Debian/all.zip")));
        instance.sync(false);
        List<List<Object>> before = storedRecords();
        server.putCutShort("/Debian/all.zip", OsvArchives.zip(Map.of("DSA-5514-1", OsvArchives.modifiedAt(DSA_GLIBC, T2))),
                archive.length / 2);
        clock.set(T2);

        FeedSyncResult result = instance.sync(false).getFirst();

        assertThat(result.status()).isEqualTo("failure");
        assertFailureRecorded("debian:12", "/Debian/all.zip");
        assertThat(storedRecords()).isEqualTo(before);
    }

    @Test
    void theScheduledSyncRunsWhenTheIntervalHasPassedSinceTheLastOne() {
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m"))));
        FeedSyncService instance = instance(clock, url("npm", server.url("/npm/all.zip")));

        assertThat(instance.syncIfDue()).as("never synced: due").hasValueSatisfying(result ->
                assertThat(result.status()).isEqualTo("success"));
        clock.set(T1.plusSeconds(5 * 3600));
        assertThat(instance.syncIfDue()).as("5 h after the last sync").isEmpty();
        clock.set(T1.plusSeconds(6 * 3600));
        assertThat(instance.syncIfDue()).as("6 h after the last sync").isPresent();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aMalformedRecordFailsTheWholeSourceAndStoresNothingOfIt() {
        server.put("/Debian/all.zip", OsvArchives.zip(Map.of("DEBIAN-CVE-2011-3374", DEBIAN_APT, "DSA-5514-1", DSA_GLIBC)));
        FeedSyncService instance = instance(clock, url("Debian", server.url("/Debian/all.zip")));
        instance.sync(false);
        List<List<Object>> before = storedRecords();
        int announcements = announcements("debian:12");
        ObjectNodeEdit broken = new ObjectNodeEdit(json, DSA_GLIBC).remove("modified");
        server.put("/Debian/all.zip", OsvArchives.zip(new LinkedHashMap<>(Map.of(
                "DEBIAN-CVE-2011-3374", OsvArchives.modifiedAt(DEBIAN_APT, T2), "DSA-5514-1", broken.bytes()))));
        clock.set(T2);

        FeedSyncResult result = instance.sync(false).getFirst();

        assertThat(result.status()).isEqualTo("failure");
        assertFailureRecorded("debian:12", "DSA-5514-1");
        assertThat(storedRecords()).as("the valid, changed record of the same source is not stored either").isEqualTo(before);
        assertThat(announcements("debian:12")).isEqualTo(announcements);
    }

    @Test
    void aFixIsObservedOnceAndKeepsItsFirstTimeThroughLaterSyncsAndAFlush() {
        server.put("/Debian/all.zip", OsvArchives.zip(Map.of("DSA-5514-1", DSA_GLIBC)));
        FeedSyncService instance = instance(clock, url("Debian", server.url("/Debian/all.zip")));
        instance.sync(false);
        Map<String, Instant> first = fixObservations("DSA-5514-1");
        assertThat(first).isNotEmpty().allSatisfy((fix, observed) -> assertThat(observed).isEqualTo(T1));

        server.put("/Debian/all.zip", OsvArchives.zip(Map.of("DSA-5514-1", OsvArchives.modifiedAt(DSA_GLIBC, T2))));
        clock.set(T2);
        FeedSyncResult changed = instance.sync(false).getFirst();
        clock.set(T3);
        FeedSyncResult flushed = instance.sync(true).getFirst();

        assertThat(changed.groups()).extracting(FeedSyncResult.GroupResult::updatedRecordCount).containsExactly(1);
        assertThat(flushed.status()).isEqualTo("success");
        assertThat(flushed.groups()).extracting(FeedSyncResult.GroupResult::updatedRecordCount).containsExactly(1);
        assertThat(fixObservations("DSA-5514-1")).isEqualTo(first);
        assertThat(dsl.fetchCount(VULNERABILITY)).isEqualTo(1);
        assertThat(dsl.select(FEED_SYNC.FULL_SYNC).from(FEED_SYNC).where(FEED_SYNC.ID.eq(lastSyncId("debian:12"))).fetchOne().value1())
                .isTrue();
    }

    @Test
    void syncsStartedTogetherOnTwoInstancesRunOneAfterTheOther() throws Exception {
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m"))));
        FeedSyncService first = instance(clock, url("npm", server.url("/npm/all.zip")));
        FeedSyncService second = instance(clock, url("npm", server.url("/npm/all.zip")));
        var release = server.hold("/npm/all.zip");
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var firstSync = threads.submit(() -> first.sync(false));
            assertThat(server.awaitArrival("/npm/all.zip", 30)).isTrue();

            assertThat(second.syncIfDue()).as("the scheduled sync skips a feed locked elsewhere").isEmpty();
            var secondSync = threads.submit(() -> second.sync(false));
            await("second instance waiting for the feed's lock").atMost(ofSeconds(20)).until(() ->
                    dsl.fetchCount(DSL.table("pg_locks"), DSL.field("locktype").eq("advisory").and(DSL.field("granted").isFalse())) > 0);
            release.countDown();

            assertThat(firstSync.get().getFirst().status()).isEqualTo("success");
            assertThat(secondSync.get().getFirst().status()).isEqualTo("success");
        }
        // The second ran after the first had stored its result: it asked conditionally and was told nothing changed.
        assertThat(server.requests()).extracting(request -> request.ifNoneMatch() != null).containsExactly(false, true);
        assertThat(dsl.fetchCount(VULNERABILITY)).isEqualTo(1);
    }

    @Test
    void aSyncThatCannotHaveTheFeedWithinTheWaitReportsItBusyAndTouchesNothing() throws Exception {
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m"))));
        FeedSyncService waiting = instance(clock, io.drydock.platform.net.OutboundHttp.direct(), java.time.Duration.ofMillis(500),
                url("npm", server.url("/npm/all.zip")));

        try (FeedLock.Held elsewhere = locks.acquire(FEED, java.time.Duration.ofSeconds(5))) {
            FeedSyncResult result = waiting.sync(false).getFirst();

            assertThat(result.status()).isEqualTo("failure");
            assertThat(result.groups()).isEmpty();
        }
        assertThat(server.requests()).isEmpty();
        assertThat(dsl.fetchCount(FEED_SYNC)).isZero();
    }

    @Test
    void aSyncLeftRunningByAStoppedInstanceIsMarkedFailedByTheNextOne() {
        server.put("/npm/all.zip", OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m"))));
        UUID abandoned = UUID.randomUUID();
        transactions.executeWithoutResult(status -> feeds.startSync(abandoned, FEED, "github:npm", T1.minusSeconds(3600), true));

        instance(clock, url("npm", server.url("/npm/all.zip"))).sync(false);

        assertThat(dsl.select(FEED_SYNC.STATUS, FEED_SYNC.ERROR).from(FEED_SYNC).where(FEED_SYNC.ID.eq(abandoned)).fetchOne())
                .satisfies(row -> {
                    assertThat(row.value1()).isEqualTo("failure");
                    assertThat(row.value2()).contains("abandoned");
                });
        assertThat(dsl.fetchCount(FEED_SYNC, FEED_SYNC.STATUS.eq("success"))).isEqualTo(1);
    }

    private void assertFailureRecorded(String group, String message) {
        Record state = dsl.select(FEED_GROUP.LAST_ATTEMPT_STATUS, FEED_GROUP.LAST_ERROR, FEED_GROUP.LAST_SYNC,
                FEED_GROUP.LAST_ATTEMPT_AT).from(FEED_GROUP).where(FEED_GROUP.NAME.eq(group)).fetchOne();
        assertThat(state.get(FEED_GROUP.LAST_ATTEMPT_STATUS)).isEqualTo("failure");
        assertThat(state.get(FEED_GROUP.LAST_ERROR)).contains(message);
        assertThat(state.get(FEED_GROUP.LAST_SYNC).toInstant()).as("the last successful sync").isEqualTo(T1);
        assertThat(state.get(FEED_GROUP.LAST_ATTEMPT_AT).toInstant()).isEqualTo(T2);
        assertThat(dsl.select(FEED_SYNC.STATUS, FEED_SYNC.ERROR).from(FEED_SYNC).where(FEED_SYNC.GROUP_NAME.eq(group))
                .orderBy(FEED_SYNC.STARTED_AT.desc()).limit(1).fetchOne())
                .satisfies(row -> {
                    assertThat(row.value1()).isEqualTo("failure");
                    assertThat(row.value2()).contains(message);
                });
        assertThat(dsl.select(EVENT_LOG.TYPE, EVENT_LOG.LEVEL, EVENT_LOG.RESOURCE_ID, EVENT_LOG.MESSAGE).from(EVENT_LOG)
                .where(EVENT_LOG.RESOURCE_ID.eq(FEED + "/" + group)).fetch())
                .singleElement().satisfies(row -> {
                    assertThat(row.value1()).isEqualTo("system.feeds.sync.group_failed");
                    assertThat(row.value2()).isEqualTo("error");
                    assertThat(row.value4()).contains(message);
                });
    }

    /** The feed-updated events of a group on Kafka, once the outbox relay has published everything. */
    private int announcements(String group) {
        await("outbox relayed").atMost(ofSeconds(30)).until(() -> dsl.fetchCount(OUTBOX) == 0);
        return KafkaProbe.records(Topics.FEED_UPDATED, FEED + "/" + group).size();
    }

    private List<List<Object>> storedRecords() {
        return dsl.select(VULNERABILITY.GROUP_NAME, VULNERABILITY.ID, VULNERABILITY.MODIFIED).from(VULNERABILITY)
                .orderBy(VULNERABILITY.GROUP_NAME, VULNERABILITY.ID).fetch().map(Record::intoList);
    }

    private Set<String> affectedKeys(UUID syncId) {
        return dsl.select(FEED_SYNC_AFFECTED.MATCH_KEY).from(FEED_SYNC_AFFECTED).where(FEED_SYNC_AFFECTED.SYNC_ID.eq(syncId))
                .orderBy(FEED_SYNC_AFFECTED.MATCH_KEY).fetch(FEED_SYNC_AFFECTED.MATCH_KEY).stream()
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private UUID lastSyncId(String group) {
        return dsl.select(FEED_GROUP.LAST_SYNC_ID).from(FEED_GROUP).where(FEED_GROUP.NAME.eq(group)).fetchOne().value1();
    }

    private Map<String, Instant> fixObservations(String id) {
        return dsl.select(VULNERABILITY_FIX_OBSERVATION.MATCH_KEY, VULNERABILITY_FIX_OBSERVATION.FIX_VERSION,
                        VULNERABILITY_FIX_OBSERVATION.FIRST_OBSERVED_AT).from(VULNERABILITY_FIX_OBSERVATION)
                .where(VULNERABILITY_FIX_OBSERVATION.VULN_ID.eq(id)).fetch()
                .stream().collect(Collectors.toMap(row -> row.value1() + "@" + row.value2(), row -> row.value3().toInstant()));
    }

    private void imageHolding(String digest, String matchKey) {
        dsl.execute("""
                insert into analysis (image_digest, analyzer_version, image_id, distro, distro_version, image_size,
                                      layer_count, dockerfile_mode, document, analyzed_at)
                values ({0}, 'test', 'id', 'debian', '12', 1, 1, 'Guessed', '{}'::jsonb, {1}) on conflict do nothing""",
                DSL.val(digest), DSL.val(OffsetDateTime.parse("2026-11-01T00:00:00Z")));
        dsl.execute("insert into image_match_key (match_key, image_digest) values ({0}, {1})", DSL.val(matchKey), DSL.val(digest));
    }

    private static byte[] csv(byte[]... newestFirst) {
        StringBuilder csv = new StringBuilder();
        for (byte[] record : newestFirst) {
            csv.append(OsvArchives.modified(record)).append(',').append(OsvArchives.id(record)).append('\n');
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Edits a record's JSON to make it malformed. */
    private record ObjectNodeEdit(tools.jackson.databind.json.JsonMapper json, tools.jackson.databind.node.ObjectNode node) {
        ObjectNodeEdit(tools.jackson.databind.json.JsonMapper json, byte[] record) {
            this(json, (tools.jackson.databind.node.ObjectNode) json.readTree(record));
        }

        ObjectNodeEdit remove(String field) {
            node.remove(field);
            return this;
        }

        byte[] bytes() {
            return json.writeValueAsBytes(node);
        }
    }
}
