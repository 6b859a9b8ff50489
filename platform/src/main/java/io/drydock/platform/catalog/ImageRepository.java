package io.drydock.platform.catalog;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.IMAGE;
import static io.drydock.schemas.db.Tables.IMAGE_TAG;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

/**
 * The image catalog: the one place that creates image records and moves their status. Every status change is a
 * compare-and-set on the expected current state, so a late or repeated event can never move an image backwards,
 * and a record that is being deleted (or is gone) is never brought back by one.
 */
@Repository
public class ImageRepository {

    private static final TypeReference<Map<String, String>> ANNOTATIONS = new TypeReference<>() {
    };

    private final DSLContext dsl;
    private final JsonMapper json;

    public ImageRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** Outcome of recording a registry lookup. */
    public record Recorded(Image image, boolean created, boolean tagWasNew) {
    }

    /**
     * Creates the image record if the account has none for the digest, else merges the tag and annotations into it
     * (an annotation value of the string {@code "null"} deletes the key, as in Anchore).
     */
    public Recorded record(NewImageRecord add) {
        OffsetDateTime now = utc(add.tagCreatedAt());
        Map<String, String> annotations = add.annotations() == null ? Map.of() : add.annotations();
        int created = dsl.insertInto(IMAGE)
                .set(IMAGE.ACCOUNT, add.account())
                .set(IMAGE.DIGEST, add.digest())
                .set(IMAGE.PARENT_DIGEST, add.parentDigest())
                .set(IMAGE.IMAGE_ID, add.imageId())
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.NOT_ANALYZED.wire())
                .set(IMAGE.IMAGE_STATUS, "active")
                .set(IMAGE.ANNOTATIONS, JSONB.valueOf(json.writeValueAsString(withoutDeletions(annotations))))
                .set(IMAGE.MANIFEST, add.manifest())
                .set(IMAGE.PARENT_MANIFEST, add.parentManifest())
                .set(IMAGE.PLATFORM, add.platform())
                .set(IMAGE.COMPRESSED_SIZE, add.compressedSize())
                .set(IMAGE.SOURCE, add.source().wire())
                .set(IMAGE.CREATED_AT, now)
                .set(IMAGE.LAST_UPDATED, now)
                .onConflictDoNothing()
                .execute();
        if (created == 0 && !annotations.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(annotationsOf(add.account(), add.digest()));
            annotations.forEach((key, value) -> {
                if ("null".equals(value)) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            dsl.update(IMAGE)
                    .set(IMAGE.ANNOTATIONS, JSONB.valueOf(json.writeValueAsString(merged)))
                    .set(IMAGE.LAST_UPDATED, now)
                    .where(key(add.account(), add.digest()))
                    .execute();
        }
        int tagInserted = dsl.insertInto(IMAGE_TAG)
                .set(IMAGE_TAG.ACCOUNT, add.account())
                .set(IMAGE_TAG.IMAGE_DIGEST, add.digest())
                .set(IMAGE_TAG.REGISTRY, add.registry())
                .set(IMAGE_TAG.REPO, add.repo())
                .set(IMAGE_TAG.TAG, add.tag())
                .set(IMAGE_TAG.IMAGE_ID, add.imageId())
                .set(IMAGE_TAG.DOCKERFILE, add.dockerfile())
                .set(IMAGE_TAG.CREATED_AT, now)
                .set(IMAGE_TAG.LAST_UPDATED, now)
                .set(IMAGE_TAG.TAG_DETECTED_AT, now)
                .onConflictDoNothing()
                .execute();
        if (tagInserted == 0) {
            var update = dsl.update(IMAGE_TAG).set(IMAGE_TAG.LAST_UPDATED, now);
            if (add.dockerfile() != null) {
                update = update.set(IMAGE_TAG.DOCKERFILE, add.dockerfile());
            }
            update.where(IMAGE_TAG.ACCOUNT.eq(add.account()), IMAGE_TAG.IMAGE_DIGEST.eq(add.digest()),
                    IMAGE_TAG.REGISTRY.eq(add.registry()), IMAGE_TAG.REPO.eq(add.repo()), IMAGE_TAG.TAG.eq(add.tag()))
                    .execute();
        }
        Image image = find(add.account(), add.digest()).orElseThrow();
        return new Recorded(image, created == 1, tagInserted == 1);
    }

    public Optional<Image> find(String account, String digest) {
        return dsl.select(IMAGE.fields()).select(tags())
                .from(IMAGE)
                .where(key(account, digest))
                .fetchOptional(this::toImage);
    }

    /** The manifest the account's record of the digest was added with, exactly as the registry served it. */
    public Optional<String> manifest(String account, String digest) {
        return dsl.select(IMAGE.MANIFEST).from(IMAGE).where(key(account, digest)).fetchOptional(IMAGE.MANIFEST);
    }

    /** An account's images, newest first, optionally filtered. */
    public List<Image> list(String account, ImageFilter filter) {
        Condition condition = IMAGE.ACCOUNT.eq(account);
        if (filter.imageStatus() != null) {
            condition = condition.and(IMAGE.IMAGE_STATUS.eq(filter.imageStatus()));
        }
        if (filter.analysisStatus() != null) {
            condition = condition.and(IMAGE.ANALYSIS_STATUS.eq(filter.analysisStatus().wire()));
        }
        return dsl.select(IMAGE.fields()).select(tags())
                .from(IMAGE)
                .where(condition)
                .orderBy(IMAGE.CREATED_AT.desc(), IMAGE.DIGEST)
                .fetch(this::toImage);
    }

    /** Digests that ever carried the tag for the account, latest (newest tag-history time) first. */
    public List<String> digestsForTag(String account, String registry, String repo, String tag) {
        return dsl.select(IMAGE_TAG.IMAGE_DIGEST)
                .from(IMAGE_TAG)
                .join(IMAGE).on(IMAGE.ACCOUNT.eq(IMAGE_TAG.ACCOUNT), IMAGE.DIGEST.eq(IMAGE_TAG.IMAGE_DIGEST))
                .where(IMAGE_TAG.ACCOUNT.eq(account), IMAGE_TAG.REGISTRY.eq(registry), IMAGE_TAG.REPO.eq(repo),
                        IMAGE_TAG.TAG.eq(tag), IMAGE.IMAGE_STATUS.eq("active"))
                .orderBy(IMAGE_TAG.CREATED_AT.desc(), IMAGE_TAG.IMAGE_DIGEST)
                .fetch(IMAGE_TAG.IMAGE_DIGEST);
    }

    /** Every (account, fulltag) whose active image record references the digest: whom an analysis concerns. */
    public List<TagReference> tagsReferencing(String digest) {
        return dsl.select(IMAGE_TAG.ACCOUNT, IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG)
                .from(IMAGE_TAG)
                .join(IMAGE).on(IMAGE.ACCOUNT.eq(IMAGE_TAG.ACCOUNT), IMAGE.DIGEST.eq(IMAGE_TAG.IMAGE_DIGEST))
                .where(IMAGE_TAG.IMAGE_DIGEST.eq(digest), IMAGE.IMAGE_STATUS.eq("active"))
                .orderBy(IMAGE_TAG.ACCOUNT, IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG)
                .fetch(r -> new TagReference(r.get(IMAGE_TAG.ACCOUNT),
                        r.get(IMAGE_TAG.REGISTRY) + "/" + r.get(IMAGE_TAG.REPO) + ":" + r.get(IMAGE_TAG.TAG)));
    }

    /** (account, fulltag) pair. */
    public record TagReference(String account, String fulltag) {
    }

    /** Points the account's record at a (new) analysis job and back to not_analyzed: a forced or retried analysis. */
    public boolean requeue(String account, String digest, UUID jobId, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.NOT_ANALYZED.wire())
                .set(IMAGE.ANALYSIS_JOB_ID, jobId)
                .set(IMAGE.FAILURE_REASON, (String) null)
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(key(account, digest), IMAGE.IMAGE_STATUS.eq("active"),
                        IMAGE.ANALYSIS_STATUS.ne(AnalysisStatus.ANALYZING.wire()))
                .execute() == 1;
    }

    /**
     * deleting → active and not_analyzed: an image re-added while waiting for the purge is analysed again, as Anchore
     * resets a record that is not active (§2.3 step 7). Returns false when the purge got there first.
     */
    public boolean reactivate(String account, String digest, UUID jobId, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.IMAGE_STATUS, "active")
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.NOT_ANALYZED.wire())
                .set(IMAGE.ANALYSIS_JOB_ID, jobId)
                .set(IMAGE.FAILURE_REASON, (String) null)
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(key(account, digest), IMAGE.IMAGE_STATUS.eq("deleting"))
                .execute() == 1;
    }

    /** Records which job analyses an image that is waiting for one. */
    public void attachJob(String account, String digest, UUID jobId) {
        dsl.update(IMAGE).set(IMAGE.ANALYSIS_JOB_ID, jobId)
                .where(key(account, digest), IMAGE.ANALYSIS_STATUS.eq(AnalysisStatus.NOT_ANALYZED.wire()))
                .execute();
    }

    /** not_analyzed → analyzing, for every account's active record of the digest. */
    public int startAnalysis(String digest, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.ANALYZING.wire())
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(IMAGE.DIGEST.eq(digest), IMAGE.IMAGE_STATUS.eq("active"),
                        IMAGE.ANALYSIS_STATUS.eq(AnalysisStatus.NOT_ANALYZED.wire()))
                .execute();
    }

    /** not_analyzed | analyzing → analyzed, for every account's active record of the digest. */
    public int completeAnalysis(String digest, String imageId, Instant analyzedAt) {
        return dsl.update(IMAGE)
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.ANALYZED.wire())
                .set(IMAGE.IMAGE_ID, imageId)
                .set(IMAGE.FAILURE_REASON, (String) null)
                .set(IMAGE.ANALYZED_AT, utc(analyzedAt))
                .set(IMAGE.LAST_UPDATED, utc(analyzedAt))
                .where(IMAGE.DIGEST.eq(digest), IMAGE.IMAGE_STATUS.eq("active"),
                        IMAGE.ANALYSIS_STATUS.in(AnalysisStatus.NOT_ANALYZED.wire(), AnalysisStatus.ANALYZING.wire()))
                .execute();
    }

    /** not_analyzed → analyzed for one account's record, from an analysis of the digest stored before. */
    public boolean adoptAnalysis(String account, String digest, Instant analyzedAt, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.ANALYZED.wire())
                .set(IMAGE.ANALYZED_AT, utc(analyzedAt))
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(key(account, digest), IMAGE.IMAGE_STATUS.eq("active"),
                        IMAGE.ANALYSIS_STATUS.eq(AnalysisStatus.NOT_ANALYZED.wire()))
                .execute() == 1;
    }

    /** not_analyzed | analyzing → analysis_failed with the reason, for every account's active record of the digest. */
    public int failAnalysis(String digest, String reason, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.ANALYSIS_STATUS, AnalysisStatus.ANALYSIS_FAILED.wire())
                .set(IMAGE.FAILURE_REASON, reason)
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(IMAGE.DIGEST.eq(digest), IMAGE.IMAGE_STATUS.eq("active"),
                        IMAGE.ANALYSIS_STATUS.in(AnalysisStatus.NOT_ANALYZED.wire(), AnalysisStatus.ANALYZING.wire()))
                .execute();
    }

    /** active → deleting. Returns false when the record is absent or already deleting. */
    public boolean markDeleting(String account, String digest, Instant now) {
        return dsl.update(IMAGE)
                .set(IMAGE.IMAGE_STATUS, "deleting")
                .set(IMAGE.LAST_UPDATED, utc(now))
                .where(key(account, digest), IMAGE.IMAGE_STATUS.eq("active"))
                .execute() == 1;
    }

    /** Removes records in {@code deleting} (the tag rows go with them); returns how many. */
    public int purgeDeleting(String account, String digest) {
        return dsl.deleteFrom(IMAGE).where(key(account, digest), IMAGE.IMAGE_STATUS.eq("deleting")).execute();
    }

    /** Digests of active images stuck in not_analyzed or analyzing whose job is missing, finished or expired. */
    public List<StuckImage> stuck(Instant leaseExpiredBefore) {
        return dsl.resultQuery("""
                        select i.account, i.digest, i.analysis_status, i.analysis_job_id
                        from image i
                        left join analysis_job j on j.id = i.analysis_job_id
                        where i.image_status = 'active'
                          and i.analysis_status in ('not_analyzed', 'analyzing')
                          and (j.id is null
                               or j.state in ('succeeded', 'failed')
                               or (j.state = 'running' and j.lease_expires_at < {0})
                               or (j.state = 'queued' and j.updated_at < {0}))
                        order by i.created_at
                        limit 500""", DSL.val(utc(leaseExpiredBefore)))
                .fetch(r -> new StuckImage(r.get(0, String.class), r.get(1, String.class),
                        AnalysisStatus.fromWire(r.get(2, String.class)), r.get(3, UUID.class)));
    }

    /** An image the reconciler must look at. */
    public record StuckImage(String account, String digest, AnalysisStatus status, UUID jobId) {
    }

    private Map<String, String> annotationsOf(String account, String digest) {
        JSONB value = dsl.select(IMAGE.ANNOTATIONS).from(IMAGE).where(key(account, digest)).fetchOne(IMAGE.ANNOTATIONS);
        return value == null ? Map.of() : json.readValue(value.data(), ANNOTATIONS);
    }

    private static Map<String, String> withoutDeletions(Map<String, String> annotations) {
        Map<String, String> kept = new LinkedHashMap<>(annotations);
        kept.values().removeIf("null"::equals);
        return kept;
    }

    private static Condition key(String account, String digest) {
        return IMAGE.ACCOUNT.eq(account).and(IMAGE.DIGEST.eq(digest));
    }

    private static Field<List<ImageTag>> tags() {
        return multiset(select(IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG, IMAGE_TAG.IMAGE_ID,
                IMAGE_TAG.DOCKERFILE, IMAGE_TAG.CREATED_AT, IMAGE_TAG.LAST_UPDATED, IMAGE_TAG.TAG_DETECTED_AT)
                .from(IMAGE_TAG)
                .where(IMAGE_TAG.ACCOUNT.eq(IMAGE.ACCOUNT), IMAGE_TAG.IMAGE_DIGEST.eq(IMAGE.DIGEST))
                .orderBy(IMAGE_TAG.CREATED_AT.desc(), IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG))
                .as("tags")
                .convertFrom(rows -> rows.map(r -> new ImageTag(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5(), instant(r.value6()), instant(r.value7()), instant(r.value8()))));
    }

    private Image toImage(Record r) {
        JSONB annotations = r.get(IMAGE.ANNOTATIONS);
        return new Image(r.get(IMAGE.ACCOUNT), r.get(IMAGE.DIGEST), r.get(IMAGE.PARENT_DIGEST), r.get(IMAGE.IMAGE_ID),
                r.get(IMAGE.IMAGE_TYPE), AnalysisStatus.fromWire(r.get(IMAGE.ANALYSIS_STATUS)), r.get(IMAGE.IMAGE_STATUS),
                annotations == null ? Map.of() : json.readValue(annotations.data(), ANNOTATIONS),
                r.get(IMAGE.PLATFORM), r.get(IMAGE.COMPRESSED_SIZE), r.get(IMAGE.ANALYSIS_JOB_ID),
                r.get(IMAGE.FAILURE_REASON), instant(r.get(IMAGE.CREATED_AT)), instant(r.get(IMAGE.LAST_UPDATED)),
                instant(r.get(IMAGE.ANALYZED_AT)), tagsOf(r), ImageSource.fromWire(r.get(IMAGE.SOURCE)));
    }

    @SuppressWarnings("unchecked")
    private static List<ImageTag> tagsOf(Record r) {
        return (List<ImageTag>) r.get("tags");
    }

}
