package io.drydock.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.util.Map;

/**
 * The one Kafka setup every service shares: records are read as bytes and decoded by {@link EventCodec} in the
 * listener, and one error policy applies —
 * <ul>
 *   <li>permanent failures ({@link PermanentEventException}) go to {@code <topic>.dlt} at once, reason in headers;</li>
 *   <li>events of a newer schema version are parked: retried slowly, never dead-lettered;</li>
 *   <li>transient failures (database or broker unreachable) are retried with exponential back-off, forever, so
 *       nothing is lost while a dependency is down;</li>
 *   <li>anything else is retried a few times, then dead-lettered.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class KafkaMessagingConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaMessagingConfig.class);

    @Bean
    public ProducerFactory<String, byte[]> drydockProducerFactory(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildProducerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Durable and ordered per key even when sends are retried.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new DefaultKafkaProducerFactory<>(props);
    }

    @Bean
    public KafkaTemplate<String, byte[]> drydockKafkaTemplate(ProducerFactory<String, byte[]> drydockProducerFactory) {
        return new KafkaTemplate<>(drydockProducerFactory);
    }

    @Bean
    public ConsumerFactory<String, byte[]> drydockConsumerFactory(KafkaProperties kafka) {
        Map<String, Object> props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new DefaultKafkaConsumerFactory<>(props);
    }

    @Bean
    public DefaultErrorHandler drydockErrorHandler(KafkaTemplate<String, byte[]> drydockKafkaTemplate,
                                                   MessagingProperties properties) {
        // Partition -1: let Kafka choose; the dead-letter topic need not have as many partitions as its source.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(drydockKafkaTemplate,
                (record, ex) -> new TopicPartition(record.topic() + ".dlt", -1));
        recoverer.setFailIfSendResultIsError(true);
        FixedBackOff unexpected = new FixedBackOff(1_000L, properties.unexpectedRetries());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
            log.error("Dead-lettering {}-{}@{}; {}", record.topic(), record.partition(), record.offset(),
                    ErrorClassification.rootMessage(ex));
            recoverer.accept(record, ex);
        }, unexpected);
        handler.addNotRetryableExceptions(PermanentEventException.class);
        handler.setBackOffFunction((record, ex) -> {
            if (ErrorClassification.hasCause(ex, NewerSchemaVersionException.class)) {
                return new FixedBackOff(properties.parkedRetryInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS);
            }
            if (ErrorClassification.isTransient(ex)) {
                ExponentialBackOff backOff = new ExponentialBackOff(500L, 2.0);
                backOff.setMaxInterval(properties.transientRetryMax().toMillis());
                return backOff; // unlimited elapsed time: retried until the dependency is back
            }
            return null;
        });
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> drydockConsumerFactory, DefaultErrorHandler drydockErrorHandler) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(drydockConsumerFactory);
        factory.setCommonErrorHandler(drydockErrorHandler);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.getContainerProperties().setMissingTopicsFatal(false); // TopicVerifier says which one, clearly
        return factory;
    }
}
