package io.drydock.analyzer.messaging;

import io.drydock.analyzer.worker.AnalysisScheduler;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * image-added only wakes the scheduler: the job is claimed in PostgreSQL and runs on the scheduler's threads, so the
 * Kafka poll loop is never held for the length of an analysis.
 */
@Component
class ImageAddedListener {

    private final EventCodec codec;
    private final AnalysisScheduler scheduler;

    ImageAddedListener(EventCodec codec, AnalysisScheduler scheduler) {
        this.codec = codec;
        this.scheduler = scheduler;
    }

    @KafkaListener(id = "analyzer-worker.image-added", topics = Topics.PREFIX + Topics.IMAGE_ADDED,
            autoStartup = "${drydock.analyzer.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        ImageAdded event = codec.decode(Topics.IMAGE_ADDED_TOPIC, record);
        if (event.jobId() != null) {
            scheduler.wake();
        }
    }
}
