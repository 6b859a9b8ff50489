package io.drydock.testkit;

import io.drydock.testkit.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

/** Reads topics and consumer-group progress on the test broker, without sleeping. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /** Every record on {@code topic} with {@code key}, from the beginning up to the end as of this call. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        Map<TopicPartition, Long> end = endOffsets(topic);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** Waits until consumer group {@code group} has committed past every record on {@code topic} as of this call. */
    public static void awaitConsumed(String group, String topic) {
        Map<TopicPartition, Long> end = endOffsets(topic);
        await(group + " consumed " + topic + " up to " + end).atMost(ofSeconds(30)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
        });
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers()));
    }

    /** Waits for the one dead letter of {@code key} on the dead-letter topic and returns it (once: not retried). */
    public static ConsumerRecord<String, byte[]> awaitDeadLetter(String deadLetterTopic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await("dead letter " + key).atMost(ofSeconds(30)).until(() -> {
            found.addAll(records(deadLetterTopic, key));
            return !found.isEmpty();
        });
        org.assertj.core.api.Assertions.assertThat(found).as("dead-lettered once, not retried").hasSize(1);
        return found.getFirst();
    }

    /** A header's value as text; fails when the record lacks it. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        org.assertj.core.api.Assertions.assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
