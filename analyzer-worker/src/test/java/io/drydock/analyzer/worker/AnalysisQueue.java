package io.drydock.analyzer.worker;

import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.NewImageRecord;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Puts images in front of the worker as the gateway does (image record, queued job, {@code image-added} through the
 * outbox) and waits for the outcome, for one account and repository of the test registry.
 */
final class AnalysisQueue {

    private final ImageRepository images;
    private final AnalysisJobRepository jobs;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TestRegistry registry;
    private final String account;
    private final String repo;
    private final Clock clock = Clock.systemUTC();

    AnalysisQueue(ImageRepository images, AnalysisJobRepository jobs, Outbox outbox, TransactionTemplate transactions,
                  TestRegistry registry, String account, String repo) {
        this.images = images;
        this.jobs = jobs;
        this.outbox = outbox;
        this.transactions = transactions;
        this.registry = registry;
        this.account = account;
        this.repo = repo;
    }

    /** Records the image for the account, queues its job and announces it, in one transaction. */
    UUID recordAndAnnounce(TestImage image, String tag) {
        return transactions.execute(status -> record(image, tag));
    }

    UUID recordAndAnnounce(String digest, String configDigest, byte[] manifest, long size, String tag) {
        return transactions.execute(status -> record(digest, configDigest, manifest, size, tag));
    }

    /** As {@link #recordAndAnnounce}, inside the caller's transaction. */
    UUID record(TestImage image, String tag) {
        long size = image.layers().stream().mapToLong(TestLayer::size).sum();
        return record(image.manifestDigest(), image.configDigest(), image.manifestBytes(), size, tag);
    }

    UUID record(String digest, String configDigest, byte[] manifest, long size, String tag) {
        Instant now = clock.instant();
        images.record(new NewImageRecord(account, digest, digest, configDigest.substring("sha256:".length()),
                new String(manifest, StandardCharsets.UTF_8), null, "linux/amd64", size, registry.hostPort(), repo,
                tag, null, Map.of(), now));
        UUID job = jobs.enqueue(account, digest, registry.hostPort(), repo, "linux/amd64", now);
        images.attachJob(account, digest, job);
        outbox.append(Topics.IMAGE_ADDED_TOPIC, digest, new ImageAdded(
                Events.metadata(Topics.IMAGE_ADDED_TOPIC, clock, account), digest, job,
                registry.hostPort() + "/" + repo + ":" + tag, ImageAddedReason.API, null));
        return job;
    }

    /** The image once its analysis ended, either way. */
    Image awaitOutcome(String digest) {
        await("analysis of " + digest + " finished").atMost(Duration.ofSeconds(60)).until(() -> {
            AnalysisStatus status = images.find(account, digest).orElseThrow().analysisStatus();
            return status == AnalysisStatus.ANALYZED || status == AnalysisStatus.ANALYSIS_FAILED;
        });
        return images.find(account, digest).orElseThrow();
    }
}
