package io.drydock.policy.messaging;

import io.drydock.policy.PolicyWorkerIT;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.drydock.testkit.KafkaProbe.awaitDeadLetter;
import static io.drydock.testkit.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

class AnalysisCompleteErrorPolicyIT extends PolicyWorkerIT {

    @Autowired
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETE, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.ANALYSIS_COMPLETE_TOPIC.deadLetterName(), key);

        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("undecodable analysis-complete event");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ANALYSIS_COMPLETE);
    }

    @Test
    void sendsAnInvalidEventToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "invalid-" + UUID.randomUUID();
        String unknownOutcome = """
                {"metadata": {"eventId": "%s", "type": "analysis-complete", "version": 1,
                              "occurredAt": "2025-01-01T00:00:00Z", "account": "admin"},
                 "imageDigest": "sha256:%s", "jobId": "%s", "status": "HALF_DONE",
                 "analyzerVersion": "drydock-analyzer-1", "failureReason": null}
                """.formatted(UUID.randomUUID(), "e".repeat(64), UUID.randomUUID());
        kafka.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETE, key, unknownOutcome.getBytes(StandardCharsets.UTF_8))).get();

        assertThat(header(awaitDeadLetter(Topics.ANALYSIS_COMPLETE_TOPIC.deadLetterName(), key), "kafka_dlt-exception-message"))
                .contains("invalid analysis-complete event");
    }

    @Test
    void sendsAnUndecodableFeedUpdatedToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.FEED_UPDATED, key, "[1, 2".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(Topics.FEED_UPDATED_TOPIC.deadLetterName(), key);

        assertThat(header(dead, "kafka_dlt-exception-message")).contains("undecodable feed-updated event");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.FEED_UPDATED);
    }
}
