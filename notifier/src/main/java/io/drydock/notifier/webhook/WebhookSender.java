package io.drydock.notifier.webhook;

import io.drydock.notifier.webhook.WebhookDeliveries.Due;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.net.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Delivers queued webhooks: any 2xx is success (Anchore counted only 200, which loses notifications to receivers
 * answering 204); failures are retried with exponential back-off until the delivery's deadline. Deliveries go through
 * the outbound proxy settings ({@code https_proxy}, {@code http_proxy}, {@code no_proxy}, {@code drydock.proxy.*}).
 */
@Component
public class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final HttpClient verifying;
    private final HttpClient trusting;

    public WebhookSender(WebhookDeliveries deliveries, WebhookProperties properties, TransactionTemplate transactions,
                         Clock clock, OutboundHttp outbound) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.verifying = outbound.webhooks().connectTimeout(properties.requestTimeout()).build();
        // For endpoints configured with ssl_verify false only.
        this.trusting = outbound.webhooks().connectTimeout(properties.requestTimeout())
                .sslContext(TlsContexts.trustingEverything()).build();
    }

    @Scheduled(fixedDelayString = "${drydock.webhooks.delivery-interval:1s}")
    public void deliverDue() {
        List<Due> due = transactions.execute(s -> deliveries.claimDue(clock.instant(),
                properties.requestTimeout().multipliedBy(3), 50));
        for (Due delivery : due) {
            attempt(delivery);
        }
    }

    private void attempt(Due delivery) {
        WebhookProperties.Endpoint endpoint = endpointFor(delivery);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()));
        String user = endpoint != null && endpoint.webhookUser() != null ? endpoint.webhookUser() : properties.webhookUser();
        String pass = endpoint != null && endpoint.webhookPass() != null ? endpoint.webhookPass() : properties.webhookPass();
        if (user != null && pass != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        }
        boolean verify = endpoint != null && endpoint.sslVerify() != null ? endpoint.sslVerify() : properties.sslVerify();
        Integer status = null;
        String error;
        try {
            HttpResponse<Void> response = (verify ? verifying : trusting).send(request.build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                int code = status;
                transactions.executeWithoutResult(s -> deliveries.delivered(delivery.id(), code, clock.instant()));
                log.info("Delivered {} webhook to {}", delivery.notificationType(), delivery.url());
                return;
            }
            error = "HTTP " + status;
        } catch (java.io.IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Instant now = clock.instant();
        long backoffSeconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(delivery.attempts(), 20));
        Instant next = now.plusSeconds(backoffSeconds);
        boolean giveUp = next.isAfter(delivery.deliverUntil());
        Integer code = status;
        String reason = error;
        transactions.executeWithoutResult(s -> deliveries.failed(delivery.id(), code, reason, next, giveUp, now));
        if (giveUp) {
            log.warn("Giving up on {} webhook to {} after {} attempts; last error {}", delivery.notificationType(),
                    delivery.url(), delivery.attempts() + 1, reason);
        } else {
            log.info("Webhook to {} failed ({}); retrying in {} s", delivery.url(), reason, backoffSeconds);
        }
    }

    private WebhookProperties.Endpoint endpointFor(Due delivery) {
        WebhookProperties.Endpoint typed = properties.endpoints().get(delivery.notificationType());
        if (typed != null && typed.url() != null && delivery.url().equals(typed.url()
                .replace("<userId>", delivery.account()).replace("<notification_type>", delivery.notificationType()))) {
            return typed;
        }
        return properties.endpoints().get("general");
    }
}
