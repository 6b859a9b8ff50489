package io.drydock.policy.messaging;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.policy.vulnmatch.VulnerabilityMatchService;
import io.drydock.schemas.events.FeedUpdated;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decodes feed-updated and re-matches the images holding a matching key the sync changed. */
@Component
class FeedUpdatedListener {

    private final EventCodec codec;
    private final VulnerabilityMatchService matching;

    FeedUpdatedListener(EventCodec codec, VulnerabilityMatchService matching) {
        this.codec = codec;
        this.matching = matching;
    }

    @KafkaListener(id = "policy-worker.feed-updated", topics = Topics.PREFIX + Topics.FEED_UPDATED,
            autoStartup = "${drydock.policy.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        matching.rematchAfterSync(codec.decode(Topics.FEED_UPDATED_TOPIC, record));
    }
}
