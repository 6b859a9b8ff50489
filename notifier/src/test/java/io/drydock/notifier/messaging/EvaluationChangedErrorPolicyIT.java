package io.drydock.notifier.messaging;

import io.drydock.testkit.KafkaProbe;
import io.drydock.notifier.NotifierIT;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.drydock.schemas.db.Tables.WEBHOOK_DELIVERY;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EvaluationChangedErrorPolicyIT extends NotifierIT {

    @Autowired
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DSLContext dsl;

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicWithTheReason() throws Exception {
        TestPostgres.shared().truncate("webhook_delivery");
        String key = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.EVALUATION_CHANGED, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);

        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("undecodable evaluation-changed event");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.EVALUATION_CHANGED);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERY)).isZero();
    }

    @Test
    void sendsAnEventOfAnotherTopicToTheDeadLetterTopic() throws Exception {
        String key = "misrouted-" + UUID.randomUUID();
        String imageAdded = """
                {"metadata": {"eventId": "%s", "type": "image-added", "version": 1,
                              "occurredAt": "2025-01-01T00:00:00Z", "account": "admin"},
                 "imageDigest": "sha256:%s", "fulltag": "registry.example.com/team/app:1.4", "reason": "API"}
                """.formatted(UUID.randomUUID(), "d".repeat(64));
        kafka.send(new ProducerRecord<>(Topics.EVALUATION_CHANGED, key, imageAdded.getBytes(StandardCharsets.UTF_8))).get();

        assertThat(header(awaitDeadLetter(key), "kafka_dlt-exception-message"))
                .contains("a 'image-added' event does not belong on evaluation-changed");
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await("dead letter " + key).atMost(ofSeconds(30)).until(() -> {
            found.addAll(KafkaProbe.records(Topics.EVALUATION_CHANGED_TOPIC.deadLetterName(), key));
            return !found.isEmpty();
        });
        assertThat(found).as("dead-lettered once, not retried").hasSize(1);
        return found.getFirst();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
