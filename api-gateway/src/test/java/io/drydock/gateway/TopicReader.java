package io.drydock.gateway;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.DrydockEvent;
import io.drydock.schemas.events.EventTopic;
import io.drydock.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

/** Reads a topic from its beginning, as a consumer in another service would see it. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Waits until at least {@code count} events with the key are on the topic; returns them in topic order. */
    public static <T extends DrydockEvent> List<T> awaitEvents(EventCodec codec, EventTopic<T> topic, String key, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await(count + " " + topic.name() + " event(s) of " + key).atMost(ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        events.add(codec.decode(topic, record));
                    }
                }
                return events.size() >= count;
            });
        }
        return events;
    }
}
