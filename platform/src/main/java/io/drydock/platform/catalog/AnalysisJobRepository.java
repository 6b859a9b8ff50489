package io.drydock.platform.catalog;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;

/**
 * Analysis jobs claimed in PostgreSQL with a lease ({@code FOR UPDATE SKIP LOCKED}): a worker holds a job only while
 * it heartbeats, a crashed worker's claim expires and another worker takes the job over. At most one job per digest
 * is queued or running.
 */
@Repository
public class AnalysisJobRepository {

    private final DSLContext dsl;

    public AnalysisJobRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The queued or running job of the digest, or a new queued one, pulling from the registry. */
    public UUID enqueue(String account, String digest, String registry, String repo, String platform, Instant now) {
        return enqueue(account, digest, registry, repo, platform, ImageSource.REGISTRY, now);
    }

    /**
     * The queued or running job of the digest, or a new queued one reading from {@code source}. An existing job keeps
     * its source: both sources hold the same content, the digest says so.
     */
    public UUID enqueue(String account, String digest, String registry, String repo, String platform,
                        ImageSource source, Instant now) {
        UUID candidate = io.drydock.platform.messaging.Events.UuidV7.at(now);
        dsl.execute("""
                insert into analysis_job (id, account, image_digest, pull_registry, pull_repo, platform, source, state,
                                          created_at, updated_at)
                values ({0}, {1}, {2}, {3}, {4}, {5}, {7}, 'queued', {6}, {6})
                on conflict (image_digest) where state in ('queued', 'running') do nothing""",
                DSL.val(candidate), DSL.val(account), DSL.val(digest), DSL.val(registry), DSL.val(repo),
                DSL.val(platform), DSL.val(utc(now)), DSL.val(source.wire()));
        return dsl.select(ANALYSIS_JOB.ID).from(ANALYSIS_JOB)
                .where(ANALYSIS_JOB.IMAGE_DIGEST.eq(digest), ANALYSIS_JOB.STATE.in("queued", "running"))
                .fetchOptional(ANALYSIS_JOB.ID)
                .orElseThrow(() -> new IllegalStateException("analysis job for " + digest + " vanished while queuing"));
    }

    /**
     * Claims the claimable job that is fairest to run next: queued ones, and running ones whose lease expired, that
     * have attempts left; the accounts with the fewest running jobs first, then the oldest job.
     */
    public Optional<AnalysisJob> claim(String owner, Duration lease, Instant now) {
        return dsl.resultQuery("""
                        update analysis_job
                        set state = 'running', attempts = attempts + 1, lease_owner = {0},
                            lease_expires_at = {1}, updated_at = {2}
                        where id = (
                            select j.id from analysis_job j
                            where (j.state = 'queued' or (j.state = 'running' and j.lease_expires_at < {2}))
                              and j.attempts < j.max_attempts
                            order by (select count(*) from analysis_job r
                                      where r.account = j.account and r.state = 'running'
                                        and r.lease_expires_at >= {2}),
                                     j.created_at
                            for update skip locked
                            limit 1)
                        returning id, account, image_digest, pull_registry, pull_repo, platform, attempts,
                                  max_attempts, lease_owner, source""",
                        DSL.val(owner), DSL.val(utc(now.plus(lease))), DSL.val(utc(now)))
                .fetchOptional(AnalysisJobRepository::toJob);
    }

    /** Extends the lease; false when this owner no longer holds the job (it expired and was taken over). */
    public boolean heartbeat(UUID jobId, String owner, Duration lease, Instant now) {
        return dsl.update(ANALYSIS_JOB)
                .set(ANALYSIS_JOB.LEASE_EXPIRES_AT, utc(now.plus(lease)))
                .set(ANALYSIS_JOB.UPDATED_AT, utc(now))
                .where(ANALYSIS_JOB.ID.eq(jobId), ANALYSIS_JOB.LEASE_OWNER.eq(owner), ANALYSIS_JOB.STATE.eq("running"))
                .execute() == 1;
    }

    /** running → succeeded|failed, only for the lease holder; false means someone else owns the job now. */
    public boolean finish(UUID jobId, String owner, boolean succeeded, String failureReason, Instant now) {
        return dsl.update(ANALYSIS_JOB)
                .set(ANALYSIS_JOB.STATE, succeeded ? "succeeded" : "failed")
                .set(ANALYSIS_JOB.FAILURE_REASON, failureReason)
                .set(ANALYSIS_JOB.LEASE_EXPIRES_AT, (java.time.OffsetDateTime) null)
                .set(ANALYSIS_JOB.UPDATED_AT, utc(now))
                .where(ANALYSIS_JOB.ID.eq(jobId), ANALYSIS_JOB.LEASE_OWNER.eq(owner), ANALYSIS_JOB.STATE.eq("running"))
                .execute() == 1;
    }

    /** Gives a job back to the queue (a transient failure); another claim retries it while attempts remain. */
    public boolean release(UUID jobId, String owner, Instant now) {
        return dsl.update(ANALYSIS_JOB)
                .set(ANALYSIS_JOB.STATE, "queued")
                .set(ANALYSIS_JOB.LEASE_OWNER, (String) null)
                .set(ANALYSIS_JOB.LEASE_EXPIRES_AT, (java.time.OffsetDateTime) null)
                .set(ANALYSIS_JOB.UPDATED_AT, utc(now))
                .where(ANALYSIS_JOB.ID.eq(jobId), ANALYSIS_JOB.LEASE_OWNER.eq(owner), ANALYSIS_JOB.STATE.eq("running"))
                .execute() == 1;
    }

    /**
     * Jobs whose lease expired with no attempts left: a worker died on them every time. They fail, so that the image
     * is reported as failed instead of being retried forever.
     */
    public List<AnalysisJob> abandon(Instant now) {
        return dsl.resultQuery("""
                        update analysis_job set state = 'failed', updated_at = {0},
                            failure_reason = 'analysis did not finish after ' || attempts || ' attempts (the worker was lost each time)'
                        where state = 'running' and lease_expires_at < {0} and attempts >= max_attempts
                        returning id, account, image_digest, pull_registry, pull_repo, platform, attempts,
                                  max_attempts, lease_owner, source""", DSL.val(utc(now)))
                .fetch(AnalysisJobRepository::toJob);
    }

    public Optional<String> state(UUID jobId) {
        return dsl.select(ANALYSIS_JOB.STATE).from(ANALYSIS_JOB).where(ANALYSIS_JOB.ID.eq(jobId))
                .fetchOptional(ANALYSIS_JOB.STATE);
    }

    public Optional<String> failureReason(UUID jobId) {
        return dsl.select(ANALYSIS_JOB.FAILURE_REASON).from(ANALYSIS_JOB).where(ANALYSIS_JOB.ID.eq(jobId))
                .fetchOptional(ANALYSIS_JOB.FAILURE_REASON);
    }

    private static AnalysisJob toJob(Record r) {
        return new AnalysisJob(r.get("id", UUID.class), r.get("account", String.class),
                r.get("image_digest", String.class), r.get("pull_registry", String.class),
                r.get("pull_repo", String.class), r.get("platform", String.class), r.get("attempts", Integer.class),
                r.get("max_attempts", Integer.class), r.get("lease_owner", String.class),
                ImageSource.fromWire(r.get("source", String.class)));
    }
}
