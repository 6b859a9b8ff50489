package io.drydock.notifier.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Webhooks as Anchore configures them (§7.2), under {@code drydock.webhooks}: one endpoint per notification type
 * ({@code policy_eval}, {@code tag_update}, {@code vuln_update}, {@code analysis_update}, {@code event_log}) and a
 * catch-all {@code general}; a notification goes to its type's endpoint and to {@code general}. URLs may contain
 * {@code <userId>} and {@code <notification_type>}.
 *
 * @param webhookUser     default basic-auth user (per-endpoint settings override it)
 * @param webhookPass     default basic-auth password
 * @param sslVerify       verify TLS certificates by default
 * @param retryTimeout    how long a failing delivery is retried; Anchore's 30 s loses notifications during any
 *                        short outage of the receiver, so the default is longer
 * @param requestTimeout  timeout of one delivery attempt
 * @param endpoints       endpoint per type name
 */
@ConfigurationProperties("drydock.webhooks")
public record WebhookProperties(
        String webhookUser,
        String webhookPass,
        @DefaultValue("true") boolean sslVerify,
        @DefaultValue("30m") Duration retryTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("1s") Duration deliveryInterval,
        Map<String, Endpoint> endpoints) {

    public WebhookProperties {
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }

    /** One webhook endpoint; null fields fall back to the defaults above. */
    public record Endpoint(String url, String webhookUser, String webhookPass, Boolean sslVerify) {
    }
}
