package io.drydock.testkit;

import io.drydock.schemas.events.EventTopic;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One real Kafka broker per test JVM (KRaft), shared by its tests: a Testcontainers container where Docker exists,
 * otherwise an in-process broker. The topic catalog (and dead-letter topics) exist from the start.
 */
public final class TestKafka {

    public static final int PARTITIONS = 3;
    private static TestKafka shared;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static synchronized TestKafka shared() {
        if (shared == null) {
            shared = start();
            shared.createTopics("");
        }
        return shared;
    }

    private static TestKafka start() {
        if (Docker.available()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            container.start();
            return new TestKafka(container.getBootstrapServers());
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        // Without this the first consumer group join waits three seconds.
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        return new TestKafka(broker.getBrokersAsString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the catalog topics and their dead-letter topics with the given prefix, if absent. */
    public void createTopics(String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (EventTopic<?> topic : Topics.ALL) {
                for (String name : List.of(prefix + topic.name(), prefix + topic.deadLetterName())) {
                    if (!existing.contains(name)) {
                        topics.add(new NewTopic(name, PARTITIONS, (short) 1));
                    }
                }
            }
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create test topics: " + e.getMessage(), e);
        }
    }
}
