package io.drydock.analyzer.worker;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalysisRequest;
import io.drydock.analyzer.FileRecord;
import io.drydock.analyzer.ImageAnalysisResult;
import io.drydock.analyzer.ImageAnalyzer;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.layer.LayerCache;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.AnalysisJob;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageSource;
import io.drydock.platform.credentials.RegistryCredentialResolver;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.events.ServiceIdentity;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.registry.Descriptor;
import io.drydock.platform.registry.RegistryCredentials;
import io.drydock.platform.registry.ImageReference;
import io.drydock.platform.registry.Platform;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryException;
import io.drydock.platform.registry.ResolvedImage;
import io.drydock.schemas.events.AnalysisComplete;
import io.drydock.schemas.events.AnalysisOutcome;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.drydock.schemas.db.Tables.IMAGE_TAG;

/**
 * Runs one claimed analysis job: pulls the image by digest, streams each layer once through the analyzer, and stores
 * the result, the status move, the job's end and {@code analysis-complete} in one transaction — which commits only if
 * this worker still holds the job, so an analysis taken over after a lost lease is stored once.
 */
@Component
public class AnalysisRunner {

    private static final Logger log = LoggerFactory.getLogger(AnalysisRunner.class);
    private static final long MAX_CONFIG_BYTES = 8L * 1024 * 1024;

    private final RegistryClient registry;
    private final ArchivedImageReader archives;
    private final RegistryCredentialResolver credentials;
    private final AnalysisJobRepository jobs;
    private final ImageRepository images;
    private final AnalysisRepository analyses;
    private final Outbox outbox;
    private final EventLog events;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final AnalyzerProperties properties;
    private final ServiceIdentity identity;
    private final JsonMapper json;
    private final Clock clock;
    private final ImageAnalyzer analyzer;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("analysis-heartbeat").daemon().factory());

    public AnalysisRunner(RegistryClient registry, ArchivedImageReader archives, RegistryCredentialResolver credentials, AnalysisJobRepository jobs,
                          ImageRepository images,
                          AnalysisRepository analyses, Outbox outbox, EventLog events, DSLContext dsl,
                          TransactionTemplate transactions, AnalyzerProperties properties, ServiceIdentity identity,
                          JsonMapper json, Clock clock) {
        this.registry = registry;
        this.archives = archives;
        this.credentials = credentials;
        this.jobs = jobs;
        this.images = images;
        this.analyses = analyses;
        this.outbox = outbox;
        this.events = events;
        this.dsl = dsl;
        this.transactions = transactions;
        this.properties = properties;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
        // Built once: a bad search or limit in the configuration stops the worker at start, not each analysis.
        this.analyzer = new ImageAnalyzer(properties.limits(), Catalogers.defaults(), properties.options(),
                properties.tempDirectory(), properties.layerCache()
                        ? new JdbcLayerCache(dsl, clock, properties.layerCacheMaxEntrySize().toBytes())
                        : LayerCache.none());
    }

    public void run(AnalysisJob job) {
        String owner = identity.hostId();
        AtomicBoolean leaseLost = new AtomicBoolean();
        var heartbeat = heartbeats.scheduleWithFixedDelay(() -> {
            try {
                Boolean held = transactions.execute(s -> jobs.heartbeat(job.id(), owner, properties.lease(), clock.instant()));
                if (!Boolean.TRUE.equals(held)) {
                    leaseLost.set(true);
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat of analysis job {} failed: {}", job.id(), e.getMessage());
            }
        }, properties.heartbeat().toMillis(), properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            transactions.executeWithoutResult(s -> images.startAnalysis(job.imageDigest(), clock.instant()));
            log.info("Analysing {} from {} (job {}, attempt {})", job.imageDigest(),
                    job.source() == ImageSource.ARCHIVE ? "its uploaded archive" : job.pullRegistry() + "/" + job.pullRepo(),
                    job.id(), job.attempts());
            ImageAnalysisResult result = analyse(job);
            if (leaseLost.get()) {
                log.warn("Lost the lease on job {} while analysing {}; discarding this result", job.id(), job.imageDigest());
                return;
            }
            store(job, owner, result);
            log.info("Analysed {} in {} ms: {} {} with {} packages", job.imageDigest(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), result.distro(), result.distroVersion(),
                    result.packages().size());
        } catch (AnalysisFailure e) {
            fail(job, owner, e.getMessage());
        } catch (RegistryException e) {
            if (e.isTransient() && job.attempts() < job.maxAttempts()) {
                log.warn("Registry trouble analysing {}; job {} goes back to the queue: {}", job.imageDigest(), job.id(),
                        e.getMessage());
                transactions.executeWithoutResult(s -> jobs.release(job.id(), owner, clock.instant()));
            } else {
                fail(job, owner, e.code().name() + ": " + e.getMessage());
            }
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("Analysis of {} interrupted (shutting down); its lease will expire", job.imageDigest());
                return;
            }
            log.error("Analysis of {} failed unexpectedly", job.imageDigest(), e);
            fail(job, owner, "analysis failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            heartbeat.cancel(false);
        }
    }

    private ImageAnalysisResult analyse(AnalysisJob job) throws Exception {
        AnalysisRequest request = job.source() == ImageSource.ARCHIVE
                ? archives.request(job.imageDigest(), MAX_CONFIG_BYTES) : fromRegistry(job);
        String dockerfile = suppliedDockerfile(job);
        if (dockerfile != null) {
            request = request.withDockerfile(dockerfile);
        }
        return analyzer.analyze(request);
    }

    private AnalysisRequest fromRegistry(AnalysisJob job) {
        ImageReference ref = new ImageReference(job.pullRegistry(), job.pullRepo(), null, job.imageDigest());
        // The job's account owns the image record: its registry credentials pull, never another account's.
        RegistryCredentials login = credentials.resolve(job.account(), job.pullRegistry(), job.pullRepo()).orElse(null);
        ResolvedImage resolved = registry.resolve(ref, Platform.parse(job.platform()), login);
        byte[] config = registry.fetchBlob(ref, resolved.configDigest(), login, MAX_CONFIG_BYTES);
        List<LayerDescriptor> layers = resolved.layers().stream()
                .map((Descriptor d) -> new LayerDescriptor(d.digest(), d.mediaType(), d.size())).toList();
        return AnalysisRequest.of(layers, config, layer -> registry.openBlob(ref, layer.digest(), layer.size(), login));
    }

    /** The Dockerfile a user supplied with the image, if any (stored base64, as Anchore takes it). */
    private String suppliedDockerfile(AnalysisJob job) {
        String encoded = dsl.select(IMAGE_TAG.DOCKERFILE).from(IMAGE_TAG)
                .where(IMAGE_TAG.IMAGE_DIGEST.eq(job.imageDigest()), IMAGE_TAG.DOCKERFILE.isNotNull())
                .orderBy(IMAGE_TAG.LAST_UPDATED.desc()).limit(1).fetchOne(IMAGE_TAG.DOCKERFILE);
        return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    private void store(AnalysisJob job, String owner, ImageAnalysisResult result) {
        Instant now = clock.instant();
        StoredAnalysis stored = new StoredAnalysis(job.imageDigest(), result.analyzerVersion(), result.imageId(),
                StoredText.text(result.distro()), StoredText.text(result.distroVersion()),
                StoredText.text(result.likeDistro()), StoredText.text(result.arch()), StoredText.text(result.os()),
                result.imageSize(), result.layerCount(), result.dockerfileMode().label(),
                StoredText.json(json.writeValueAsString(document(result))), now,
                result.packages().stream().map(AnalysisRunner::toStored).toList(),
                result.files().stream().map(AnalysisRunner::toStored).toList());
        transactions.executeWithoutResult(status -> {
            if (!jobs.finish(job.id(), owner, true, null, now)) {
                // Another worker owns the job now (our lease expired); its result will be the one stored.
                status.setRollbackOnly();
                log.warn("Job {} was taken over by another worker; not storing this analysis of {}", job.id(), job.imageDigest());
                return;
            }
            analyses.save(stored);
            int updated = images.completeAnalysis(job.imageDigest(), result.imageId(), now);
            events.append(job.account(), "system.image_analysis.completed", "info",
                    "analysis of " + job.imageDigest() + " completed", "image_digest", job.imageDigest(),
                    Map.of("images_updated", updated));
            outbox.append(Topics.ANALYSIS_COMPLETE_TOPIC, job.imageDigest(), new AnalysisComplete(
                    Events.metadata(Topics.ANALYSIS_COMPLETE_TOPIC, clock, job.account()), job.imageDigest(), job.id(),
                    AnalysisOutcome.ANALYZED, result.analyzerVersion(), null));
        });
    }

    private void fail(AnalysisJob job, String owner, String reason) {
        log.warn("Analysis of {} failed: {}", job.imageDigest(), reason);
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            if (!jobs.finish(job.id(), owner, false, reason, now)) {
                status.setRollbackOnly();
                return;
            }
            images.failAnalysis(job.imageDigest(), reason, now);
            events.append(job.account(), "system.image_analysis.failed", "error", reason, "image_digest",
                    job.imageDigest(), Map.of());
            outbox.append(Topics.ANALYSIS_COMPLETE_TOPIC, job.imageDigest(), new AnalysisComplete(
                    Events.metadata(Topics.ANALYSIS_COMPLETE_TOPIC, clock, job.account()), job.imageDigest(), job.id(),
                    AnalysisOutcome.FAILED, ImageAnalyzer.VERSION, reason));
        });
    }

    /** The result without its packages and files, which go to their own tables. */
    private ObjectNode document(ImageAnalysisResult result) {
        ObjectNode document = json.valueToTree(result);
        document.remove("packages");
        document.remove("files");
        return document;
    }

    private static StoredAnalysis.StoredPackage toStored(PackageRecord p) {
        Map<String, String> metadata = new LinkedHashMap<>();
        p.metadata().forEach((key, value) -> metadata.put(StoredText.text(key), StoredText.text(value)));
        return new StoredAnalysis.StoredPackage(StoredText.text(p.type()), StoredText.text(p.name()),
                StoredText.text(p.version()), StoredText.text(p.arch()), StoredText.text(p.sourceName()),
                StoredText.text(p.sourceVersion()),
                p.licenses() == null ? null : StoredText.text(String.join(" ", p.licenses())), p.size(),
                StoredText.text(p.origin()), p.layerDigest(), StoredText.text(p.location()), StoredText.text(p.purl()),
                p.cpes().stream().map(StoredText::text).toList(), metadata);
    }

    private static StoredAnalysis.StoredFile toStored(FileRecord f) {
        return new StoredAnalysis.StoredFile(StoredText.text(f.path()), f.type().label(), f.mode(), f.uid(), f.gid(),
                f.size(), f.sha256(), StoredText.text(f.linkTarget()), f.layerDigest());
    }
}
