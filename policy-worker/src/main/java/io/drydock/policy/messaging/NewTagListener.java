package io.drydock.policy.messaging;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.policy.evaluation.EvaluationService;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A tag added to an image that is already analysed needs no analysis, so no analysis-complete will follow: the new
 * (account, digest, tag) is evaluated when its image-added arrives. Events that queued a job are left to
 * analysis-complete.
 */
@Component
class NewTagListener {

    private final EventCodec codec;
    private final EvaluationService evaluations;

    NewTagListener(EventCodec codec, EvaluationService evaluations) {
        this.codec = codec;
        this.evaluations = evaluations;
    }

    @KafkaListener(id = "policy-worker.image-added", topics = Topics.PREFIX + Topics.IMAGE_ADDED,
            autoStartup = "${drydock.policy.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        ImageAdded event = codec.decode(Topics.IMAGE_ADDED_TOPIC, record);
        if (event.jobId() == null && event.metadata().account() != null && event.fulltag() != null) {
            evaluations.evaluateTag(event.metadata().account(), event.imageDigest(), event.fulltag());
        }
    }
}
