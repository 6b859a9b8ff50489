package io.drydock.gateway.policy;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import io.drydock.gateway.web.QueryFlags;
import io.drydock.platform.policy.PolicyBundleRecord;
import io.drydock.platform.policy.PolicyBundleRepository;
import io.drydock.policy.bundle.PolicyProblem;
import io.drydock.policy.evaluation.PolicyEngine;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy bundles (Anchore §1.7): add (validated by the policy engine, every problem reported), list, get, update,
 * activate (one active bundle per account) and delete (never the active one). A policy check evaluates under the
 * active bundle at check time (ADR 9), so a change shows in the next check.
 */
@RestController
@RequestMapping({"/v1", ""})
public class PolicyController {

    private final PolicyBundleRepository bundles;
    private final PolicyEngine engine = new PolicyEngine();
    private final JsonMapper json;
    private final Clock clock;

    public PolicyController(PolicyBundleRepository bundles, JsonMapper json, Clock clock) {
        this.bundles = bundles;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/policies")
    public List<Map<String, Object>> list(HttpServletRequest request, @RequestParam(required = false) String detail) {
        boolean withBundle = QueryFlags.parse(detail, false);
        return bundles.list(Caller.of(request).account()).stream().map(b -> view(b, withBundle)).toList();
    }

    @PostMapping("/policies")
    @Transactional
    public Map<String, Object> add(HttpServletRequest request, @RequestBody JsonNode body) {
        String account = Caller.of(request).account();
        if (body instanceof ObjectNode submitted && (!submitted.hasNonNull("id") || submitted.get("id").asString().isBlank())) {
            // Anchore's default id: md5 of "<account>:<name>".
            submitted.put("id", md5(account + ":" + submitted.path("name").asString("")));
        }
        ObjectNode bundle = validated(body);
        String policyId = bundle.get("id").asString();
        bundles.save(account, policyId, bundle.path("name").asString(null), bundle.path("comment").asString(null),
                json.writeValueAsString(bundle), clock.instant());
        return view(bundles.find(account, policyId).orElseThrow(), true);
    }

    @GetMapping("/policies/{policyId}")
    public List<Map<String, Object>> get(HttpServletRequest request, @PathVariable String policyId,
                                         @RequestParam(required = false) String detail) {
        return List.of(view(find(Caller.of(request).account(), policyId), QueryFlags.parse(detail, true)));
    }

    @PutMapping("/policies/{policyId}")
    @Transactional
    public List<Map<String, Object>> update(HttpServletRequest request, @PathVariable String policyId,
                                            @RequestParam(required = false) String active, @RequestBody JsonNode body) {
        String account = Caller.of(request).account();
        PolicyBundleRecord existing = find(account, policyId);
        if (body.hasNonNull("policyId") && !policyId.equals(body.get("policyId").asString())) {
            throw ApiException.badRequest("policyId in the body (" + body.get("policyId").asString()
                    + ") does not match the path (" + policyId + ")");
        }
        JsonNode submitted = body.path("policybundle");
        if (submitted.isObject() && !submitted.isEmpty()) {
            ObjectNode bundle = validated(submitted);
            if (!policyId.equals(bundle.path("id").asString(policyId))) {
                throw ApiException.badRequest("the bundle's id must stay " + policyId);
            }
            bundle.put("id", policyId);
            bundles.save(account, policyId, bundle.path("name").asString(null), bundle.path("comment").asString(null),
                    json.writeValueAsString(bundle), clock.instant());
        }
        boolean activate = active != null ? QueryFlags.parse(active, false) : body.path("active").asBoolean(existing.active());
        if (activate && !existing.active()) {
            bundles.activate(account, policyId, clock.instant());
        } else if (!activate && existing.active()) {
            throw ApiException.badRequest("cannot deactivate the active policy " + policyId + "; activate another one instead");
        }
        return List.of(view(find(account, policyId), true));
    }

    @DeleteMapping("/policies/{policyId}")
    @Transactional
    public Map<String, Object> delete(HttpServletRequest request, @PathVariable String policyId) {
        String account = Caller.of(request).account();
        if (find(account, policyId).active()) {
            throw ApiException.conflict("cannot delete the active policy " + policyId + "; activate another one first");
        }
        bundles.delete(account, policyId);
        return Map.of();
    }

    private ObjectNode validated(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("a policy bundle must be a JSON object");
        }
        List<PolicyProblem> problems = engine.validate(json.writeValueAsString(body));
        if (!problems.isEmpty()) {
            throw new ApiException(400, "Bundle failed validation", Map.of("validation_details",
                    problems.stream().map(p -> Map.of("severity", p.severity(), "problem_type", p.problemType(),
                            "details", p.details())).toList()));
        }
        return ((ObjectNode) body).deepCopy();
    }

    private PolicyBundleRecord find(String account, String policyId) {
        return bundles.find(account, policyId)
                .orElseThrow(() -> ApiException.notFound("Resource policy " + policyId + " not found"));
    }

    private Map<String, Object> view(PolicyBundleRecord b, boolean withBundle) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyId", b.policyId());
        view.put("active", b.active());
        view.put("userId", b.account());
        view.put("policy_source", b.policySource());
        view.put("name", b.name());
        view.put("description", b.description());
        view.put("policybundle", withBundle ? json.readTree(b.bundle()) : Map.of());
        view.put("created_at", ApiTime.format(b.createdAt()));
        view.put("last_updated", ApiTime.format(b.lastUpdated()));
        return view;
    }

    private static String md5(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
