package io.drydock.notifier.webhook;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.WEBHOOK_DELIVERY;

/** Webhook deliveries and their attempts. Owned by the notifier. */
@Repository
public class WebhookDeliveries {

    private final DSLContext dsl;

    public WebhookDeliveries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A delivery due for an attempt. */
    public record Due(UUID id, String account, String notificationType, String url, String payload, int attempts,
                      Instant deliverUntil) {
    }

    /** Queues a delivery; a second one of the same notification to the same URL is ignored. */
    public void enqueue(UUID id, String account, UUID notificationId, String type, String subscriptionKey, String url,
                        String payload, Instant now, Instant deliverUntil) {
        dsl.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ID, id)
                .set(WEBHOOK_DELIVERY.ACCOUNT, account)
                .set(WEBHOOK_DELIVERY.NOTIFICATION_ID, notificationId)
                .set(WEBHOOK_DELIVERY.NOTIFICATION_TYPE, type)
                .set(WEBHOOK_DELIVERY.SUBSCRIPTION_KEY, subscriptionKey)
                .set(WEBHOOK_DELIVERY.URL, url)
                .set(WEBHOOK_DELIVERY.PAYLOAD, payload)
                .set(WEBHOOK_DELIVERY.STATE, "pending")
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, utc(now))
                .set(WEBHOOK_DELIVERY.DELIVER_UNTIL, utc(deliverUntil))
                .set(WEBHOOK_DELIVERY.CREATED_AT, utc(now))
                .set(WEBHOOK_DELIVERY.UPDATED_AT, utc(now))
                .onConflictDoNothing()
                .execute();
    }

    /**
     * Claims due deliveries: each is pushed {@code lease} into the future so that another notifier instance does not
     * attempt it at the same time; the outcome of the attempt then sets the real next time.
     */
    public List<Due> claimDue(Instant now, java.time.Duration lease, int limit) {
        return dsl.resultQuery("""
                        update webhook_delivery set next_attempt_at = {0}, updated_at = {1}
                        where id in (select id from webhook_delivery
                                     where state = 'pending' and next_attempt_at <= {1}
                                     order by next_attempt_at for update skip locked limit {2})
                        returning id, account, notification_type, url, payload, attempts, deliver_until""",
                        org.jooq.impl.DSL.val(utc(now.plus(lease))), org.jooq.impl.DSL.val(utc(now)),
                        org.jooq.impl.DSL.val(limit))
                .fetch(r -> new Due(r.get(0, UUID.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, String.class), r.get(4, String.class), r.get(5, Integer.class),
                        r.get(6, java.time.OffsetDateTime.class).toInstant()));
    }

    public void delivered(UUID id, int status, Instant now) {
        dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATE, "delivered")
                .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERY.LAST_STATUS, status)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, (String) null)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, utc(now))
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .execute();
    }

    /** Records a failed attempt; retries at {@code nextAttempt}, or gives up when that is past the deadline. */
    public void failed(UUID id, Integer status, String error, Instant nextAttempt, boolean giveUp, Instant now) {
        dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATE, giveUp ? "failed" : "pending")
                .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERY.LAST_STATUS, status)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, error)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, utc(nextAttempt))
                .set(WEBHOOK_DELIVERY.UPDATED_AT, utc(now))
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .execute();
    }
}
