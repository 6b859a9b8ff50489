package io.drydock.feeds.enrichment;

import io.drydock.feeds.FeedProperties;
import io.drydock.feeds.source.FeedSourceException;
import io.drydock.feeds.source.SourceDownload;
import io.drydock.feeds.source.SourceDownload.Validators;
import io.drydock.feeds.source.epss.EpssCsvParser;
import io.drydock.feeds.source.epss.EpssStore;
import io.drydock.feeds.source.kev.KevCatalogParser;
import io.drydock.feeds.source.kev.KevStore;
import io.drydock.feeds.source.nvd.NvdApiClient;
import io.drydock.feeds.source.nvd.NvdCve;
import io.drydock.feeds.source.nvd.NvdCveParser;
import io.drydock.feeds.source.nvd.NvdCveStore;
import io.drydock.feeds.sync.FeedLock;
import io.drydock.feeds.sync.FeedRepository;
import io.drydock.feeds.sync.FeedRepository.GroupState;
import io.drydock.feeds.sync.FeedSyncResult;
import io.drydock.feeds.sync.GroupChanges;
import io.drydock.feeds.sync.SyncFailures;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.drydock.schemas.db.Tables.EPSS_SCORE;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.KEV_ENTRY;
import static io.drydock.schemas.db.Tables.NVD_CVE;

/**
 * Syncs the enrichment feeds (ADR 27): {@value #NVD} ({@value #NVD_GROUP}), {@value #KEV} ({@value #KEV_GROUP}) and
 * {@value #EPSS} ({@value #EPSS_GROUP}). Each runs under its feed's lock, downloads everything first and then replaces
 * the stored data in one transaction, so a broken download or a malformed record fails the sync and leaves the previous
 * data in use. NVD changes re-match the images whose findings cite a changed CVE: its sync stores the matching keys of
 * the records that name those CVEs and announces them on {@code feed-updated}. KEV and EPSS are read when reports are
 * served, so nothing needs re-matching when they change.
 */
public class EnrichmentSyncService {

    public static final String NVD = "nvd";
    public static final String NVD_GROUP = "nvd:cves";
    public static final String KEV = "kev";
    public static final String KEV_GROUP = "kev:catalog";
    public static final String EPSS = "epss";
    public static final String EPSS_GROUP = "epss:scores";

    private static final Logger log = LoggerFactory.getLogger(EnrichmentSyncService.class);
    private static final int NVD_BATCH = 500;
    private static final Pattern DATED_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private final EnrichmentProperties properties;
    private final FeedProperties feedProperties;
    private final FeedRepository feeds;
    private final FeedLock locks;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final DSLContext dsl;
    private final Clock clock;
    private final SyncFailures failures;
    private final SourceDownload download;
    private final NvdApiClient nvdApi;
    private final NvdCveParser nvdParser;
    private final NvdCveStore nvdStore;
    private final KevCatalogParser kevParser;
    private final KevStore kevStore = new KevStore();
    private final EpssStore epssStore = new EpssStore();

    public EnrichmentSyncService(EnrichmentProperties properties, FeedProperties feedProperties, FeedRepository feeds,
                                 FeedLock locks, TransactionTemplate transactions, Outbox outbox, EventLog events,
                                 DSLContext dsl, tools.jackson.databind.json.JsonMapper json, Clock clock,
                                 HttpClient http, NvdApiClient.Pacer pacer) {
        this.properties = properties;
        this.feedProperties = feedProperties;
        this.feeds = feeds;
        this.locks = locks;
        this.transactions = transactions;
        this.outbox = outbox;
        this.dsl = dsl;
        this.clock = clock;
        this.failures = new SyncFailures(feeds, transactions, events, clock);
        this.download = new SourceDownload(http, feedProperties.readTimeout(), feedProperties.downloadTimeout());
        this.nvdParser = new NvdCveParser(json);
        this.nvdStore = new NvdCveStore(json);
        this.kevParser = new KevCatalogParser(json);
        EnrichmentProperties.Nvd nvd = properties.nvd();
        this.nvdApi = nvd.apiUrl() == null ? null : new NvdApiClient(http, nvd.apiUrl(), nvd.apiKey(), nvd.pause(),
                feedProperties.readTimeout(), nvdParser, pacer);
    }

    /** The enrichment feeds that have a source configured, in sync order. */
    public List<String> configuredFeeds() {
        List<String> configured = new ArrayList<>();
        if (properties.nvd().configured()) {
            configured.add(NVD);
        }
        if (properties.kev().configured()) {
            configured.add(KEV);
        }
        if (properties.epss().configured()) {
            configured.add(EPSS);
        }
        return configured;
    }

    /** Syncs every configured enrichment feed now, waiting for a sync of it running elsewhere. */
    public List<FeedSyncResult> sync(boolean flush) {
        List<FeedSyncResult> results = new ArrayList<>();
        for (String feed : configuredFeeds()) {
            long started = System.nanoTime();
            try (FeedLock.Held lock = locks.acquire(feed, feedProperties.lockWait())) {
                results.add(run(feed, flush));
            } catch (FeedLock.BusyException e) {
                log.warn("Sync of feed {} not started: {}", feed, e.getMessage());
                results.add(new FeedSyncResult(feed, FeedSyncResult.FAILURE, seconds(started), List.of()));
            }
        }
        return results;
    }

    /** The scheduled sync: each feed whose interval has passed and that no other instance is syncing. */
    public List<FeedSyncResult> syncDue() {
        List<FeedSyncResult> results = new ArrayList<>();
        for (String feed : configuredFeeds()) {
            Optional<FeedLock.Held> lock = locks.tryAcquire(feed);
            if (lock.isEmpty()) {
                continue;
            }
            try (FeedLock.Held held = lock.get()) {
                Optional<Instant> last = feeds.lastSyncStart(feed);
                if (last.isEmpty() || !last.get().plus(feedProperties.syncInterval()).isAfter(clock.instant())) {
                    results.add(run(feed, false));
                }
            }
        }
        return results;
    }

    /** What a download produced: files to load (owned when {@code temporary}), or nothing when not modified. */
    private record Prepared(List<Path> files, boolean temporary, Validators validators, boolean complete) {
        static Prepared notModified(Validators validators) {
            return new Prepared(null, false, validators, false);
        }
    }

    /** What loading changed. */
    private record Applied(int added, int updated, int removed, List<String> changedCves, int recordCount) {
    }

    /** Runs under the feed's lock. */
    FeedSyncResult run(String feed, boolean flush) {
        long started = System.nanoTime();
        Instant runStart = clock.instant();
        String group = switch (feed) {
            case NVD -> NVD_GROUP;
            case KEV -> KEV_GROUP;
            case EPSS -> EPSS_GROUP;
            default -> throw new IllegalArgumentException("not an enrichment feed: " + feed);
        };
        transactions.executeWithoutResult(status -> {
            feeds.ensureFeed(feed, runStart);
            feeds.ensureGroup(feed, group, feed.toUpperCase(java.util.Locale.ROOT), runStart);
            feeds.failAbandonedSyncs(feed, runStart);
        });
        GroupState state = feeds.group(feed, group).orElseThrow();
        if (!feeds.feedEnabled(feed).orElse(true) || !state.enabled()) {
            log.info("Feed {}/{} is disabled; not syncing", feed, group);
            return new FeedSyncResult(feed, FeedSyncResult.SUCCESS, seconds(started), List.of());
        }
        boolean full = flush || state.lastSync() == null;
        UUID syncId = Events.UuidV7.next(clock);
        transactions.executeWithoutResult(status -> feeds.startSync(syncId, feed, group, runStart, full));
        Path work = null;
        Prepared prepared = null;
        try {
            work = Files.createTempDirectory("drydock-" + feed + "-");
            prepared = prepare(feed, state, full, runStart, work);
            Prepared ready = prepared;
            Applied applied = ready.files() == null
                    ? new Applied(0, 0, 0, List.of(), state == null ? 0 : currentCount(feed))
                    : transactions.execute(status -> apply(feed, ready, flush));
            transactions.executeWithoutResult(status -> finish(feed, group, syncId, runStart, ready, applied));
            boolean fullSync = full && ready.complete();
            transactions.executeWithoutResult(status -> feeds.touchFeed(feed, runStart, fullSync));
            int total = applied.added() + applied.updated() + applied.removed();
            log.info("Feed {}/{} synced: {} added, {} updated, {} removed; {} records", feed, group, applied.added(),
                    applied.updated(), applied.removed(), applied.recordCount());
            return new FeedSyncResult(feed, FeedSyncResult.SUCCESS, seconds(started),
                    List.of(new FeedSyncResult.GroupResult(group, FeedSyncResult.SUCCESS, 0, total, seconds(started))));
        } catch (FeedSourceException | IOException | RuntimeException e) {
            String error = "sync of " + feed + " from " + location(feed) + " failed: " + message(e);
            fail(feed, group, syncId, runStart, error);
            return new FeedSyncResult(feed, FeedSyncResult.FAILURE, seconds(started),
                    List.of(new FeedSyncResult.GroupResult(group, FeedSyncResult.FAILURE, 0, 0, seconds(started))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(feed, group, syncId, runStart, "sync of " + feed + " interrupted");
            return new FeedSyncResult(feed, FeedSyncResult.FAILURE, seconds(started), List.of());
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private Prepared prepare(String feed, GroupState state, boolean full, Instant runStart, Path work)
            throws FeedSourceException, IOException, InterruptedException {
        Validators previous = full ? Validators.NONE : new Validators(state.etag(), state.lastModifiedHeader());
        switch (feed) {
            case NVD -> {
                EnrichmentProperties.Nvd nvd = properties.nvd();
                if (nvdApi != null) {
                    Instant since = full ? null : state.lastSync();
                    return new Prepared(nvdApi.download(since, runStart, work), true, Validators.NONE, full);
                }
                List<Path> files = new ArrayList<>(nvd.paths());
                for (URI url : nvd.urls()) {
                    files.add(fetched(download.fetch(url, Validators.NONE, ".json")));
                }
                return new Prepared(files, false, Validators.NONE, true);
            }
            default -> {
                EnrichmentProperties.Single source = feed.equals(KEV) ? properties.kev() : properties.epss();
                if (source.path() != null) {
                    return new Prepared(List.of(source.path()), false, Validators.NONE, true);
                }
                SourceDownload.Result result = download.fetch(source.url(), previous, ".download");
                if (result.notModified()) {
                    log.info("{} not modified since the previous sync", source.url());
                    return Prepared.notModified(previous);
                }
                return new Prepared(List.of(result.file()), true, result.validators(), true);
            }
        }
    }

    private static Path fetched(SourceDownload.Result result) {
        return result.file();
    }

    private Applied apply(String feed, Prepared prepared, boolean flush) {
        DSLContext tx = DSL.using(dsl.configuration());
        try {
            return switch (feed) {
                case NVD -> applyNvd(tx, prepared, flush);
                case KEV -> {
                    KevStore.Counts counts;
                    try (InputStream in = open(prepared.files().getFirst())) {
                        counts = kevStore.replace(tx, kevParser.parse(in, location(feed)).entries());
                    }
                    yield new Applied(counts.added(), counts.updated(), counts.removed(), List.of(),
                            tx.fetchCount(KEV_ENTRY));
                }
                default -> {
                    Path file = prepared.files().getFirst();
                    EpssCsvParser.Summary summary;
                    try (InputStream in = open(file)) {
                        summary = epssStore.replace(tx, in, location(feed), dateInName(location(feed)));
                    }
                    int count = tx.fetchCount(EPSS_SCORE);
                    yield new Applied(0, (int) summary.scores(), 0, List.of(), count);
                }
            };
        } catch (FeedSourceException e) {
            throw new LoadFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Applied applyNvd(DSLContext tx, Prepared prepared, boolean flush) throws FeedSourceException,
            IOException {
        List<String> removedByFlush = flush ? tx.select(NVD_CVE.CVE_ID).from(NVD_CVE).fetch(NVD_CVE.CVE_ID)
                : List.of();
        if (flush) {
            tx.deleteFrom(NVD_CVE).execute();
        }
        Set<String> added = new HashSet<>();
        Set<String> updated = new HashSet<>();
        Set<String> removed = new HashSet<>();
        List<NvdCve> batch = new ArrayList<>();
        Runnable write = () -> {
            NvdCveStore.Changes changes = nvdStore.write(tx, batch);
            added.addAll(changes.added());
            updated.addAll(changes.updated());
            removed.addAll(changes.removed());
            batch.clear();
        };
        for (Path file : prepared.files()) {
            try (InputStream in = open(file)) {
                nvdParser.parse(in, file.getFileName().toString(), cve -> {
                    batch.add(cve);
                    if (batch.size() >= NVD_BATCH) {
                        write.run();
                    }
                });
            }
            write.run();
        }
        if (flush) {
            // a flush that brings a CVE back is not a change to it
            Set<String> back = new HashSet<>(removedByFlush);
            back.retainAll(added);
            added.removeAll(back);
            Set<String> gone = new HashSet<>(removedByFlush);
            gone.removeAll(back);
            removed.addAll(gone);
            updated.addAll(back);
        }
        List<String> changed = new ArrayList<>(added);
        changed.addAll(updated);
        changed.addAll(removed);
        return new Applied(added.size(), updated.size(), removed.size(), changed, tx.fetchCount(NVD_CVE));
    }

    private void finish(String feed, String group, UUID syncId, Instant runStart, Prepared prepared, Applied applied) {
        Set<String> keys = applied.changedCves().isEmpty() ? Set.of() : keysCiting(applied.changedCves());
        feeds.finishSync(syncId, clock.instant(), new GroupChanges(applied.added(), applied.updated(),
                applied.removed(), keys));
        feeds.recordGroupSuccess(feed, group, syncId, runStart, prepared.validators().etag(),
                prepared.validators().lastModified());
        dsl.update(FEED_GROUP).set(FEED_GROUP.RECORD_COUNT, applied.recordCount())
                .where(FEED_GROUP.FEED.eq(feed), FEED_GROUP.NAME.eq(group)).execute();
        if (!keys.isEmpty()) {
            outbox.append(Topics.FEED_UPDATED_TOPIC, feed + "/" + group, new FeedUpdated(
                    Events.metadata(Topics.FEED_UPDATED_TOPIC, clock, null), syncId, feed, group, applied.added(),
                    applied.updated(), applied.removed()));
        }
    }

    /** Matching keys of the stored vulnerability records that are, or alias, one of the CVEs. */
    private Set<String> keysCiting(List<String> cves) {
        Set<String> keys = new HashSet<>();
        for (int from = 0; from < cves.size(); from += 10_000) {
            String[] chunk = cves.subList(from, Math.min(cves.size(), from + 10_000)).toArray(String[]::new);
            dsl.fetch("""
                    select distinct p.match_key from vulnerability v
                    join vulnerability_package p on p.feed = v.feed and p.group_name = v.group_name and p.vuln_id = v.id
                    where v.id = any({0}::text[]) or v.aliases && {0}::text[]""",
                    DSL.val(chunk, SQLDataType.VARCHAR.array())).forEach(r -> keys.add(r.get(0, String.class)));
        }
        return keys;
    }

    private void fail(String feed, String group, UUID syncId, Instant runStart, String error) {
        failures.record(feed, group, syncId, runStart, error, Map.of());
    }

    private int currentCount(String feed) {
        return switch (feed) {
            case NVD -> dsl.fetchCount(NVD_CVE);
            case KEV -> dsl.fetchCount(KEV_ENTRY);
            default -> dsl.fetchCount(EPSS_SCORE);
        };
    }

    private String location(String feed) {
        return switch (feed) {
            case NVD -> properties.nvd().apiUrl() != null ? properties.nvd().apiUrl().toString()
                    : Stream.concat(properties.nvd().urls().stream().map(URI::toString),
                    properties.nvd().paths().stream().map(Path::toString)).toList().toString();
            case KEV -> properties.kev().location();
            default -> properties.epss().location();
        };
    }

    /** EPSS files older than 2022 carry no date inside; their names do ({@code epss_scores-2021-04-14.csv.gz}). */
    private static LocalDate dateInName(String location) {
        Matcher m = DATED_FILE.matcher(location);
        return m.find() ? LocalDate.parse(m.group(1)) : null;
    }

    /** Reads a file, gunzipping it when it starts with gzip's magic bytes (a mirror may or may not compress). */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof LoadFailure && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static double seconds(long startedNanos) {
        return SyncFailures.secondsSince(startedNanos);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // left in the temp directory
                }
            });
        } catch (IOException ignored) {
            // left in the temp directory
        }
    }

    /** Carries a data problem out of the transaction callback, rolling it back. */
    private static final class LoadFailure extends RuntimeException {
        LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
