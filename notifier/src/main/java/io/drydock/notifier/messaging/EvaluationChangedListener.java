package io.drydock.notifier.messaging;

import io.drydock.notifier.webhook.NotificationService;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decodes evaluation-changed and hands it to the notification service. */
@Component
class EvaluationChangedListener {

    private final EventCodec codec;
    private final NotificationService notifications;

    EvaluationChangedListener(EventCodec codec, NotificationService notifications) {
        this.codec = codec;
        this.notifications = notifications;
    }

    @KafkaListener(id = "notifier.evaluation-changed", topics = Topics.PREFIX + Topics.EVALUATION_CHANGED,
            autoStartup = "${drydock.notifier.enabled:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        notifications.onEvaluationChanged(codec.decode(Topics.EVALUATION_CHANGED_TOPIC, record));
    }
}
