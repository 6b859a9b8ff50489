package io.drydock.platform.subscription;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.SUBSCRIPTION;

/** Subscriptions per account. Owned by api-gateway (and watching); the notifier reads. */
@Repository
public class SubscriptionRepository {

    public static final Set<String> TYPES = Set.of("tag_update", "policy_eval", "vuln_update", "analysis_update", "repo_update");
    /** The four subscriptions every tag gets when an image is added (Anchore §2.3 step 6). */
    public static final List<String> TAG_TYPES = List.of("policy_eval", "tag_update", "vuln_update", "analysis_update");

    private final DSLContext dsl;

    public SubscriptionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Anchore's deterministic id: md5 hex of {@code "<account>+<key>+<type>"}. */
    public static String subscriptionId(String account, String key, String type) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((account + "+" + key + "+" + type).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Subscription> find(String account, String subscriptionId) {
        return dsl.selectFrom(SUBSCRIPTION)
                .where(SUBSCRIPTION.ACCOUNT.eq(account), SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
                .fetchOptional(SubscriptionRepository::toSubscription);
    }

    public List<Subscription> list(String account, String key, String type) {
        Condition condition = SUBSCRIPTION.ACCOUNT.eq(account);
        if (key != null) {
            condition = condition.and(SUBSCRIPTION.SUBSCRIPTION_KEY.eq(key));
        }
        if (type != null) {
            condition = condition.and(SUBSCRIPTION.SUBSCRIPTION_TYPE.eq(type));
        }
        return dsl.selectFrom(SUBSCRIPTION).where(condition)
                .orderBy(SUBSCRIPTION.SUBSCRIPTION_KEY, SUBSCRIPTION.SUBSCRIPTION_TYPE)
                .fetch(SubscriptionRepository::toSubscription);
    }

    public boolean isActive(String account, String key, String type) {
        return dsl.fetchExists(SUBSCRIPTION, SUBSCRIPTION.ACCOUNT.eq(account), SUBSCRIPTION.SUBSCRIPTION_KEY.eq(key),
                SUBSCRIPTION.SUBSCRIPTION_TYPE.eq(type), SUBSCRIPTION.ACTIVE.isTrue());
    }

    /** Creates the subscription; empty when it exists already. */
    public Optional<Subscription> create(String account, String key, String type, String value, boolean active, Instant now) {
        String id = subscriptionId(account, key, type);
        int inserted = dsl.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ACCOUNT, account)
                .set(SUBSCRIPTION.SUBSCRIPTION_ID, id)
                .set(SUBSCRIPTION.SUBSCRIPTION_KEY, key)
                .set(SUBSCRIPTION.SUBSCRIPTION_TYPE, type)
                .set(SUBSCRIPTION.SUBSCRIPTION_VALUE, value)
                .set(SUBSCRIPTION.ACTIVE, active)
                .set(SUBSCRIPTION.CREATED_AT, utc(now))
                .set(SUBSCRIPTION.LAST_UPDATED, utc(now))
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? find(account, id) : Optional.empty();
    }

    /** Ensures a tag's four subscriptions exist (created inactive) and switches on those in {@code activate}. */
    public void ensureTagSubscriptions(String account, String fulltag, Set<String> activate, Instant now) {
        for (String type : TAG_TYPES) {
            create(account, fulltag, type, null, activate.contains(type), now);
            if (activate.contains(type)) {
                setActive(account, subscriptionId(account, fulltag, type), true, now);
            }
        }
    }

    public Optional<Subscription> update(String account, String subscriptionId, String value, Boolean active, Instant now) {
        var update = dsl.update(SUBSCRIPTION).set(SUBSCRIPTION.LAST_UPDATED, utc(now));
        if (value != null) {
            update = update.set(SUBSCRIPTION.SUBSCRIPTION_VALUE, value);
        }
        if (active != null) {
            update = update.set(SUBSCRIPTION.ACTIVE, active);
        }
        int changed = update.where(SUBSCRIPTION.ACCOUNT.eq(account), SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId)).execute();
        return changed == 1 ? find(account, subscriptionId) : Optional.empty();
    }

    public void setActive(String account, String subscriptionId, boolean active, Instant now) {
        update(account, subscriptionId, null, active, now);
    }

    public boolean delete(String account, String subscriptionId) {
        return dsl.deleteFrom(SUBSCRIPTION)
                .where(SUBSCRIPTION.ACCOUNT.eq(account), SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
                .execute() == 1;
    }

    private static Subscription toSubscription(io.drydock.schemas.db.tables.records.SubscriptionRecord r) {
        return new Subscription(r.getAccount(), r.getSubscriptionId(), r.getSubscriptionKey(), r.getSubscriptionType(),
                r.getSubscriptionValue(), r.getActive(), instant(r.getCreatedAt()), instant(r.getLastUpdated()));
    }
}
