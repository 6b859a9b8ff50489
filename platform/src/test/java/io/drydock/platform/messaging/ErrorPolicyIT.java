package io.drydock.platform.messaging;

import io.drydock.platform.MessagingTestListeners;
import io.drydock.platform.PlatformIT;
import io.drydock.schemas.events.EventMetadata;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ErrorPolicyIT extends PlatformIT {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventCodec codec;
    @Autowired
    MessagingTestListeners listener;

    @Test
    void sendsUndecodableRecordToDeadLetterTopicWithTheReason() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.IMAGE_ADDED, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);

        StringBuilder headers = new StringBuilder();
        dead.headers().forEach(h -> headers.append(h.key()).append('=')
                .append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
        assertThat(headers.toString()).contains("kafka_dlt-exception-message").contains("undecodable image-added event");
        assertThat(listener.attempts.get(key).get()).as("permanent failures are not retried").isEqualTo(1);
    }

    @Test
    void retriesTransientFailuresUntilTheyPass() throws Exception {
        String key = "transient-3-" + UUID.randomUUID();
        ImageAdded event = event("admin");
        kafka.send(new ProducerRecord<>(Topics.IMAGE_ADDED, key, codec.encode(event).getBytes(StandardCharsets.UTF_8))).get();

        await("handled after three simulated outages").atMost(ofSeconds(30))
                .until(() -> listener.handled.stream().anyMatch(e -> e.metadata().eventId().equals(event.metadata().eventId())));
        assertThat(listener.attempts.get(key).get()).isEqualTo(4);
    }

    @Test
    void parksEventsOfANewerSchemaVersionInsteadOfDeadLetteringThem() throws Exception {
        String key = "newer-" + UUID.randomUUID();
        ImageAdded base = event("admin");
        ImageAdded newer = new ImageAdded(new EventMetadata(base.metadata().eventId(), "image-added", 2,
                base.metadata().occurredAt(), "admin"), base.imageDigest(), base.jobId(), base.fulltag(), base.reason(), null);
        kafka.send(new ProducerRecord<>(Topics.IMAGE_ADDED, key, codec.encode(newer).getBytes(StandardCharsets.UTF_8))).get();

        await("retried while parked").atMost(ofSeconds(20))
                .until(() -> listener.attempts.containsKey(key) && listener.attempts.get(key).get() >= 1);
        assertThat(deadLetters(key, Duration.ofSeconds(3))).as("parked, not dead-lettered").isEmpty();
        assertThat(listener.handled).noneMatch(e -> e.metadata().eventId().equals(newer.metadata().eventId()));
    }

    private static ImageAdded event(String account) {
        return new ImageAdded(Events.metadata(Topics.IMAGE_ADDED_TOPIC, Clock.systemUTC(), account),
                "sha256:" + "b".repeat(64), UUID.randomUUID(), "docker.io/x:1", ImageAddedReason.API, null);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await("dead letter " + key).atMost(ofSeconds(30)).until(() -> {
            found.addAll(deadLetters(key, Duration.ofSeconds(1)));
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key, Duration within) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.IMAGE_ADDED_TOPIC.deadLetterName()));
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
