package io.drydock.notifier;

import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.proxy.TestProxy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the notifier's integration tests: one context on the JVM's shared PostgreSQL and Kafka, with the
 * {@code policy_eval} and {@code general} webhooks pointing at one loopback receiver. Deliveries are attempted every
 * 100 ms and given up after 6 s: with the sender's back-off of 1 s, 2 s, 4 s… that is three attempts. Webhooks go
 * through a real authenticating proxy ({@link TestProxy}, its URL in {@code drydock.proxy.http}), as they do where
 * {@code http_proxy} is set.
 */
@SpringBootTest(classes = NotifierTestApplication.class, properties = {
        "drydock.webhooks.delivery-interval=100ms",
        "drydock.webhooks.retry-timeout=6s",
        "drydock.webhooks.request-timeout=2s"})
public abstract class NotifierIT {

    protected static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        // After register(), which pins the proxy to direct: the later value wins.
        registry.add("drydock.proxy.http", () -> TestProxy.shared().url());
        registry.add("drydock.webhooks.endpoints.policy_eval.url",
                () -> RECEIVER.baseUrl() + "/typed/<notification_type>/<userId>");
        registry.add("drydock.webhooks.endpoints.general.url",
                () -> RECEIVER.baseUrl() + "/general/<notification_type>/<userId>");
    }

    protected static String typedPath(String account) {
        return "/typed/policy_eval/" + account;
    }

    protected static String generalPath(String account) {
        return "/general/policy_eval/" + account;
    }
}
