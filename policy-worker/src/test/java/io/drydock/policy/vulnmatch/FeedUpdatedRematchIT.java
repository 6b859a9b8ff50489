package io.drydock.policy.vulnmatch;

import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.NewImageRecord;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.policy.PolicyWorkerIT;
import io.drydock.policy.bundle.DefaultBundles;
import io.drydock.policy.evaluation.EvaluationService;
import io.drydock.schemas.events.EvaluationChangeKind;
import io.drydock.schemas.events.EvaluationChanged;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.KafkaProbe;
import io.drydock.testkit.TestPostgres;
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

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.drydock.policy.vulnmatch.ImageAnalyses.analysis;
import static io.drydock.policy.vulnmatch.ImageAnalyses.apk;
import static io.drydock.policy.vulnmatch.ImageAnalyses.dpkg;
import static io.drydock.policy.vulnmatch.ImageAnalyses.randomDigest;
import static io.drydock.schemas.db.Tables.IMAGE_VULNERABILITY_CHANGE;
import static io.drydock.schemas.db.Tables.OUTBOX;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * feed-updated through the real path (outbox → Kafka → listener → re-matching → outbox → evaluation-changed): only the
 * images holding a key the sync changed are re-matched, and only a changed result is announced.
 */
class FeedUpdatedRematchIT extends PolicyWorkerIT {

    private static final String LISTENER_GROUP = "policy-worker.feed-updated";
    private static final String DEFAULT_BUNDLE_ID = "2c53a13c-1765-11e8-82ef-23527761d060";
    private static final Instant SYNCED = Instant.parse("2026-11-20T06:00:00Z");

    @Autowired
    VulnerabilityMatchService matching;
    @Autowired
    EvaluationService evaluations;
    @Autowired
    ImageVulnerabilityRepository vulnerabilities;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    ImageRepository images;
    @Autowired
    AccountRepository accounts;
    @Autowired
    PolicyBundleRepository bundles;
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
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    private final Clock clock = Clock.systemUTC();
    private FeedFixtures feeds;
    private String withApt;
    private String withoutApt;
    private String alpine;
    private String account;

    @BeforeEach
    void threeMatchedImages() {
        TestPostgres.shared().truncate("feed", "feed_sync", "analysis", "account", "policy_bundle", "policy_evaluation");
        feeds = new FeedFixtures(dsl, json);
        transactions.executeWithoutResult(s -> {
            feeds.store("Debian:12", FeedFixtures.record("Debian/DSA-5514-1.json"), SYNCED);
            feeds.store("Debian:11", FeedFixtures.record("Debian/DEBIAN-CVE-2011-3374.json"), SYNCED);
        });
        account = account();
        withApt = analysed(analysis(randomDigest(), "debian", "12", "debian",
                List.of(dpkg("apt", "2.6.1", "apt"), dpkg("libc6", "2.36-9+deb12u1", "glibc"))), "apt");
        withoutApt = analysed(analysis(randomDigest(), "debian", "12", "debian",
                List.of(dpkg("libc6", "2.36-9+deb12u1", "glibc"))), "base");
        alpine = analysed(analysis(randomDigest(), "alpine", "3.20.3", null,
                List.of(apk("apk-tools", "2.14.4-r1", "apk-tools"))), "alpine");
        for (String digest : List.of(withApt, withoutApt, alpine)) {
            // what analysis-complete does
            matching.match(digest);
            evaluations.evaluateDigest(digest);
        }
    }

    @Test
    void reMatchesOnlyTheImagesHoldingAnAffectedKeyAndAnnouncesAChangedSet() {
        Map<String, Instant> matchedBefore = matchedAt();
        int countBefore = vulnerabilities.currentScan(withApt).orElseThrow().vulnerabilityCount();
        UUID sync = transactions.execute(s -> feeds.sync("Debian:12",
                feeds.store("Debian:12", FeedFixtures.record("Debian/DEBIAN-CVE-2011-3374.json"), clock.instant()),
                clock.instant()));

        FeedUpdated event = publish(sync);
        awaitHandled();

        Map<String, Instant> matchedAfter = matchedAt();
        assertThat(matchedAfter.get(withApt)).as("holds Debian:12/apt").isAfter(matchedBefore.get(withApt));
        assertThat(matchedAfter.get(withoutApt)).isEqualTo(matchedBefore.get(withoutApt));
        assertThat(matchedAfter.get(alpine)).isEqualTo(matchedBefore.get(alpine));
        assertThat(vulnerabilities.findings(withApt)).extracting(Finding::vulnId).contains("CVE-2011-3374");

        List<EvaluationChanged> events = evaluationEvents(withApt);
        assertThat(events).filteredOn(e -> e.changes().contains(EvaluationChangeKind.VULN_UPDATE)).singleElement()
                .satisfies(e -> {
                    assertThat(e.fulltag()).isEqualTo(fulltag("apt"));
                    assertThat(e.metadata().account()).isEqualTo(account);
                    assertThat(e.before().vulnerabilityCount()).isEqualTo(countBefore);
                    assertThat(e.after().vulnerabilityCount()).isEqualTo(countBefore + 1);
                    var change = dsl.selectFrom(IMAGE_VULNERABILITY_CHANGE)
                            .where(IMAGE_VULNERABILITY_CHANGE.EVENT_ID.eq(e.metadata().eventId())).fetchSingle();
                    JsonNode added = json.readTree(change.getAdded().data());
                    assertThat(added).hasSize(1);
                    assertThat(added.get(0).path("CVE_ID").asString()).isEqualTo("CVE-2011-3374");
                    assertThat(added.get(0).path("Package_Name").asString()).isEqualTo("apt");
                    assertThat(added.get(0).path("Feed_Group").asString()).isEqualTo("debian:12");
                    assertThat(added.get(0).path("Fix_Available").asString()).isEqualTo("None");
                    assertThat(json.readTree(change.getRemoved().data())).isEmpty();
                });
        assertThat(evaluationEvents(withoutApt)).noneMatch(e -> e.changes().contains(EvaluationChangeKind.VULN_UPDATE));

        // the same event again (redelivery) and a sync that changed the key without changing the result
        var delivered = KafkaProbe.records(Topics.FEED_UPDATED, "vulnerabilities/debian:12").stream()
                .filter(r -> codec.decode(Topics.FEED_UPDATED_TOPIC, r).metadata().eventId()
                        .equals(event.metadata().eventId())).findFirst().orElseThrow();
        kafka.send(new ProducerRecord<>(Topics.FEED_UPDATED, delivered.key(), delivered.value())).join();
        awaitHandled();
        assertThat(matchedAt().get(withApt)).as("a handled event is skipped").isEqualTo(matchedAfter.get(withApt));
        UUID unchanged = transactions.execute(s -> feeds.sync("Debian:12", Set.of("Debian:12/apt"), clock.instant()));
        publish(unchanged);
        awaitHandled();
        assertThat(matchedAt().get(withApt)).isAfter(matchedAfter.get(withApt));
        assertThat(evaluationEvents(withApt)).filteredOn(e -> e.changes().contains(EvaluationChangeKind.VULN_UPDATE))
                .as("same set: nothing new announced").hasSize(1);
    }

    @Test
    void countsTheImagesItReMatchesAndMatchesImagesNeverMatchedBefore() {
        String neverMatched = analysed(analysis(randomDigest(), "debian", "12", "debian",
                List.of(dpkg("libc6", "2.36-9+deb12u1", "glibc"))), "old");
        UUID sync = transactions.execute(s -> feeds.sync("Debian:12", Set.of("Debian:12/glibc", "Debian:12/zlib"),
                clock.instant()));
        FeedUpdated event = new FeedUpdated(Events.metadata(Topics.FEED_UPDATED_TOPIC, clock, null), sync,
                "vulnerabilities", "debian:12", 0, 1, 0);

        assertThat(matching.rematchAfterSync(event))
                .as("both matched Debian images hold Debian:12/glibc, and the one analysed before matching existed")
                .isEqualTo(3);
        assertThat(vulnerabilities.findings(neverMatched)).extracting(Finding::vulnId)
                .containsExactlyInAnyOrder("CVE-2023-4527", "CVE-2023-4806", "CVE-2023-4911");
        assertThat(matching.rematchAfterSync(event)).as("handled before").isZero();
    }

    @Test
    void announcesAResultThatAReanalysisChanged() {
        int countBefore = vulnerabilities.currentScan(withoutApt).orElseThrow().vulnerabilityCount();
        // a newer analyzer reads the image again and finds glibc at the point release that fixes the DSA
        transactions.executeWithoutResult(s -> analyses.save(analysis(withoutApt, "debian", "12", "debian",
                List.of(dpkg("libc6", "2.36-9+deb12u3", "glibc")))));

        matching.matchAfterAnalysis(withoutApt);
        await("evaluation-changed published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);

        assertThat(vulnerabilities.findings(withoutApt)).isEmpty();
        assertThat(evaluationEvents(withoutApt)).filteredOn(e -> e.changes().contains(EvaluationChangeKind.VULN_UPDATE))
                .singleElement().satisfies(e -> {
                    assertThat(e.before().vulnerabilityCount()).isEqualTo(countBefore).isPositive();
                    assertThat(e.after().vulnerabilityCount()).isZero();
                    var change = dsl.selectFrom(IMAGE_VULNERABILITY_CHANGE)
                            .where(IMAGE_VULNERABILITY_CHANGE.EVENT_ID.eq(e.metadata().eventId())).fetchSingle();
                    assertThat(json.readTree(change.getRemoved().data())).hasSize(countBefore);
                });
        assertThat(evaluationEvents(alpine)).as("a first matching announces nothing of its own")
                .noneMatch(e -> e.changes().contains(EvaluationChangeKind.VULN_UPDATE));
    }

    private FeedUpdated publish(UUID sync) {
        FeedUpdated event = new FeedUpdated(Events.metadata(Topics.FEED_UPDATED_TOPIC, clock, null), sync,
                "vulnerabilities", "debian:12", 1, 0, 0);
        transactions.executeWithoutResult(s -> outbox.append(Topics.FEED_UPDATED_TOPIC, "vulnerabilities/debian:12",
                event));
        return event;
    }

    private void awaitHandled() {
        await("feed-updated published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);
        KafkaProbe.awaitConsumed(LISTENER_GROUP, Topics.FEED_UPDATED);
        await("evaluation-changed published").atMost(ofSeconds(10)).until(() -> dsl.fetchCount(OUTBOX) == 0);
    }

    private Map<String, Instant> matchedAt() {
        return Map.of(withApt, scanTime(withApt), withoutApt, scanTime(withoutApt), alpine, scanTime(alpine));
    }

    private Instant scanTime(String digest) {
        return vulnerabilities.currentScan(digest).orElseThrow().matchedAt();
    }

    private List<EvaluationChanged> evaluationEvents(String digest) {
        return KafkaProbe.records(Topics.EVALUATION_CHANGED, digest).stream()
                .map(r -> codec.decode(Topics.EVALUATION_CHANGED_TOPIC, r)).toList();
    }

    private String account() {
        String name = "acct" + ThreadLocalRandom.current().nextInt(1_000_000);
        transactions.executeWithoutResult(s -> {
            accounts.createAccount(name, "user", name + "@example.com", clock.instant());
            bundles.save(name, DEFAULT_BUNDLE_ID, "Default bundle", "Default bundle",
                    DefaultBundles.anchoreDefaultJson(), clock.instant());
            bundles.activate(name, DEFAULT_BUNDLE_ID, clock.instant());
        });
        return name;
    }

    /** The analysis stored and the account's image record tagged and analysed, as analyzer-worker leaves them. */
    private String analysed(StoredAnalysis analysis, String tag) {
        String digest = analysis.imageDigest();
        String manifest = """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1572,
                            "digest": "sha256:%s"}}""".formatted(analysis.imageId());
        transactions.executeWithoutResult(s -> {
            analyses.save(analysis);
            images.record(new NewImageRecord(account, digest, digest, analysis.imageId(), manifest, null, "linux/amd64",
                    1_000_000L, "registry.example.com", "team/app", tag, null, Map.of(), clock.instant()));
            images.completeAnalysis(digest, analysis.imageId(), clock.instant());
        });
        return digest;
    }

    private static String fulltag(String tag) {
        return "registry.example.com/team/app:" + tag;
    }
}
