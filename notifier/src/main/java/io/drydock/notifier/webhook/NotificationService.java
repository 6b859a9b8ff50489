package io.drydock.notifier.webhook;

import io.drydock.platform.messaging.Events;
import io.drydock.platform.messaging.ProcessedEvents;
import io.drydock.platform.policy.EvaluationRepository;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.platform.subscription.SubscriptionRepository;
import io.drydock.schemas.events.EvaluationChangeKind;
import io.drydock.schemas.events.EvaluationChanged;
import io.drydock.schemas.events.EvaluationSummary;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.drydock.schemas.db.Tables.ACCOUNT;
import static io.drydock.schemas.db.Tables.IMAGE_VULNERABILITY_CHANGE;

/**
 * Decides which notifications an event makes (Anchore §7.3: a typed notification only when the account has an
 * active subscription of that type for the tag) and queues one delivery per configured endpoint, in the same
 * transaction as the processed-event ledger row, so a redelivered event never notifies twice.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    static final String CONSUMER = "notifier.evaluation-changed";

    private final ProcessedEvents processed;
    private final SubscriptionRepository subscriptions;
    private final EvaluationRepository evaluations;
    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final DSLContext dsl;
    private final JsonMapper json;
    private final Clock clock;

    public NotificationService(ProcessedEvents processed, SubscriptionRepository subscriptions,
                               EvaluationRepository evaluations, WebhookDeliveries deliveries,
                               WebhookProperties properties, DSLContext dsl, JsonMapper json, Clock clock) {
        this.processed = processed;
        this.subscriptions = subscriptions;
        this.evaluations = evaluations;
        this.deliveries = deliveries;
        this.properties = properties;
        this.dsl = dsl;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public void onEvaluationChanged(EvaluationChanged event) {
        if (!processed.firstTime(CONSUMER, event.metadata().eventId())) {
            log.debug("Event {} already handled; skipping", event.metadata().eventId());
            return;
        }
        String account = event.metadata().account();
        if (event.changes().contains(EvaluationChangeKind.POLICY_EVAL)
                && subscriptions.isActive(account, event.fulltag(), "policy_eval")) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("last_eval", evaluationDocument(account, event.before()));
            payload.put("curr_eval", evaluationDocument(account, event.after()));
            payload.put("subscription_type", "policy_eval");
            notify(account, "policy_eval", event.fulltag(), payload);
        }
        if (event.changes().contains(EvaluationChangeKind.VULN_UPDATE)
                && subscriptions.isActive(account, event.fulltag(), "vuln_update")) {
            vulnerabilityDiff(event.metadata().eventId()).ifPresentOrElse(diff -> {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("diff_vulnerability_result", diff);
                payload.put("imageDigest", event.imageDigest());
                payload.put("subscription_type", "vuln_update");
                notify(account, "vuln_update", event.fulltag(), payload);
            }, () -> log.warn("No stored vulnerability change for event {} of {}; vuln_update not sent",
                    event.metadata().eventId(), event.imageDigest()));
        }
    }

    /**
     * The added/removed/updated entries policy-worker stored with the event (Anchore's vuln_update
     * {@code diff_vulnerability_result}); empty when the image's analysis was deleted since.
     */
    private Optional<Map<String, Object>> vulnerabilityDiff(UUID eventId) {
        return dsl.selectFrom(IMAGE_VULNERABILITY_CHANGE).where(IMAGE_VULNERABILITY_CHANGE.EVENT_ID.eq(eventId))
                .fetchOptional(change -> {
                    Map<String, Object> diff = new LinkedHashMap<>();
                    diff.put("added", json.readValue(change.getAdded().data(), List.class));
                    diff.put("removed", json.readValue(change.getRemoved().data(), List.class));
                    diff.put("updated", json.readValue(change.getUpdated().data(), List.class));
                    return diff;
                });
    }

    private Object evaluationDocument(String account, EvaluationSummary summary) {
        if (summary == null) {
            return Map.of();
        }
        return evaluations.find(account, summary.evaluationId())
                .map(this::document)
                .orElseGet(() -> Map.of("final_action", summary.finalAction(), "status", summary.status()));
    }

    private Map<String, Object> document(StoredEvaluation evaluation) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = new LinkedHashMap<>(json.readValue(evaluation.result(), Map.class));
        result.put("image_digest", evaluation.imageDigest());
        result.put("status", evaluation.status());
        return result;
    }

    /** Queues the Anchore notification record (§7.3 step 3) to the type's endpoint and to {@code general}. */
    void notify(String account, String type, String subscriptionKey, Map<String, Object> typePayload) {
        Instant now = clock.instant();
        UUID notificationId = Events.UuidV7.next(clock);
        Map<String, Object> notificationPayload = new LinkedHashMap<>();
        notificationPayload.put("userId", account);
        notificationPayload.put("subscription_key", subscriptionKey);
        notificationPayload.put("notificationId", notificationId.toString());
        notificationPayload.putAll(typePayload);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notification_user", account);
        data.put("notification_user_email", dsl.select(ACCOUNT.EMAIL).from(ACCOUNT).where(ACCOUNT.NAME.eq(account)).fetchOne(ACCOUNT.EMAIL));
        data.put("notification_type", type);
        data.put("notification_payload", notificationPayload);
        Instant until = now.plus(properties.retryTimeout());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("queueId", type);
        record.put("userId", account);
        record.put("dataId", notificationId.toString());
        record.put("created_at", now.getEpochSecond());
        record.put("last_updated", now.getEpochSecond());
        record.put("record_state_key", "active");
        record.put("record_state_val", null);
        record.put("tries", 0);
        record.put("max_tries", until.getEpochSecond());
        record.put("data", data);
        String body = json.writeValueAsString(record);
        int queued = 0;
        for (String endpoint : new String[]{type, "general"}) {
            WebhookProperties.Endpoint target = properties.endpoints().get(endpoint);
            if (target == null || target.url() == null || target.url().isBlank()) {
                continue;
            }
            String url = target.url().replace("<userId>", account).replace("<notification_type>", type);
            deliveries.enqueue(Events.UuidV7.next(clock), account, notificationId, type, subscriptionKey, url, body,
                    now, until);
            queued++;
        }
        if (queued == 0) {
            log.debug("No webhook configured for {} notifications; {} for {} not sent", type, type, subscriptionKey);
        }
    }
}
