package io.drydock.policy.messaging;

import io.drydock.testkit.KafkaProbe;
import io.drydock.policy.PolicyWorkerIT;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AnalysisCompleteErrorPolicyIT extends PolicyWorkerIT {

    @Autowired
    @Qualifier("drydockKafkaTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETE, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);

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

        assertThat(header(awaitDeadLetter(key), "kafka_dlt-exception-message"))
                .contains("invalid analysis-complete event");
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await("dead letter " + key).atMost(ofSeconds(30)).until(() -> {
            found.addAll(KafkaProbe.records(Topics.ANALYSIS_COMPLETE_TOPIC.deadLetterName(), key));
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
