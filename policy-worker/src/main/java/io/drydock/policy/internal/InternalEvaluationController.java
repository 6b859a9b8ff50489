package io.drydock.policy.internal;

import io.drydock.platform.internal.InternalToken;
import io.drydock.platform.policy.StoredEvaluation;
import io.drydock.policy.evaluation.EvaluationService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The synchronous re-evaluation the gateway asks for when a policy check comes in (Anchore evaluates at check time).
 * Reached only from our own services, with the internal token; never through a proxy.
 */
@RestController
public class InternalEvaluationController {

    private final EvaluationService evaluations;
    private final InternalToken token;

    public InternalEvaluationController(EvaluationService evaluations, InternalToken token) {
        this.evaluations = evaluations;
        this.token = token;
    }

    /** Request: {@code {"account", "imageDigest", "fulltag", "policyId"}} (policyId null: the active bundle). */
    public record EvaluateRequest(String account, String imageDigest, String fulltag, String policyId) {
    }

    @PostMapping("/internal/evaluations")
    public ResponseEntity<Map<String, Object>> evaluate(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                                        @RequestBody EvaluateRequest request) {
        if (!token.matches(presented)) {
            return ResponseEntity.status(401).body(Map.of("message", "internal token missing or wrong"));
        }
        return evaluations.evaluateNow(request.account(), request.imageDigest(), request.fulltag(), request.policyId())
                .map(StoredEvaluation::id)
                .map(id -> ResponseEntity.ok(Map.<String, Object>of("evaluationId", id.toString())))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("message", "nothing to evaluate")));
    }
}
