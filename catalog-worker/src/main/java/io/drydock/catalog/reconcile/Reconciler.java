package io.drydock.catalog.reconcile;

import io.drydock.platform.catalog.AnalysisJob;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageRepository.StuckImage;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.AnalysisComplete;
import io.drydock.schemas.events.AnalysisOutcome;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;

/**
 * Nothing waits on a lost event: images stuck in not_analyzed or analyzing past their job's lease get their job
 * re-queued and a fresh {@code image-added}; jobs whose worker died on every attempt fail, and so do their images.
 * One instance reconciles at a time (a transaction-scoped advisory lock); the others skip the round.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final long LOCK_KEY = 0x6472796372656331L;

    private final ImageRepository images;
    private final AnalysisJobRepository jobs;
    private final Outbox outbox;
    private final EventLog events;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration grace;

    public Reconciler(ImageRepository images, AnalysisJobRepository jobs, Outbox outbox, EventLog events, DSLContext dsl,
                      TransactionTemplate transactions, Clock clock,
                      @Value("${drydock.catalog.reconcile-grace:60s}") Duration grace) {
        this.images = images;
        this.jobs = jobs;
        this.outbox = outbox;
        this.events = events;
        this.dsl = dsl;
        this.transactions = transactions;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${drydock.catalog.reconcile-interval:15s}", initialDelayString = "${drydock.catalog.reconcile-interval:15s}")
    public void reconcile() {
        transactions.executeWithoutResult(status -> {
            if (!Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", LOCK_KEY))) {
                return;
            }
            Instant now = clock.instant();
            for (AnalysisJob abandoned : jobs.abandon(now)) {
                String reason = jobs.failureReason(abandoned.id()).orElse("analysis abandoned");
                if (images.failAnalysis(abandoned.imageDigest(), reason, now) > 0) {
                    log.warn("Analysis of {} failed: {}", abandoned.imageDigest(), reason);
                    events.append(abandoned.account(), "system.image_analysis.failed", "error", reason,
                            "image_digest", abandoned.imageDigest(), Map.of());
                    outbox.append(Topics.ANALYSIS_COMPLETE_TOPIC, abandoned.imageDigest(), new AnalysisComplete(
                            Events.metadata(Topics.ANALYSIS_COMPLETE_TOPIC, clock, abandoned.account()),
                            abandoned.imageDigest(), abandoned.id(), AnalysisOutcome.FAILED, null, reason));
                }
            }
            for (StuckImage stuck : images.stuck(now.minus(grace))) {
                requeue(stuck, now);
            }
        });
    }

    private void requeue(StuckImage stuck, Instant now) {
        var image = images.find(stuck.account(), stuck.digest()).orElse(null);
        if (image == null || image.tags().isEmpty()) {
            return;
        }
        var tag = image.tags().getFirst();
        UUID jobId = jobs.enqueue(stuck.account(), stuck.digest(), tag.registry(), tag.repo(), image.platform(),
                image.source(), now);
        if (!jobId.equals(stuck.jobId())) {
            images.requeue(stuck.account(), stuck.digest(), jobId, now);
        }
        // Touch the job so that a queued one is not re-announced every round while it waits for a free worker.
        dsl.update(ANALYSIS_JOB).set(ANALYSIS_JOB.UPDATED_AT, utc(now))
                .where(ANALYSIS_JOB.ID.eq(jobId), ANALYSIS_JOB.STATE.eq("queued"))
                .execute();
        log.info("Re-queued analysis of {} for {} (was {}, job {})", stuck.digest(), stuck.account(),
                stuck.status().wire(), jobId);
        outbox.append(Topics.IMAGE_ADDED_TOPIC, stuck.digest(), new ImageAdded(
                Events.metadata(Topics.IMAGE_ADDED_TOPIC, clock, stuck.account()), stuck.digest(), jobId,
                tag.fulltag(), ImageAddedReason.RECONCILE, null));
    }

    @Scheduled(fixedDelayString = "${drydock.catalog.image-gc-interval:60s}", initialDelayString = "${drydock.catalog.image-gc-interval:60s}")
    public void purgeDeletedImages() {
        transactions.executeWithoutResult(status -> {
            int purged = dsl.execute("delete from image where image_status = 'deleting'");
            if (purged > 0) {
                log.info("Purged {} deleted image records", purged);
            }
        });
    }
}
