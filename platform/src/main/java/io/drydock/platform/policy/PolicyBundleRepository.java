package io.drydock.platform.policy;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.POLICY_BUNDLE;

/** Policy bundles per account; exactly one active. Owned by api-gateway; policy-worker reads. */
@Repository
public class PolicyBundleRepository {

    private final DSLContext dsl;

    public PolicyBundleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<PolicyBundleRecord> active(String account) {
        return dsl.selectFrom(POLICY_BUNDLE).where(POLICY_BUNDLE.ACCOUNT.eq(account), POLICY_BUNDLE.ACTIVE.isTrue())
                .fetchOptional(PolicyBundleRepository::toRecord);
    }

    public Optional<PolicyBundleRecord> find(String account, String policyId) {
        return dsl.selectFrom(POLICY_BUNDLE).where(POLICY_BUNDLE.ACCOUNT.eq(account), POLICY_BUNDLE.POLICY_ID.eq(policyId))
                .fetchOptional(PolicyBundleRepository::toRecord);
    }

    public List<PolicyBundleRecord> list(String account) {
        return dsl.selectFrom(POLICY_BUNDLE).where(POLICY_BUNDLE.ACCOUNT.eq(account))
                .orderBy(POLICY_BUNDLE.CREATED_AT, POLICY_BUNDLE.POLICY_ID)
                .fetch(PolicyBundleRepository::toRecord);
    }

    /** Inserts or replaces the bundle's document (keeping its active flag). */
    public void save(String account, String policyId, String name, String description, String bundleJson, Instant now) {
        dsl.insertInto(POLICY_BUNDLE)
                .set(POLICY_BUNDLE.ACCOUNT, account)
                .set(POLICY_BUNDLE.POLICY_ID, policyId)
                .set(POLICY_BUNDLE.NAME, name)
                .set(POLICY_BUNDLE.DESCRIPTION, description)
                .set(POLICY_BUNDLE.BUNDLE, JSONB.valueOf(bundleJson))
                .set(POLICY_BUNDLE.BUNDLE_DIGEST, digest(bundleJson))
                .set(POLICY_BUNDLE.CREATED_AT, utc(now))
                .set(POLICY_BUNDLE.LAST_UPDATED, utc(now))
                .onConflict(POLICY_BUNDLE.ACCOUNT, POLICY_BUNDLE.POLICY_ID).doUpdate()
                .set(POLICY_BUNDLE.NAME, name)
                .set(POLICY_BUNDLE.DESCRIPTION, description)
                .set(POLICY_BUNDLE.BUNDLE, JSONB.valueOf(bundleJson))
                .set(POLICY_BUNDLE.BUNDLE_DIGEST, digest(bundleJson))
                .set(POLICY_BUNDLE.LAST_UPDATED, utc(now))
                .execute();
    }

    /** Makes the bundle the account's only active one. */
    public boolean activate(String account, String policyId, Instant now) {
        dsl.update(POLICY_BUNDLE).set(POLICY_BUNDLE.ACTIVE, false).set(POLICY_BUNDLE.LAST_UPDATED, utc(now))
                .where(POLICY_BUNDLE.ACCOUNT.eq(account), POLICY_BUNDLE.ACTIVE.isTrue(), POLICY_BUNDLE.POLICY_ID.ne(policyId))
                .execute();
        return dsl.update(POLICY_BUNDLE).set(POLICY_BUNDLE.ACTIVE, true).set(POLICY_BUNDLE.LAST_UPDATED, utc(now))
                .where(POLICY_BUNDLE.ACCOUNT.eq(account), POLICY_BUNDLE.POLICY_ID.eq(policyId))
                .execute() == 1;
    }

    public boolean delete(String account, String policyId) {
        return dsl.deleteFrom(POLICY_BUNDLE).where(POLICY_BUNDLE.ACCOUNT.eq(account), POLICY_BUNDLE.POLICY_ID.eq(policyId))
                .execute() == 1;
    }

    /** sha256 of the document as stored (PostgreSQL's jsonb text form, so equal documents have equal digests). */
    public static String digest(String json) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PolicyBundleRecord toRecord(io.drydock.schemas.db.tables.records.PolicyBundleRecord r) {
        return new PolicyBundleRecord(r.getAccount(), r.getPolicyId(), r.getName(), r.getDescription(), r.getActive(),
                r.getPolicySource(), r.getBundle().data(), r.getBundleDigest(), instant(r.getCreatedAt()),
                instant(r.getLastUpdated()));
    }
}
