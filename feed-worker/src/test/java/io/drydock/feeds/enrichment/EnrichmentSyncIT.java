package io.drydock.feeds.enrichment;

import io.drydock.feeds.FeedProperties;
import io.drydock.feeds.FeedWorkerIT;
import io.drydock.feeds.OsvArchives;
import io.drydock.feeds.OsvServer;
import io.drydock.feeds.sync.FeedSyncResult;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.testkit.TestPostgres;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.drydock.schemas.db.Tables.EPSS_SCORE;
import static io.drydock.schemas.db.Tables.EVENT_LOG;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.FEED_SYNC;
import static io.drydock.schemas.db.Tables.FEED_SYNC_AFFECTED;
import static io.drydock.schemas.db.Tables.KEV_ENTRY;
import static io.drydock.schemas.db.Tables.NVD_CVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NVD, KEV and EPSS synced from real HTTP servers and files into a real PostgreSQL: state per feed group, conditional
 * downloads, failures that keep the previous data, and NVD changes announced for the images they concern.
 */
class EnrichmentSyncIT extends FeedWorkerIT {

    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:00:00Z");

    private final OsvServer server = OsvServer.start();
    private final TestClock clock = new TestClock(T1);

    @TempDir
    Path files;

    @BeforeEach
    void emptyEnrichment() {
        TestPostgres.shared().truncate("nvd_cve", "kev_entry", "epss_score");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void syncsTheKevCatalogConditionallyAndShowsItAsAFeed() {
        server.put("/feeds/known_exploited_vulnerabilities.json", fixture("known_exploited_vulnerabilities.json"));
        EnrichmentSyncService service = instance(new EnrichmentProperties(null,
                new EnrichmentProperties.Single(server.url("/feeds/known_exploited_vulnerabilities.json"), null), null));

        FeedSyncResult first = service.sync(false).getFirst();
        clock.set(T2);
        FeedSyncResult second = service.sync(false).getFirst();

        assertThat(first.feed()).isEqualTo("kev");
        assertThat(first.status()).isEqualTo("success");
        assertThat(first.groups()).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo("kev:catalog");
            assertThat(group.updatedRecordCount()).isEqualTo(2);
        });
        assertThat(second.groups().getFirst().updatedRecordCount()).isZero();
        assertThat(server.requests()).extracting(OsvServer.Request::ifNoneMatch).first().isNull();
        assertThat(server.requests().get(1).ifNoneMatch()).as("conditional").isNotNull();
        assertThat(dsl.fetchCount(KEV_ENTRY)).isEqualTo(2);
        assertThat(group("kev", "kev:catalog")).containsExactly(2, "success", T2.atOffset(java.time.ZoneOffset.UTC));
    }

    @Test
    void replacesEpssScoresFromAGzippedFileAndKeepsThemWhenTheNextFileIsBroken() throws IOException {
        Path file = files.resolve("epss_scores-current.csv.gz");
        Files.write(file, gzip(fixture("epss_scores.csv")));
        EnrichmentSyncService service = instance(new EnrichmentProperties(null, null,
                new EnrichmentProperties.Single(null, file)));

        assertThat(service.sync(false).getFirst().status()).isEqualTo("success");
        assertThat(dsl.select(EPSS_SCORE.SCORE).from(EPSS_SCORE).where(EPSS_SCORE.CVE_ID.eq("CVE-2021-44228"))
                .fetchSingle().value1()).isEqualByComparingTo(new BigDecimal("0.94358"));

        byte[] whole = gzip(fixture("epss_scores.csv"));
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 20));
        clock.set(T2);
        FeedSyncResult broken = service.sync(false).getFirst();

        assertThat(broken.status()).isEqualTo("failure");
        assertThat(dsl.fetchCount(EPSS_SCORE)).as("previous scores stay in use").isEqualTo(4);
        Record state = dsl.select(FEED_GROUP.LAST_ATTEMPT_STATUS, FEED_GROUP.LAST_ERROR, FEED_GROUP.LAST_SYNC)
                .from(FEED_GROUP).where(FEED_GROUP.FEED.eq("epss")).fetchSingle();
        assertThat(state.get(FEED_GROUP.LAST_ATTEMPT_STATUS)).isEqualTo("failure");
        assertThat(state.get(FEED_GROUP.LAST_ERROR)).startsWith("sync of epss from " + file + " failed: ");
        assertThat(state.get(FEED_GROUP.LAST_SYNC)).isEqualTo(T1.atOffset(java.time.ZoneOffset.UTC));
        assertThat(dsl.fetchCount(EVENT_LOG, EVENT_LOG.TYPE.eq("system.feeds.sync.group_failed"))).isEqualTo(1);
    }

    @Test
    void syncsNvdFromItsApiAndAnnouncesTheChangeForThePackagesOfRecordsThatCiteTheCve() throws IOException {
        // Log4Shell's GitHub advisory is stored for Maven, as the OSV sync stores it
        Path maven = OsvArchives.directory(files.resolve("maven"),
                Map.of("GHSA-jfh8-c2jp-5v3q", OsvArchives.record("Maven", "GHSA-jfh8-c2jp-5v3q")));
        assertThat(instance(clock, path("Maven", maven)).sync(false).getFirst().status()).isEqualTo("success");
        server.put("/rest/json/cves/2.0", fixture("nvd-cves-page.json"));
        EnrichmentSyncService service = instance(new EnrichmentProperties(new EnrichmentProperties.Nvd(
                server.url("/rest/json/cves/2.0"), List.of(), List.of(), "key", Duration.ZERO), null, null));

        FeedSyncResult first = service.sync(false).getFirst();

        assertThat(first.feed()).isEqualTo("nvd");
        assertThat(first.status()).as(String.valueOf(dsl.select(FEED_GROUP.LAST_ERROR).from(FEED_GROUP)
                .where(FEED_GROUP.FEED.eq("nvd")).fetchOne())).isEqualTo("success");
        assertThat(dsl.fetchCount(NVD_CVE)).isEqualTo(2);
        var sync = dsl.selectFrom(FEED_SYNC).where(FEED_SYNC.FEED.eq("nvd")).fetchSingle();
        assertThat(sync.getFullSync()).isTrue();
        assertThat(sync.getRecordsAdded()).isEqualTo(2);
        assertThat(dsl.select(FEED_SYNC_AFFECTED.MATCH_KEY).from(FEED_SYNC_AFFECTED)
                .where(FEED_SYNC_AFFECTED.SYNC_ID.eq(sync.getId())).fetch(FEED_SYNC_AFFECTED.MATCH_KEY))
                .containsExactly("Maven/org.apache.logging.log4j:log4j-core");

        clock.set(T2);
        FeedSyncResult second = service.sync(false).getFirst();
        assertThat(second.groups().getFirst().updatedRecordCount()).as("nothing modified").isZero();
        assertThat(dsl.select(FEED_SYNC.FULL_SYNC).from(FEED_SYNC).where(FEED_SYNC.FEED.eq("nvd"))
                .orderBy(FEED_SYNC.STARTED_AT.desc()).limit(1).fetchSingle().value1()).as("incremental").isFalse();
        assertThat(group("nvd", "nvd:cves")).containsExactly(2, "success", T2.atOffset(java.time.ZoneOffset.UTC));
    }

    private EnrichmentSyncService instance(EnrichmentProperties properties) {
        FeedProperties feedProperties = FeedWorkerIT.properties(List.of(), Duration.ofSeconds(60));
        return new EnrichmentSyncService(properties, feedProperties, feeds, locks, transactions, outbox, events, dsl,
                json, clock, OutboundHttp.direct().feeds().build(), duration -> { });
    }

    private List<Object> group(String feed, String group) {
        return dsl.select(FEED_GROUP.RECORD_COUNT, FEED_GROUP.LAST_ATTEMPT_STATUS, FEED_GROUP.LAST_SYNC).from(FEED_GROUP)
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).fetchSingle().intoList();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = EnrichmentSyncIT.class.getResourceAsStream("/enrichment/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }
}
