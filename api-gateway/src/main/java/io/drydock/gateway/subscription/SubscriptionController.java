package io.drydock.gateway.subscription;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import io.drydock.platform.subscription.Subscription;
import io.drydock.platform.subscription.SubscriptionRepository;
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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Subscriptions (Anchore §1.8), scoped to the caller's account. */
@RestController
@RequestMapping({"/v1", ""})
public class SubscriptionController {

    private final SubscriptionRepository subscriptions;
    private final Clock clock;

    public SubscriptionController(SubscriptionRepository subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @GetMapping("/subscriptions")
    public List<Map<String, Object>> list(HttpServletRequest request,
                                          @RequestParam(name = "subscription_key", required = false) String key,
                                          @RequestParam(name = "subscription_type", required = false) String type) {
        if (type != null && !SubscriptionRepository.TYPES.contains(type)) {
            throw ApiException.badRequest("unknown subscription_type " + type + "; one of " + SubscriptionRepository.TYPES);
        }
        return subscriptions.list(Caller.of(request).account(), key, type).stream().map(SubscriptionController::view).toList();
    }

    @PostMapping("/subscriptions")
    @Transactional
    public List<Map<String, Object>> create(HttpServletRequest request, @RequestBody Map<String, Object> body) {
        String account = Caller.of(request).account();
        String key = text(body.get("subscription_key"));
        String type = text(body.get("subscription_type"));
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("'subscription_key' is required");
        }
        if (type == null || !SubscriptionRepository.TYPES.contains(type)) {
            throw ApiException.badRequest("'subscription_type' must be one of " + SubscriptionRepository.TYPES);
        }
        boolean active = !Boolean.FALSE.equals(body.get("active"));
        return subscriptions.create(account, key, type, text(body.get("subscription_value")), active, clock.instant())
                .map(s -> List.of(view(s)))
                .orElseThrow(() -> ApiException.conflict("subscription already exists: " + type + " " + key));
    }

    @GetMapping("/subscriptions/{id}")
    public List<Map<String, Object>> get(HttpServletRequest request, @PathVariable String id) {
        return List.of(view(find(Caller.of(request).account(), id)));
    }

    @PutMapping("/subscriptions/{id}")
    @Transactional
    public List<Map<String, Object>> update(HttpServletRequest request, @PathVariable String id,
                                            @RequestBody Map<String, Object> body) {
        String account = Caller.of(request).account();
        find(account, id);
        Boolean active = body.get("active") instanceof Boolean b ? b : null;
        return List.of(view(subscriptions.update(account, id, text(body.get("subscription_value")), active, clock.instant())
                .orElseThrow()));
    }

    @DeleteMapping("/subscriptions/{id}")
    @Transactional
    public Map<String, Object> delete(HttpServletRequest request, @PathVariable String id) {
        String account = Caller.of(request).account();
        find(account, id);
        subscriptions.delete(account, id);
        return Map.of();
    }

    private Subscription find(String account, String id) {
        return subscriptions.find(account, id)
                .orElseThrow(() -> ApiException.notFound("Resource subscription " + id + " not found"));
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : value.toString();
    }

    static Map<String, Object> view(Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subscription_id", s.subscriptionId());
        view.put("subscription_key", s.subscriptionKey());
        view.put("subscription_type", s.subscriptionType());
        view.put("subscription_value", s.subscriptionValue());
        view.put("userId", s.account());
        view.put("active", s.active());
        view.put("created_at", ApiTime.format(s.createdAt()));
        view.put("last_updated", ApiTime.format(s.lastUpdated()));
        return view;
    }
}
