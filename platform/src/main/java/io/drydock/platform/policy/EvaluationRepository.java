package io.drydock.platform.policy;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.POLICY_EVALUATION;

/** Policy evaluations and their history. Owned by policy-worker; the gateway reads. */
@Repository
public class EvaluationRepository {

    private final DSLContext dsl;

    public EvaluationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The latest evaluation of (account, digest, tag) under the given bundle digest. */
    public Optional<StoredEvaluation> latest(String account, String digest, String tag, String bundleDigest) {
        return dsl.selectFrom(POLICY_EVALUATION)
                .where(POLICY_EVALUATION.ACCOUNT.eq(account), POLICY_EVALUATION.IMAGE_DIGEST.eq(digest),
                        POLICY_EVALUATION.TAG.eq(tag), POLICY_EVALUATION.BUNDLE_DIGEST.eq(bundleDigest))
                .orderBy(POLICY_EVALUATION.CREATED_AT.desc(), POLICY_EVALUATION.ID.desc())
                .limit(1)
                .fetchOptional(EvaluationRepository::toEvaluation);
    }

    /** The latest evaluation of (account, digest, tag) under any bundle: what a final-action change compares to. */
    public Optional<StoredEvaluation> latestAnyBundle(String account, String digest, String tag) {
        return dsl.selectFrom(POLICY_EVALUATION)
                .where(POLICY_EVALUATION.ACCOUNT.eq(account), POLICY_EVALUATION.IMAGE_DIGEST.eq(digest),
                        POLICY_EVALUATION.TAG.eq(tag))
                .orderBy(POLICY_EVALUATION.CREATED_AT.desc(), POLICY_EVALUATION.ID.desc())
                .limit(1)
                .fetchOptional(EvaluationRepository::toEvaluation);
    }

    /** Every stored evaluation of (account, digest, tag), newest first. */
    public List<StoredEvaluation> history(String account, String digest, String tag) {
        return dsl.selectFrom(POLICY_EVALUATION)
                .where(POLICY_EVALUATION.ACCOUNT.eq(account), POLICY_EVALUATION.IMAGE_DIGEST.eq(digest),
                        POLICY_EVALUATION.TAG.eq(tag))
                .orderBy(POLICY_EVALUATION.CREATED_AT.desc(), POLICY_EVALUATION.ID.desc())
                .fetch(EvaluationRepository::toEvaluation);
    }

    public Optional<StoredEvaluation> find(String account, UUID id) {
        return dsl.selectFrom(POLICY_EVALUATION)
                .where(POLICY_EVALUATION.ACCOUNT.eq(account), POLICY_EVALUATION.ID.eq(id))
                .fetchOptional(EvaluationRepository::toEvaluation);
    }

    public void insert(StoredEvaluation e) {
        dsl.insertInto(POLICY_EVALUATION)
                .set(POLICY_EVALUATION.ID, e.id())
                .set(POLICY_EVALUATION.ACCOUNT, e.account())
                .set(POLICY_EVALUATION.IMAGE_DIGEST, e.imageDigest())
                .set(POLICY_EVALUATION.TAG, e.tag())
                .set(POLICY_EVALUATION.POLICY_ID, e.policyId())
                .set(POLICY_EVALUATION.BUNDLE_DIGEST, e.bundleDigest())
                .set(POLICY_EVALUATION.FINAL_ACTION, e.finalAction())
                .set(POLICY_EVALUATION.STATUS, e.status())
                .set(POLICY_EVALUATION.RESULT, JSONB.valueOf(e.result()))
                .set(POLICY_EVALUATION.RESULT_DIGEST, e.resultDigest())
                .set(POLICY_EVALUATION.CREATED_AT, utc(e.createdAt()))
                .set(POLICY_EVALUATION.LAST_EVALUATED_AT, utc(e.lastEvaluatedAt()))
                .execute();
    }

    /** The result did not change: only the time of the last evaluation moves. */
    public void touch(UUID id, Instant evaluatedAt) {
        dsl.update(POLICY_EVALUATION).set(POLICY_EVALUATION.LAST_EVALUATED_AT, utc(evaluatedAt))
                .where(POLICY_EVALUATION.ID.eq(id)).execute();
    }

    private static StoredEvaluation toEvaluation(io.drydock.schemas.db.tables.records.PolicyEvaluationRecord r) {
        return new StoredEvaluation(r.getId(), r.getAccount(), r.getImageDigest(), r.getTag(), r.getPolicyId(),
                r.getBundleDigest(), r.getFinalAction(), r.getStatus(), r.getResult().data(), r.getResultDigest(),
                instant(r.getCreatedAt()), instant(r.getLastEvaluatedAt()));
    }
}
