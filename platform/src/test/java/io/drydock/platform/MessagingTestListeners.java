package io.drydock.platform;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener written the way services write theirs, whose behaviour a test chooses by the record key:
 * {@code transient-N-*} fails N times with a lost database connection before succeeding.
 */
@Component
public class MessagingTestListeners {

    public final List<ImageAdded> handled = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final EventCodec codec;

    public MessagingTestListeners(EventCodec codec) {
        this.codec = codec;
    }

    @KafkaListener(id = "platform-test.image-added", topics = Topics.PREFIX + Topics.IMAGE_ADDED)
    void on(ConsumerRecord<String, byte[]> record) {
        int attempt = attempts.computeIfAbsent(String.valueOf(record.key()), k -> new AtomicInteger()).incrementAndGet();
        ImageAdded event = codec.decode(Topics.IMAGE_ADDED_TOPIC, record);
        String key = String.valueOf(record.key());
        if (key.startsWith("transient-")) {
            int failures = Integer.parseInt(key.split("-")[1]);
            if (attempt <= failures) {
                throw new CannotGetJdbcConnectionException("connection refused (simulated database outage)");
            }
        }
        handled.add(event);
    }
}
