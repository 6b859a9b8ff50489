package io.drydock.gateway.image;

import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageTag;
import io.drydock.platform.policy.EvaluationRepository;
import io.drydock.platform.policy.PolicyBundleRecord;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.platform.registry.ImageReference;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /images/{digest}/check} (§5): policy-worker evaluates the image for the tag now, under the account's
 * active bundle (or the one named), and the stored result is returned; with {@code history} every stored one.
 */
@Service
public class PolicyCheck {

    private final ImageQueries images;
    private final PolicyBundleRepository bundles;
    private final EvaluationRepository evaluations;
    private final JsonMapper json;
    private final PolicyWorkerClient policyWorker;

    public PolicyCheck(ImageQueries images, PolicyBundleRepository bundles, EvaluationRepository evaluations, JsonMapper json,
                       PolicyWorkerClient policyWorker) {
        this.policyWorker = policyWorker;
        this.images = images;
        this.bundles = bundles;
        this.evaluations = evaluations;
        this.json = json;
    }

    public List<Map<String, Object>> check(String account, String digest, String tag, String policyId, boolean detail,
                                           boolean history) {
        if (tag == null || tag.isBlank()) {
            throw ApiException.badRequest("'tag' is required");
        }
        Image image = images.requireAnalyzed(account, digest);
        String fulltag = ImageReference.parse(tag.startsWith("dockerhub/") ? "docker.io/" + tag.substring(10) : tag).fulltag();
        if (image.tags().stream().map(ImageTag::fulltag).noneMatch(fulltag::equals)) {
            throw ApiException.notFound("image " + digest + " is not tagged " + fulltag + " in account " + account);
        }
        PolicyBundleRecord bundle = (policyId == null ? bundles.active(account) : bundles.find(account, policyId))
                .orElseThrow(() -> ApiException.notFound(policyId == null
                        ? "user has no active policy to evaluate: " + account
                        : "Resource policy " + policyId + " not found"));
        if (!history) {
            // Anchore evaluates at check time (time matters: allowlist expiry, feed age); the stored result is the
            // answer when no policy-worker can be reached.
            policyWorker.evaluateNow(account, digest, fulltag, policyId);
        }
        List<StoredEvaluation> records = history
                ? evaluations.history(account, digest, fulltag).stream()
                    .filter(e -> e.policyId().equals(bundle.policyId())).toList()
                : evaluations.latest(account, digest, fulltag, bundle.bundleDigest()).map(List::of).orElse(List.of());
        if (records.isEmpty()) {
            throw ApiException.notFound("no evaluation of " + digest + " for " + fulltag + " under policy "
                    + bundle.policyId() + " is available yet");
        }
        List<Map<String, Object>> evalRecords = new ArrayList<>();
        for (StoredEvaluation evaluation : records) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("policyId", evaluation.policyId());
            record.put("status", evaluation.status());
            record.put("last_evaluation", ApiTime.format(evaluation.lastEvaluatedAt()));
            Map<String, Object> details = new LinkedHashMap<>();
            if (detail) {
                details.put("result", json.readTree(evaluation.result()));
                details.put("policy", json.readTree(bundle.bundle()));
            }
            record.put("detail", details);
            evalRecords.add(record);
        }
        return List.of(Map.of(digest, Map.of(fulltag, evalRecords)));
    }
}
