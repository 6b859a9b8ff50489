package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageRepository.TagReference;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.policy.EvaluationRepository;
import io.drydock.platform.policy.PolicyBundleRecord;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.policy.bundle.Bundle;
import io.drydock.policy.vulnmatch.ImageVulnerabilityRepository;
import io.drydock.policy.vulnmatch.VulnerabilityScan;
import io.drydock.schemas.events.EvaluationChangeKind;
import io.drydock.schemas.events.EvaluationChanged;
import io.drydock.schemas.events.EvaluationSummary;
import io.drydock.schemas.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evaluates, for every (account, tag) that references a digest, the account's active bundle, and stores the result
 * keyed by (account, digest, tag, bundle digest): a new row only when the result changed, otherwise the last
 * evaluation time moves. A changed final action (the first evaluation counts) is announced on
 * {@code evaluation-changed} ({@code POLICY_EVAL}); a re-evaluation because the image's vulnerabilities changed is
 * announced as {@code VULN_UPDATE}. Re-running it on the same data changes nothing, so redelivered events are harmless.
 */
@Service
public class EvaluationService {

    private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

    private final AnalysisRepository analyses;
    private final ImageRepository images;
    private final PolicyBundleRepository bundles;
    private final EvaluationRepository evaluations;
    private final ImageFactsLoader facts;
    private final PolicyEngine engine;
    private final Outbox outbox;
    private final ImageVulnerabilityRepository vulnerabilities;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public EvaluationService(AnalysisRepository analyses, ImageRepository images, PolicyBundleRepository bundles,
                             EvaluationRepository evaluations, ImageFactsLoader facts, PolicyEngine engine,
                             Outbox outbox, ImageVulnerabilityRepository vulnerabilities,
                             TransactionTemplate transactions, Clock clock) {
        this.analyses = analyses;
        this.images = images;
        this.bundles = bundles;
        this.evaluations = evaluations;
        this.facts = facts;
        this.engine = engine;
        this.outbox = outbox;
        this.vulnerabilities = vulnerabilities;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Evaluates every tag of every account that references the digest. */
    public void evaluateDigest(String digest) {
        Optional<StoredAnalysis> analysis = analyses.find(digest);
        if (analysis.isEmpty()) {
            log.debug("No stored analysis of {}; nothing to evaluate", digest);
            return;
        }
        List<TagReference> tags = images.tagsReferencing(digest);
        for (TagReference tag : tags) {
            transactions.executeWithoutResult(status -> evaluate(tag.account(), analysis.get(), tag.fulltag()));
        }
    }

    /** Evaluates one tag of an account's analysed image (a tag added to an image analysed before). */
    public void evaluateTag(String account, String digest, String fulltag) {
        analyses.find(digest).ifPresent(analysis ->
                transactions.executeWithoutResult(status -> evaluate(account, analysis, fulltag)));
    }

    /**
     * Evaluates one (account, digest, tag) now, under the named bundle or the active one: what a policy check asks
     * for. Stores and announces like any other evaluation.
     */
    public Optional<StoredEvaluation> evaluateNow(String account, String digest, String fulltag, String policyId) {
        return transactions.execute(status -> analyses.find(digest).flatMap(analysis -> evaluate(account, analysis,
                fulltag, policyId == null ? bundles.active(account) : bundles.find(account, policyId))));
    }

    /** Evaluates one (account, digest, tag) under the account's active bundle; returns the stored evaluation. */
    public Optional<StoredEvaluation> evaluate(String account, StoredAnalysis analysis, String fulltag) {
        return evaluate(account, analysis, fulltag, bundles.active(account));
    }

    private Optional<StoredEvaluation> evaluate(String account, StoredAnalysis analysis, String fulltag,
                                                Optional<PolicyBundleRecord> chosen) {
        Optional<Outcome> outcome = store(account, analysis, fulltag, chosen);
        outcome.filter(Outcome::finalActionChanged).ifPresent(o -> {
            int count = vulnerabilityCount(analysis.imageDigest());
            announce(account, analysis.imageDigest(), fulltag, List.of(EvaluationChangeKind.POLICY_EVAL),
                    o.previous().map(p -> summary(p, count)).orElse(null), summary(o.stored(), count));
            log.info("Policy evaluation of {} for {} in {} is now {}", analysis.imageDigest(), fulltag, account,
                    o.stored().finalAction());
        });
        return outcome.map(Outcome::stored);
    }

    /**
     * Re-evaluates one tag after the image's matched vulnerabilities changed, in the caller's transaction, and
     * announces {@code VULN_UPDATE} (with {@code POLICY_EVAL} when the final action changed too). When the account has
     * no active bundle the event carries no evaluations. Nothing for an image the account no longer has analysed.
     *
     * @return the id of the evaluation-changed event appended to the outbox
     */
    public Optional<UUID> afterVulnerabilityChange(String account, StoredAnalysis analysis, String fulltag,
                                                   int countBefore, int countAfter) {
        if (!analysedFor(account, analysis.imageDigest())) {
            return Optional.empty();
        }
        Optional<Outcome> outcome = store(account, analysis, fulltag, bundles.active(account));
        List<EvaluationChangeKind> changes = outcome.filter(Outcome::finalActionChanged).isPresent()
                ? List.of(EvaluationChangeKind.VULN_UPDATE, EvaluationChangeKind.POLICY_EVAL)
                : List.of(EvaluationChangeKind.VULN_UPDATE);
        EvaluationSummary before = outcome.flatMap(Outcome::previous).map(p -> summary(p, countBefore)).orElse(null);
        EvaluationSummary after = outcome.map(o -> summary(o.stored(), countAfter)).orElse(null);
        return Optional.of(announce(account, analysis.imageDigest(), fulltag, changes, before, after));
    }

    /** An evaluation stored (or touched) and the tag's latest evaluation before it. */
    private record Outcome(Optional<StoredEvaluation> previous, StoredEvaluation stored) {
        boolean finalActionChanged() {
            return previous.isEmpty() || !previous.get().finalAction().equals(stored.finalAction());
        }
    }

    private boolean analysedFor(String account, String digest) {
        return images.find(account, digest)
                .filter(i -> i.isActive() && i.analysisStatus() == AnalysisStatus.ANALYZED).isPresent();
    }

    private Optional<Outcome> store(String account, StoredAnalysis analysis, String fulltag,
                                    Optional<PolicyBundleRecord> chosen) {
        if (!analysedFor(account, analysis.imageDigest())) {
            return Optional.empty();
        }
        if (chosen.isEmpty()) {
            log.info("Account {} has no active policy bundle; {} for {} not evaluated", account,
                    analysis.imageDigest(), fulltag);
            return Optional.empty();
        }
        PolicyBundleRecord bundle = chosen.get();
        PolicyEvaluation evaluation = engine.evaluate(account, Bundle.parse(bundle.bundle()),
                facts.load(analysis, fulltag), fulltag, clock);
        Instant now = clock.instant();
        Optional<StoredEvaluation> latest = evaluations.latest(account, analysis.imageDigest(), fulltag, bundle.bundleDigest());
        Optional<StoredEvaluation> previous = evaluations.latestAnyBundle(account, analysis.imageDigest(), fulltag);
        // Unchanged only if this bundle's result is also the tag's latest: after a switch back to an earlier bundle
        // the tag's result did change, and touching the old row would leave the other bundle's row as the latest.
        if (latest.isPresent() && latest.get().resultDigest().equals(evaluation.resultDigest())
                && previous.map(StoredEvaluation::id).equals(latest.map(StoredEvaluation::id))) {
            evaluations.touch(latest.get().id(), now);
            return Optional.of(new Outcome(previous, latest.get()));
        }
        StoredEvaluation stored = new StoredEvaluation(Events.UuidV7.next(clock), account, analysis.imageDigest(),
                fulltag, bundle.policyId(), bundle.bundleDigest(), evaluation.finalAction().json(), evaluation.status(),
                evaluation.toJsonString(), evaluation.resultDigest(), now, now);
        evaluations.insert(stored);
        return Optional.of(new Outcome(previous, stored));
    }

    private UUID announce(String account, String digest, String fulltag, List<EvaluationChangeKind> changes,
                          EvaluationSummary before, EvaluationSummary after) {
        EvaluationChanged event = new EvaluationChanged(Events.metadata(Topics.EVALUATION_CHANGED_TOPIC, clock, account),
                digest, fulltag, changes, before, after);
        outbox.append(Topics.EVALUATION_CHANGED_TOPIC, digest, event);
        return event.metadata().eventId();
    }

    private int vulnerabilityCount(String digest) {
        return vulnerabilities.currentScan(digest).map(VulnerabilityScan::vulnerabilityCount).orElse(0);
    }

    private static EvaluationSummary summary(StoredEvaluation e, int vulnerabilityCount) {
        return new EvaluationSummary(e.id(), e.policyId(), e.finalAction(), e.status(), vulnerabilityCount);
    }
}
