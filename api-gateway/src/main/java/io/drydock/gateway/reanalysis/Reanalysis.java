package io.drydock.gateway.reanalysis;

import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.ImageSource;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ANALYSIS;
import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;
import static io.drydock.schemas.db.Tables.IMAGE;
import static io.drydock.schemas.db.Tables.IMAGE_TAG;

/**
 * Re-analysis of the images an older analyzer version analysed: one job per digest (analyses are shared), driven by
 * one of the image records that reference it, through the same queue and {@code image-added} event as any analysis.
 * Until the new analysis is stored the old one keeps serving every record of the digest.
 */
@Service
public class Reanalysis {

    /** Re-queued per request at most; an admin repeats the request for the rest. */
    static final int MAX_PER_REQUEST = 10_000;

    private final DSLContext dsl;
    private final AnalysisJobRepository jobs;
    private final Outbox outbox;
    private final EventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Reanalysis(DSLContext dsl, AnalysisJobRepository jobs, Outbox outbox, EventLog events,
                      TransactionTemplate transactions, Clock clock) {
        this.dsl = dsl;
        this.jobs = jobs;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One digest re-queued, through the record of {@code account}. */
    public record Queued(String imageDigest, String account, String previousVersion, UUID jobId) {
    }

    /**
     * Queues every analysed digest whose analysis was made by another version than {@code current} (or, when
     * {@code onlyVersion} is given, by exactly that version).
     */
    public List<Queued> requeueOlder(String current, String onlyVersion) {
        var versionCondition = onlyVersion != null ? ANALYSIS.ANALYZER_VERSION.eq(onlyVersion)
                : ANALYSIS.ANALYZER_VERSION.ne(current);
        return transactions.execute(status -> {
            var candidates = dsl.select(IMAGE.ACCOUNT, IMAGE.DIGEST, IMAGE.PLATFORM, IMAGE.SOURCE,
                            ANALYSIS.ANALYZER_VERSION)
                    .from(IMAGE).join(ANALYSIS).on(ANALYSIS.IMAGE_DIGEST.eq(IMAGE.DIGEST))
                    .where(versionCondition, IMAGE.IMAGE_STATUS.eq("active"),
                            IMAGE.ANALYSIS_STATUS.eq(AnalysisStatus.ANALYZED.wire()),
                            // Another record of the digest may already be waiting for its re-analysis.
                            DSL.notExists(DSL.selectOne().from(ANALYSIS_JOB).where(
                                    ANALYSIS_JOB.IMAGE_DIGEST.eq(IMAGE.DIGEST),
                                    ANALYSIS_JOB.STATE.in("queued", "running"))))
                    .orderBy(IMAGE.DIGEST, IMAGE.CREATED_AT)
                    .limit(MAX_PER_REQUEST * 4)
                    .forUpdate().of(IMAGE).skipLocked()
                    .fetch();
            Set<String> seen = new HashSet<>();
            List<Queued> queued = new ArrayList<>();
            Instant now = clock.instant();
            for (Record candidate : candidates) {
                String digest = candidate.get(IMAGE.DIGEST);
                if (queued.size() >= MAX_PER_REQUEST || !seen.add(digest)) {
                    continue;
                }
                String account = candidate.get(IMAGE.ACCOUNT);
                var tag = dsl.select(IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG).from(IMAGE_TAG)
                        .where(IMAGE_TAG.ACCOUNT.eq(account), IMAGE_TAG.IMAGE_DIGEST.eq(digest))
                        .orderBy(IMAGE_TAG.LAST_UPDATED.desc()).limit(1).fetchOne();
                if (tag == null) {
                    continue;
                }
                UUID jobId = jobs.enqueue(account, digest, tag.value1(), tag.value2(), candidate.get(IMAGE.PLATFORM),
                        ImageSource.fromWire(candidate.get(IMAGE.SOURCE)), now);
                dsl.update(IMAGE).set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.NOT_ANALYZED.wire())
                        .set(IMAGE.ANALYSIS_JOB_ID, jobId).set(IMAGE.LAST_UPDATED, utc(now))
                        .where(IMAGE.ACCOUNT.eq(account), IMAGE.DIGEST.eq(digest)).execute();
                String fulltag = tag.value1() + "/" + tag.value2() + ":" + tag.value3();
                outbox.append(Topics.IMAGE_ADDED_TOPIC, digest, new ImageAdded(
                        Events.metadata(Topics.IMAGE_ADDED_TOPIC, clock, account), digest, jobId, fulltag,
                        ImageAddedReason.FORCE, null));
                events.append(account, "system.image_analysis.reanalysis_queued", "info",
                        "re-analysis of " + digest + " queued: analysed by " + candidate.get(ANALYSIS.ANALYZER_VERSION)
                                + ", current " + current, "image_digest", digest,
                        Map.of("previous_analyzer_version", candidate.get(ANALYSIS.ANALYZER_VERSION)));
                queued.add(new Queued(digest, account, candidate.get(ANALYSIS.ANALYZER_VERSION), jobId));
            }
            return queued;
        });
    }
}
