package io.drydock.platform.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Refuses to start a service whose topics do not exist, naming them and the command that creates them. Without this
 * a consumer of a missing topic idles silently and a producer's records pile up in the outbox.
 */
@Component
public class TopicVerifier implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicVerifier.class);

    private final KafkaProperties kafka;
    private final MessagingProperties properties;
    private final List<RequiredTopics> required;

    public TopicVerifier(KafkaProperties kafka, MessagingProperties properties, List<RequiredTopics> required) {
        this.kafka = kafka;
        this.properties = properties;
        this.required = required;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.verifyTopics() || required.isEmpty()) {
            return;
        }
        Set<String> wanted = new TreeSet<>();
        for (RequiredTopics topics : required) {
            for (String topic : topics.topics()) {
                wanted.add(properties.topic(topic));
                wanted.add(properties.topic(topic) + ".dlt");
            }
        }
        Map<String, Object> config = kafka.buildAdminProperties();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Kafka topics " + missing + " do not exist; create them with "
                        + "'drydock init-topics' (the all-in-one runtime does this itself)");
            }
            log.info("Kafka topics present: {}", wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka topics", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not reach Kafka at " + kafka.getBootstrapServers()
                    + " to check topics: " + e.getMessage(), e);
        }
    }
}
