package io.drydock.policy.evaluation;

import io.drydock.testkit.KafkaProbe;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.NewImageRecord;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.policy.EvaluationRepository;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.policy.PolicyWorkerIT;
import io.drydock.policy.bundle.DefaultBundles;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.RetrievedFile;
import io.drydock.policy.gate.SearchMatch;
import io.drydock.schemas.events.AnalysisComplete;
import io.drydock.schemas.events.AnalysisOutcome;
import io.drydock.schemas.events.EvaluationChangeKind;
import io.drydock.schemas.events.EvaluationChanged;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import static io.drydock.schemas.db.Tables.IMAGE_VULNERABILITY_SCAN;
import static io.drydock.schemas.db.Tables.OUTBOX;
import static io.drydock.schemas.db.Tables.POLICY_EVALUATION;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * analysis-complete through the real path (outbox → Kafka → listener → evaluation → outbox → evaluation-changed),
 * with two accounts sharing one analysed digest.
 */
class EvaluationServiceIT extends PolicyWorkerIT {

    private static final String LISTENER_GROUP = "policy-worker.analysis-complete";
    private static final String DEFAULT_BUNDLE_ID = "2c53a13c-1765-11e8-82ef-23527761d060";
    private static final String REGISTRY = "registry.example.com";
    private static final String REPO = "team/sshd";

    @Autowired
    AccountRepository accounts;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    ImageRepository images;
    @Autowired
    PolicyBundleRepository bundles;
    @Autowired
    EvaluationRepository evaluations;
    @Autowired
    Outbox outbox;
    @Autowired
    EventCodec codec;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;
    @Autowired
    JsonMapper json;
    @Autowired
    ImageFactsLoader facts;
    @Autowired
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    private final Clock clock = Clock.systemUTC();
    private String digest;
    private String imageId;

    @BeforeEach
    void analysedImage() {
        TestPostgres.shared().truncate("account", "analysis", "policy_bundle", "policy_evaluation");
        digest = "sha256:" + randomHex();
        imageId = randomHex();
        transactions.executeWithoutResult(s -> analyses.save(AnalysisFixtures.sshServer(digest, imageId, clock.instant())));
    }

    @Test
    void evaluatesEveryTagOfEveryAccountAndAnnouncesEachFirstResult() {
        String alice = account(true);
        String bob = account(true);
        tagged(alice, "1.4");
        tagged(alice, "latest");
        tagged(bob, "1.4");
        analysisCompleted();

        publishAnalysisComplete();
        awaitHandled();

        assertThat(dsl.fetchExists(IMAGE_VULNERABILITY_SCAN, IMAGE_VULNERABILITY_SCAN.IMAGE_DIGEST.eq(digest)))
                .as("matched before it was evaluated").isTrue();
        List<StoredEvaluation> stored = evaluationsOfDigest();
        assertThat(stored).extracting(StoredEvaluation::account, StoredEvaluation::tag).containsExactlyInAnyOrder(
                tuple(alice, fulltag("1.4")), tuple(alice, fulltag("latest")), tuple(bob, fulltag("1.4")));
        for (StoredEvaluation evaluation : stored) {
            assertThat(evaluation.finalAction()).as("EXPOSE 22 under the default bundle").isEqualTo("stop");
            assertThat(evaluation.status()).isEqualTo("fail");
            assertThat(evaluation.policyId()).isEqualTo(DEFAULT_BUNDLE_ID);
            assertThat(evaluation.bundleDigest()).isEqualTo(bundles.active(evaluation.account()).orElseThrow().bundleDigest());
            assertAnchoreShape(evaluation);
        }

        List<EvaluationChanged> events = evaluationEvents();
        assertThat(events).extracting(e -> e.metadata().account(), EvaluationChanged::fulltag).containsExactlyInAnyOrder(
                tuple(alice, fulltag("1.4")), tuple(alice, fulltag("latest")), tuple(bob, fulltag("1.4")));
        for (EvaluationChanged event : events) {
            StoredEvaluation evaluation = evaluations.latestAnyBundle(event.metadata().account(), digest, event.fulltag())
                    .orElseThrow();
            assertThat(event.imageDigest()).isEqualTo(digest);
            assertThat(event.changes()).containsExactly(EvaluationChangeKind.POLICY_EVAL);
            assertThat(event.before()).as("the first evaluation").isNull();
            assertThat(event.after().evaluationId()).isEqualTo(evaluation.id());
            assertThat(event.after().policyId()).isEqualTo(DEFAULT_BUNDLE_ID);
            assertThat(event.after().finalAction()).isEqualTo("stop");
            assertThat(event.after().status()).isEqualTo("fail");
        }
    }

    @Test
    void loadsRetrievedFilesAndSearchMatchesOfTheStoredAnalysis() {
        ImageFacts image = facts.load(analyses.find(digest).orElseThrow(), fulltag("1.4"));

        assertThat(image.retrievedFiles()).containsExactly(new RetrievedFile("/etc/passwd", AnalysisFixtures.PASSWD));
        assertThat(image.secretMatches()).containsExactly(
                new SearchMatch("/etc/ssh/ssh_host_ed25519_key", "PRIV_KEY", AnalysisFixtures.PRIV_KEY));
        assertThat(image.contentMatches()).containsExactly(
                new SearchMatch("/etc/ssh/sshd_config", "ROOT_LOGIN", "PermitRootLogin +yes"));
    }

    @Test
    void storesNothingNewAndAnnouncesNothingWhenTheSameAnalysisCompleteArrivesAgain() throws Exception {
        String alice = account(true);
        String bob = account(true);
        tagged(alice, "1.4");
        tagged(bob, "1.4");
        analysisCompleted();
        publishAnalysisComplete();
        awaitHandled();
        List<StoredEvaluation> first = evaluationsOfDigest();
        assertThat(first).hasSize(2);
        assertThat(evaluationEvents()).hasSize(2);

        ConsumerRecord<String, byte[]> delivered = KafkaProbe.records(Topics.ANALYSIS_COMPLETE, digest).getFirst();
        kafka.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETE, delivered.key(), delivered.value())).get();
        awaitHandled();

        List<StoredEvaluation> second = evaluationsOfDigest();
        assertThat(second).extracting(StoredEvaluation::id, StoredEvaluation::createdAt, StoredEvaluation::resultDigest)
                .as("no new row").containsExactlyInAnyOrderElementsOf(first.stream()
                        .map(e -> tuple(e.id(), e.createdAt(), e.resultDigest())).toList());
        for (StoredEvaluation evaluation : second) {
            Instant before = first.stream().filter(e -> e.id().equals(evaluation.id())).findFirst().orElseThrow()
                    .lastEvaluatedAt();
            assertThat(evaluation.lastEvaluatedAt()).as("only the evaluation time moves").isAfter(before);
        }
        assertThat(evaluationEvents()).as("no new evaluation-changed").hasSize(2);
    }

    @Test
    void storesAndAnnouncesANewEvaluationWhenTheActiveBundleChangesTheFinalAction() {
        String alice = account(true);
        String bob = account(true);
        tagged(alice, "1.4");
        tagged(bob, "1.4");
        analysisCompleted();
        publishAnalysisComplete();
        awaitHandled();
        StoredEvaluation aliceFirst = evaluations.latestAnyBundle(alice, digest, fulltag("1.4")).orElseThrow();
        StoredEvaluation bobFirst = evaluations.latestAnyBundle(bob, digest, fulltag("1.4")).orElseThrow();

        String withoutPortRule = defaultBundleWithoutPortRule();
        String newBundleId = json.readTree(withoutPortRule).path("id").asString();
        transactions.executeWithoutResult(s -> {
            bundles.save(alice, newBundleId, "No port rule", "the default bundle without exposed_ports",
                    withoutPortRule, clock.instant());
            bundles.activate(alice, newBundleId, clock.instant());
        });
        publishAnalysisComplete();
        awaitHandled();

        List<StoredEvaluation> aliceHistory = evaluations.history(alice, digest, fulltag("1.4"));
        assertThat(aliceHistory).hasSize(2);
        StoredEvaluation aliceNow = aliceHistory.getFirst();
        assertThat(aliceHistory.getLast().id()).isEqualTo(aliceFirst.id());
        assertThat(aliceNow.finalAction()).as("HEALTHCHECK missing and no vulnerability data still warn").isEqualTo("warn");
        assertThat(aliceNow.status()).isEqualTo("pass");
        assertThat(aliceNow.policyId()).isEqualTo(newBundleId);
        assertThat(aliceNow.bundleDigest()).isEqualTo(PolicyBundleRepository.digest(withoutPortRule))
                .isNotEqualTo(aliceFirst.bundleDigest());
        assertThat(triggers(aliceNow)).doesNotContain("exposed_ports").contains("instruction");

        List<EvaluationChanged> aliceEvents = evaluationEvents().stream()
                .filter(e -> e.metadata().account().equals(alice)).toList();
        assertThat(aliceEvents).hasSize(2);
        EvaluationChanged change = aliceEvents.getLast();
        assertThat(change.before().evaluationId()).isEqualTo(aliceFirst.id());
        assertThat(change.before().finalAction()).isEqualTo("stop");
        assertThat(change.after().evaluationId()).isEqualTo(aliceNow.id());
        assertThat(change.after().policyId()).isEqualTo(newBundleId);
        assertThat(change.after().finalAction()).isEqualTo("warn");

        assertThat(evaluations.history(bob, digest, fulltag("1.4"))).as("the other account's bundle did not change")
                .singleElement().satisfies(e -> {
                    assertThat(e.id()).isEqualTo(bobFirst.id());
                    assertThat(e.lastEvaluatedAt()).isAfter(bobFirst.lastEvaluatedAt());
                });
        assertThat(evaluationEvents()).filteredOn(e -> e.metadata().account().equals(bob)).hasSize(1);
    }

    @Test
    void announcesTheChangeWhenTheAccountSwitchesBackToAnEarlierBundle() {
        String alice = account(true);
        tagged(alice, "1.4");
        analysisCompleted();
        publishAnalysisComplete();
        awaitHandled();
        String withoutPortRule = defaultBundleWithoutPortRule();
        String newBundleId = json.readTree(withoutPortRule).path("id").asString();
        transactions.executeWithoutResult(s -> {
            bundles.save(alice, newBundleId, "No port rule", null, withoutPortRule, clock.instant());
            bundles.activate(alice, newBundleId, clock.instant());
        });
        publishAnalysisComplete();
        awaitHandled();
        StoredEvaluation underNewBundle = evaluations.latestAnyBundle(alice, digest, fulltag("1.4")).orElseThrow();
        assertThat(underNewBundle.finalAction()).isEqualTo("warn");

        transactions.executeWithoutResult(s -> bundles.activate(alice, DEFAULT_BUNDLE_ID, clock.instant()));
        publishAnalysisComplete();
        awaitHandled();

        List<StoredEvaluation> history = evaluations.history(alice, digest, fulltag("1.4"));
        assertThat(history).extracting(StoredEvaluation::finalAction).containsExactly("stop", "warn", "stop");
        StoredEvaluation current = evaluations.latestAnyBundle(alice, digest, fulltag("1.4")).orElseThrow();
        assertThat(current.finalAction()).as("the tag's latest evaluation is the one under the active bundle")
                .isEqualTo("stop");
        assertThat(current.policyId()).isEqualTo(DEFAULT_BUNDLE_ID);
        List<EvaluationChanged> events = evaluationEvents();
        assertThat(events).extracting(e -> e.after().finalAction()).containsExactly("stop", "warn", "stop");
        assertThat(events.getLast().before().evaluationId()).isEqualTo(underNewBundle.id());
        assertThat(events.getLast().after().evaluationId()).isEqualTo(current.id());

        publishAnalysisComplete();
        awaitHandled();
        assertThat(evaluations.history(alice, digest, fulltag("1.4"))).as("nothing changed since").hasSize(3);
        assertThat(evaluationEvents()).hasSize(3);
    }

    @Test
    void skipsImagesBeingDeletedAndAccountsWithoutAnActiveBundle() {
        String evaluated = account(true);
        String deleting = account(true);
        String withoutBundle = account(false);
        transactions.executeWithoutResult(s -> bundles.save(withoutBundle, DEFAULT_BUNDLE_ID, "Default bundle", null,
                DefaultBundles.anchoreDefaultJson(), clock.instant()));
        tagged(evaluated, "1.4");
        tagged(deleting, "1.4");
        tagged(withoutBundle, "1.4");
        analysisCompleted();
        transactions.executeWithoutResult(s -> assertThat(images.markDeleting(deleting, digest, clock.instant())).isTrue());

        publishAnalysisComplete();
        awaitHandled();

        assertThat(evaluationsOfDigest()).extracting(StoredEvaluation::account).containsExactly(evaluated);
        assertThat(evaluationEvents()).extracting(e -> e.metadata().account()).containsExactly(evaluated);
    }

    private String account(boolean withActiveDefaultBundle) {
        String name = "acct" + ThreadLocalRandom.current().nextInt(1_000_000);
        transactions.executeWithoutResult(s -> {
            accounts.createAccount(name, "user", name + "@example.com", clock.instant());
            if (withActiveDefaultBundle) {
                bundles.save(name, DEFAULT_BUNDLE_ID, "Default bundle", "Default bundle",
                        DefaultBundles.anchoreDefaultJson(), clock.instant());
                bundles.activate(name, DEFAULT_BUNDLE_ID, clock.instant());
            }
        });
        return name;
    }

    /** What the gateway records when the account adds the tag: an image record waiting for analysis. */
    private void tagged(String account, String tag) {
        String manifest = """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1572,
                            "digest": "sha256:%s"}}""".formatted(imageId);
        transactions.executeWithoutResult(s -> images.record(new NewImageRecord(account, digest, digest, imageId,
                manifest, null, "linux/amd64", 49871234L, REGISTRY, REPO, tag, null, Map.of(), clock.instant())));
    }

    /** What analyzer-worker does for every account's record once the analysis is stored. */
    private void analysisCompleted() {
        transactions.executeWithoutResult(s -> images.completeAnalysis(digest, imageId, clock.instant()));
    }

    private void publishAnalysisComplete() {
        AnalysisComplete event = new AnalysisComplete(Events.metadata(Topics.ANALYSIS_COMPLETE_TOPIC, clock, "admin"),
                digest, UUID.randomUUID(), AnalysisOutcome.ANALYZED, AnalysisFixtures.ANALYZER_VERSION, null);
        transactions.executeWithoutResult(s -> outbox.append(Topics.ANALYSIS_COMPLETE_TOPIC, digest, event));
    }

    /** Waits until the listener has handled every analysis-complete so far and its events are on Kafka. */
    private void awaitHandled() {
        await("analysis-complete published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);
        KafkaProbe.awaitConsumed(LISTENER_GROUP, Topics.ANALYSIS_COMPLETE);
        await("evaluation-changed published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);
    }

    private List<StoredEvaluation> evaluationsOfDigest() {
        List<StoredEvaluation> stored = new ArrayList<>();
        for (var key : dsl.selectDistinct(POLICY_EVALUATION.ACCOUNT, POLICY_EVALUATION.TAG).from(POLICY_EVALUATION)
                .where(POLICY_EVALUATION.IMAGE_DIGEST.eq(digest)).fetch()) {
            stored.addAll(evaluations.history(key.value1(), digest, key.value2()));
        }
        return stored;
    }

    private List<EvaluationChanged> evaluationEvents() {
        return KafkaProbe.records(Topics.EVALUATION_CHANGED, digest).stream()
                .map(r -> codec.decode(Topics.EVALUATION_CHANGED_TOPIC, r))
                .toList();
    }

    private void assertAnchoreShape(StoredEvaluation evaluation) {
        JsonNode result = json.readTree(evaluation.result());
        assertThat(result.path("user_id").asString()).isEqualTo(evaluation.account());
        assertThat(result.path("image_id").asString()).isEqualTo(imageId);
        assertThat(result.path("tag").asString()).isEqualTo(evaluation.tag());
        assertThat(result.path("bundle").path("id").asString()).isEqualTo(DEFAULT_BUNDLE_ID);
        assertThat(result.path("matched_mapping_rule").path("name").asString()).isEqualTo("default");
        assertThat(result.path("matched_whitelisted_images_rule").asBoolean(true)).isFalse();
        assertThat(result.path("matched_blacklisted_images_rule").asBoolean(true)).isFalse();
        assertThat(result.path("final_action").asString()).isEqualTo("stop");
        assertThat(result.path("final_action_reason").asString()).isEqualTo("policy_evaluation");
        assertThat(result.path("evaluation_problems").isArray()).isTrue();
        assertThat(result.path("created_at").isNumber()).isTrue();
        assertThat(result.path("last_modified").isNumber()).isTrue();
        JsonNode table = result.path("result").path(imageId).path("result");
        assertThat(StreamSupport.stream(table.path("header").spliterator(), false).map(JsonNode::asString))
                .containsExactlyElementsOf(PolicyEvaluation.HEADER);
        assertThat(table.path("final_action").asString()).isEqualTo("stop");
        assertThat(table.path("row_count").asInt()).isEqualTo(table.path("rows").size());
        assertThat(table.path("rows")).anySatisfy(row -> {
            assertThat(row.get(0).asString()).isEqualTo(imageId);
            assertThat(row.get(1).asString()).isEqualTo(evaluation.tag());
            assertThat(row.get(3).asString()).isEqualTo("dockerfile");
            assertThat(row.get(4).asString()).isEqualTo("exposed_ports");
            assertThat(row.get(5).asString()).contains("22/tcp");
            assertThat(row.get(6).asString()).isEqualTo("stop");
            assertThat(row.get(8).asString()).isEqualTo("48e6f7d6-1765-11e8-b5f9-8b6f228548b6");
        });
    }

    private List<String> triggers(StoredEvaluation evaluation) {
        JsonNode rows = json.readTree(evaluation.result()).path("result").path(imageId).path("result").path("rows");
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.get(4).asString()).toList();
    }

    private String defaultBundleWithoutPortRule() {
        ObjectNode bundle = (ObjectNode) json.readTree(DefaultBundles.anchoreDefaultJson());
        bundle.put("id", UUID.randomUUID().toString());
        bundle.put("name", "No port rule");
        ArrayNode rules = (ArrayNode) bundle.path("policies").get(0).path("rules");
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).path("trigger").asString().equals("exposed_ports")) {
                rules.remove(i);
            }
        }
        return json.writeValueAsString(bundle);
    }

    private static String fulltag(String tag) {
        return REGISTRY + "/" + REPO + ":" + tag;
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
