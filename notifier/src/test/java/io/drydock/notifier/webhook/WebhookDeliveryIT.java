package io.drydock.notifier.webhook;

import io.drydock.testkit.KafkaProbe;
import io.drydock.notifier.NotifierIT;
import io.drydock.notifier.WebhookReceiver.Request;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.policy.EvaluationRepository;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.platform.subscription.SubscriptionRepository;
import io.drydock.schemas.db.tables.records.WebhookDeliveryRecord;
import io.drydock.schemas.events.EvaluationChangeKind;
import io.drydock.schemas.events.EvaluationChanged;
import io.drydock.schemas.events.EvaluationSummary;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.proxy.TestProxy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.drydock.schemas.db.Tables.IMAGE_VULNERABILITY_CHANGE;
import static io.drydock.schemas.db.Tables.OUTBOX;
import static io.drydock.schemas.db.Tables.PROCESSED_EVENT;
import static io.drydock.schemas.db.Tables.WEBHOOK_DELIVERY;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** evaluation-changed through the real path (outbox → Kafka → listener → webhook_delivery → HTTP) to a receiver. */
class WebhookDeliveryIT extends NotifierIT {

    private static final String LISTENER_GROUP = "notifier.evaluation-changed";
    private static final String DEFAULT_POLICY_ID = "2c53a13c-1765-11e8-82ef-23527761d060";

    @Autowired
    AccountRepository accounts;
    @Autowired
    SubscriptionRepository subscriptions;
    @Autowired
    EvaluationRepository evaluations;
    @Autowired
    Outbox outbox;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;
    @Autowired
    JsonMapper json;
    @Autowired
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    private final Clock clock = Clock.systemUTC();

    @BeforeEach
    void cleanSlate() {
        TestPostgres.shared().truncate("account", "webhook_delivery", "processed_event");
        RECEIVER.reset();
    }

    @Test
    void postsAnchoresNotificationRecordToTheTypedAndTheGeneralWebhook() {
        String account = account();
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        subscribe(account, tag);
        StoredEvaluation evaluation = storeEvaluation(account, digest, tag, "stop");

        EvaluationChanged event = firstEvaluation(account, digest, tag, evaluation);
        publish(event);

        await("policy_eval webhook at both URLs").atMost(ofSeconds(20)).untilAsserted(() -> {
            assertThat(RECEIVER.requestsTo(typedPath(account))).hasSize(1);
            assertThat(RECEIVER.requestsTo(generalPath(account))).hasSize(1);
        });
        Request typed = RECEIVER.requestsTo(typedPath(account)).getFirst();
        Request general = RECEIVER.requestsTo(generalPath(account)).getFirst();
        assertThat(typed.contentType()).isEqualTo("application/json");
        assertThat(general.body()).as("the same record goes to both").isEqualTo(typed.body());

        JsonNode record = json.readTree(typed.body());
        assertThat(record.path("queueId").asString()).isEqualTo("policy_eval");
        assertThat(record.path("userId").asString()).isEqualTo(account);
        assertThat(UUID.fromString(record.path("dataId").asString())).isNotNull();
        assertThat(record.path("tries").asInt()).isZero();
        assertThat(record.path("max_tries").asLong()).as("deadline: created_at + retry timeout (6 s)")
                .isBetween(record.path("created_at").asLong() + 5, record.path("created_at").asLong() + 7);
        JsonNode data = record.path("data");
        assertThat(data.path("notification_type").asString()).isEqualTo("policy_eval");
        assertThat(data.path("notification_user").asString()).isEqualTo(account);
        assertThat(data.path("notification_user_email").asString()).isEqualTo(account + "@example.com");
        JsonNode payload = data.path("notification_payload");
        assertThat(payload.path("subscription_key").asString()).isEqualTo(tag);
        assertThat(payload.path("subscription_type").asString()).isEqualTo("policy_eval");
        assertThat(payload.path("userId").asString()).isEqualTo(account);
        assertThat(payload.path("notificationId").asString()).isEqualTo(record.path("dataId").asString());
        assertThat(payload.path("last_eval").isObject()).isTrue();
        assertThat(payload.path("last_eval").isEmpty()).as("a first evaluation has no previous one").isTrue();
        JsonNode current = payload.path("curr_eval");
        assertThat(current.path("final_action").asString()).isEqualTo("stop");
        assertThat(current.path("image_digest").asString()).isEqualTo(digest);
        assertThat(current.path("status").asString()).isEqualTo("fail");
        assertThat(current.path("tag").asString()).isEqualTo(tag);
        assertThat(current.path("result").has(evaluationImageId(digest))).isTrue();

        await("both deliveries recorded as delivered").atMost(ofSeconds(10)).untilAsserted(() ->
                assertThat(deliveries(account)).hasSize(2).allSatisfy(d -> {
                    assertThat(d.getState()).isEqualTo("delivered");
                    assertThat(d.getAttempts()).isEqualTo(1);
                    assertThat(d.getLastStatus()).isEqualTo(200);
                }));
        assertThat(deliveries(account)).extracting(WebhookDeliveryRecord::getUrl).containsExactlyInAnyOrder(
                RECEIVER.baseUrl() + typedPath(account), RECEIVER.baseUrl() + generalPath(account));
    }

    @Test
    void deliversThroughTheConfiguredProxyWithItsCredentials() {
        String account = account();
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        subscribe(account, tag);

        publish(firstEvaluation(account, digest, tag, storeEvaluation(account, digest, tag, "go")));

        await("both webhooks received").atMost(ofSeconds(20)).until(() ->
                RECEIVER.requestsTo(typedPath(account)).size() == 1 && RECEIVER.requestsTo(generalPath(account)).size() == 1);
        await("squid logged both deliveries").atMost(ofSeconds(10)).untilAsserted(() ->
                assertThat(TestProxy.shared().accessLog())
                        .filteredOn(entry -> entry.url().equals(RECEIVER.baseUrl() + typedPath(account))
                                || entry.url().equals(RECEIVER.baseUrl() + generalPath(account)))
                        .hasSize(2)
                        .allSatisfy(entry -> {
                            assertThat(entry.method()).isEqualTo("POST");
                            assertThat(entry.user()).isEqualTo(TestProxy.USERNAME);
                            assertThat(entry.status()).isEqualTo(200);
                        }));
    }

    @Test
    void retriesAFailingReceiverUntilItAnswersWithAny2xx() {
        String account = account();
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        subscribe(account, tag);
        RECEIVER.script(typedPath(account), 500, 500, 204);

        publish(firstEvaluation(account, digest, tag, storeEvaluation(account, digest, tag, "stop")));

        await("typed delivery delivered on the third attempt").atMost(ofSeconds(20)).untilAsserted(() ->
                assertThat(delivery(account, typedPath(account))).isNotNull().satisfies(d -> {
                    assertThat(d.getState()).isEqualTo("delivered");
                    assertThat(d.getAttempts()).isEqualTo(3);
                    assertThat(d.getLastStatus()).isEqualTo(204);
                    assertThat(d.getLastError()).isNull();
                }));
        assertThat(RECEIVER.requestsTo(typedPath(account))).extracting(Request::answeredWith)
                .containsExactly(500, 500, 204);
        assertThat(RECEIVER.requestsTo(typedPath(account))).extracting(Request::body).as("the same record each time")
                .containsOnly(RECEIVER.requestsTo(typedPath(account)).getFirst().body());
        assertThat(delivery(account, generalPath(account)).getAttempts())
                .as("the general webhook answered at once and is not retried").isEqualTo(1);
    }

    @Test
    void givesUpWhenTheRetryTimeoutPassesAndNeverRetriesAfterwards() {
        String account = account();
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        subscribe(account, tag);
        RECEIVER.script(typedPath(account), 503);

        publish(firstEvaluation(account, digest, tag, storeEvaluation(account, digest, tag, "stop")));

        await("typed delivery failed").atMost(ofSeconds(20))
                .until(() -> delivery(account, typedPath(account)), d -> d != null && d.getState().equals("failed"));
        WebhookDeliveryRecord failed = delivery(account, typedPath(account));
        int attempts = RECEIVER.requestsTo(typedPath(account)).size();
        assertThat(failed.getAttempts()).isEqualTo(attempts);
        assertThat(attempts).as("1 s and 2 s back-off fit in 6 s, the next 4 s does not").isEqualTo(3);
        assertThat(failed.getLastStatus()).isEqualTo(503);
        assertThat(failed.getLastError()).isEqualTo("HTTP 503");

        await("no attempt after giving up").during(ofSeconds(3)).atMost(ofSeconds(5))
                .until(() -> RECEIVER.requestsTo(typedPath(account)).size() == attempts);
        assertThat(delivery(account, typedPath(account)).getState()).isEqualTo("failed");
        assertThat(delivery(account, generalPath(account)).getState()).isEqualTo("delivered");
    }

    @Test
    void notifiesOnceWhenTheSameEventArrivesTwice() throws Exception {
        String account = account();
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        subscribe(account, tag);
        EvaluationChanged event = firstEvaluation(account, digest, tag, storeEvaluation(account, digest, tag, "stop"));
        publish(event);
        await("first notification").atMost(ofSeconds(20))
                .until(() -> RECEIVER.requestsTo(typedPath(account)).size() == 1);

        ConsumerRecord<String, byte[]> published = KafkaProbe.records(Topics.EVALUATION_CHANGED, digest).getFirst();
        RecordMetadata again = kafka.send(new ProducerRecord<>(Topics.EVALUATION_CHANGED, published.key(),
                published.value())).get().getRecordMetadata();
        assertThat(again.offset()).isGreaterThan(published.offset());
        KafkaProbe.awaitConsumed(LISTENER_GROUP, Topics.EVALUATION_CHANGED);

        assertThat(deliveries(account)).hasSize(2)
                .extracting(WebhookDeliveryRecord::getNotificationId).as("one notification").containsOnly(
                        deliveries(account).getFirst().getNotificationId());
        assertThat(dsl.fetchCount(PROCESSED_EVENT, PROCESSED_EVENT.EVENT_ID.eq(event.metadata().eventId()))).isEqualTo(1);
        await("no second post").during(ofSeconds(1)).atMost(ofSeconds(3)).until(() ->
                RECEIVER.requestsTo(typedPath(account)).size() == 1 && RECEIVER.requestsTo(generalPath(account)).size() == 1);
    }

    @Test
    void notifiesOnlyAccountsWithAnActivePolicyEvalSubscriptionForTheTag() {
        String tag = "registry.example.com/team/app:1.4";
        String digest = digest();
        String subscribed = account();
        String inactive = account();
        String otherAccount = account();
        subscribe(subscribed, tag);
        transactions.executeWithoutResult(s -> subscriptions.ensureTagSubscriptions(inactive, tag,
                Set.of("tag_update"), clock.instant()));

        publish(firstEvaluation(inactive, digest, tag, storeEvaluation(inactive, digest, tag, "stop")));
        publish(firstEvaluation(otherAccount, digest, tag, storeEvaluation(otherAccount, digest, tag, "stop")));
        publish(firstEvaluation(subscribed, digest, tag, storeEvaluation(subscribed, digest, tag, "stop")));
        await("outbox published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);
        KafkaProbe.awaitConsumed(LISTENER_GROUP, Topics.EVALUATION_CHANGED);

        assertThat(deliveries(subscribed)).hasSize(2);
        assertThat(deliveries(inactive)).as("policy_eval subscription inactive").isEmpty();
        assertThat(deliveries(otherAccount)).as("only another account subscribes to the tag").isEmpty();
        await("subscribed account notified").atMost(ofSeconds(10))
                .until(() -> RECEIVER.requestsTo(typedPath(subscribed)).size() == 1);
        assertThat(RECEIVER.requestsTo(typedPath(inactive))).isEmpty();
        assertThat(RECEIVER.requestsTo(generalPath(inactive))).isEmpty();
        assertThat(RECEIVER.requestsTo(typedPath(otherAccount))).isEmpty();
        assertThat(RECEIVER.requestsTo(generalPath(otherAccount))).isEmpty();
    }

    @Test
    void postsVulnUpdateWithTheChangeStoredWithTheEvent() {
        String account = account();
        String tag = "registry.example.com/team/app:2.0";
        String digest = digest();
        transactions.executeWithoutResult(s -> {
            subscriptions.create(account, tag, "vuln_update", null, true, clock.instant());
            analyses.save(new StoredAnalysis(digest, "drydock-analyzer-1", digest.substring(7), "debian", "12",
                    "debian", "amd64", "linux", 1L, 1, "Guessed", "{}", clock.instant(), List.of(), List.of()));
        });
        EvaluationChanged event = new EvaluationChanged(Events.metadata(Topics.EVALUATION_CHANGED_TOPIC, clock,
                account), digest, tag, List.of(EvaluationChangeKind.VULN_UPDATE), null, null);
        String added = """
                [{"CVE_ID": "CVE-2011-3374", "Severity": "Unknown", "Vulnerable_Package": "apt-2.6.1",
                  "Fix_Available": "None", "URL": "https://security-tracker.debian.org/tracker/CVE-2011-3374",
                  "Package_Name": "apt", "Package_Version": "2.6.1", "Package_Type": "dpkg",
                  "Feed": "vulnerabilities", "Feed_Group": "debian:12"}]""";
        // what policy-worker stores in the transaction that appends the event
        transactions.executeWithoutResult(s -> {
            dsl.insertInto(IMAGE_VULNERABILITY_CHANGE)
                    .set(IMAGE_VULNERABILITY_CHANGE.EVENT_ID, event.metadata().eventId())
                    .set(IMAGE_VULNERABILITY_CHANGE.IMAGE_DIGEST, digest)
                    .set(IMAGE_VULNERABILITY_CHANGE.ACCOUNT, account)
                    .set(IMAGE_VULNERABILITY_CHANGE.FULLTAG, tag)
                    .set(IMAGE_VULNERABILITY_CHANGE.CHANGED_AT, clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .set(IMAGE_VULNERABILITY_CHANGE.ADDED, JSONB.valueOf(added))
                    .set(IMAGE_VULNERABILITY_CHANGE.REMOVED, JSONB.valueOf("[]"))
                    .set(IMAGE_VULNERABILITY_CHANGE.UPDATED, JSONB.valueOf("[]"))
                    .execute();
            outbox.append(Topics.EVALUATION_CHANGED_TOPIC, digest, event);
        });

        await("vuln_update webhook").atMost(ofSeconds(20)).untilAsserted(() ->
                assertThat(RECEIVER.requestsTo(vulnUpdatePath(account))).hasSize(1));
        JsonNode record = json.readTree(RECEIVER.requestsTo(vulnUpdatePath(account)).getFirst().body());
        assertThat(record.path("queueId").asString()).isEqualTo("vuln_update");
        JsonNode payload = record.path("data").path("notification_payload");
        assertThat(payload.path("subscription_type").asString()).isEqualTo("vuln_update");
        assertThat(payload.path("subscription_key").asString()).isEqualTo(tag);
        assertThat(payload.path("imageDigest").asString()).isEqualTo(digest);
        JsonNode diff = payload.path("diff_vulnerability_result");
        assertThat(diff.path("added")).isEqualTo(json.readTree(added));
        assertThat(diff.path("removed").isArray()).isTrue();
        assertThat(diff.path("removed")).isEmpty();
        assertThat(diff.path("updated")).isEmpty();
        assertThat(RECEIVER.requestsTo(typedPath(account))).as("no policy_eval subscription").isEmpty();
    }

    /** vuln_update has no typed endpoint configured here: it goes to the general one. */
    private static String vulnUpdatePath(String account) {
        return "/general/vuln_update/" + account;
    }

    private String account() {
        String name = "acct" + ThreadLocalRandom.current().nextInt(1_000_000);
        transactions.executeWithoutResult(s ->
                accounts.createAccount(name, "user", name + "@example.com", clock.instant()));
        return name;
    }

    private void subscribe(String account, String tag) {
        transactions.executeWithoutResult(s ->
                subscriptions.create(account, tag, "policy_eval", null, true, clock.instant()));
    }

    private StoredEvaluation storeEvaluation(String account, String digest, String tag, String finalAction) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String status = finalAction.equals("stop") ? "fail" : "pass";
        StoredEvaluation evaluation = new StoredEvaluation(Events.UuidV7.next(clock), account, digest, tag,
                DEFAULT_POLICY_ID, "sha256:" + "b".repeat(64), finalAction, status,
                anchorePolicyEvaluation(account, digest, tag, finalAction, now), "sha256:" + "c".repeat(64), now, now);
        transactions.executeWithoutResult(s -> evaluations.insert(evaluation));
        return evaluation;
    }

    private EvaluationChanged firstEvaluation(String account, String digest, String tag, StoredEvaluation after) {
        return new EvaluationChanged(Events.metadata(Topics.EVALUATION_CHANGED_TOPIC, clock, account), digest, tag,
                List.of(EvaluationChangeKind.POLICY_EVAL), null,
                new EvaluationSummary(after.id(), after.policyId(), after.finalAction(), after.status(), 0));
    }

    private void publish(EvaluationChanged event) {
        transactions.executeWithoutResult(s -> outbox.append(Topics.EVALUATION_CHANGED_TOPIC, event.imageDigest(), event));
    }

    private List<WebhookDeliveryRecord> deliveries(String account) {
        return dsl.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ACCOUNT.eq(account)).fetch();
    }

    private WebhookDeliveryRecord delivery(String account, String path) {
        return dsl.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ACCOUNT.eq(account), WEBHOOK_DELIVERY.URL.eq(RECEIVER.baseUrl() + path))
                .fetchOne();
    }

    private static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "sha256:" + HexFormat.of().formatHex(bytes);
    }

    private static String evaluationImageId(String digest) {
        return "a" + digest.substring("sha256:".length() + 1);
    }

    /** What policy-worker stores: Anchore's PolicyEvaluation document for the default bundle's port rule. */
    private static String anchorePolicyEvaluation(String account, String digest, String tag, String finalAction,
                                                  Instant at) {
        String imageId = evaluationImageId(digest);
        return """
                {"user_id": "%1$s", "image_id": "%2$s", "tag": "%3$s",
                 "bundle": {"id": "%4$s", "name": "Default bundle", "version": "1_0", "policies": [], "whitelists": [],
                            "mappings": [], "whitelisted_images": [], "blacklisted_images": []},
                 "matched_mapping_rule": {"name": "default", "registry": "*", "repository": "*",
                                          "image": {"type": "tag", "value": "*"},
                                          "policy_id": "48e6f7d6-1765-11e8-b5f9-8b6f228548b6",
                                          "whitelist_ids": ["37fd763e-1765-11e8-add4-3b16c029ac5c"]},
                 "matched_whitelisted_images_rule": false, "matched_blacklisted_images_rule": false,
                 "final_action": "%5$s", "final_action_reason": "policy_evaluation", "evaluation_problems": [],
                 "result": {"%2$s": {"result": {
                     "header": ["Image_Id", "Repo_Tag", "Trigger_Id", "Gate", "Trigger", "Check_Output", "Gate_Action",
                                "Whitelisted", "Policy_Id"],
                     "row_count": 1,
                     "rows": [["%2$s", "%3$s", "6b1e2a1e4c1b8f5d0a9c3e7f2d4b6a81", "dockerfile", "exposed_ports",
                               "Dockerfile exposes port (22/tcp) which is in policy file DENIEDPORTS list", "%5$s",
                               false, "48e6f7d6-1765-11e8-b5f9-8b6f228548b6"]],
                     "final_action": "%5$s"}},
                   "policy_data": [], "whitelist_data": [], "policy_name": "", "whitelist_names": []},
                 "created_at": %6$d, "last_modified": %6$d}
                """.formatted(account, imageId, tag, DEFAULT_POLICY_ID, finalAction, at.getEpochSecond());
    }
}
