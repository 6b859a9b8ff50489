package io.drydock.notifier.messaging;

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
import java.util.UUID;

import static io.drydock.testkit.KafkaProbe.awaitDeadLetter;
import static io.drydock.testkit.KafkaProbe.header;
import static io.drydock.schemas.db.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

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

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.EVALUATION_CHANGED_TOPIC.deadLetterName(), key);

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

        assertThat(header(awaitDeadLetter(Topics.EVALUATION_CHANGED_TOPIC.deadLetterName(), key), "kafka_dlt-exception-message"))
                .contains("a 'image-added' event does not belong on evaluation-changed");
    }

}
