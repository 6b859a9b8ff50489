package io.drydock.platform.outbox;

import io.drydock.platform.PlatformIT;
import io.drydock.platform.messaging.Events;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.drydock.schemas.db.Tables.OUTBOX;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OutboxRelayIT extends PlatformIT {

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;
    @Autowired
    OutboxRelay relay;

    private final Clock clock = Clock.systemUTC();

    @Test
    void publishesCommittedEventsInOrderPerKeyAndDeletesThem() {
        String key = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ImageAdded event = event("docker.io/ordered:" + i);
            ids.add(event.metadata().eventId());
            transactions.executeWithoutResult(status -> outbox.append(Topics.IMAGE_ADDED_TOPIC, key, event));
        }

        List<UUID> received = consumeEventIds(key, 30);

        assertThat(received).containsExactlyElementsOf(ids);
        await("outbox emptied").atMost(ofSeconds(10))
                .until(() -> dsl.fetchCount(OUTBOX, OUTBOX.RECORD_KEY.eq(key)) == 0);
        assertThat(relay.isActive()).isTrue();
    }

    @Test
    void publishesNothingWhenTheTransactionRollsBack() {
        String key = "sha256:rolled-back-" + UUID.randomUUID();
        ImageAdded committed = event("docker.io/committed:1");

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            outbox.append(Topics.IMAGE_ADDED_TOPIC, key, event("docker.io/rolled-back:1"));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);
        transactions.executeWithoutResult(status -> outbox.append(Topics.IMAGE_ADDED_TOPIC, key, committed));

        assertThat(consumeEventIds(key, 1)).containsExactly(committed.metadata().eventId());
    }

    @Test
    void aSecondRelayStandsByWhileTheFirstIsActive(@Autowired javax.sql.DataSource dataSource,
                                                   @Autowired org.springframework.kafka.core.KafkaTemplate<String, byte[]> kafka,
                                                   @Autowired io.drydock.platform.messaging.MessagingProperties messaging) {
        await("first relay active").atMost(ofSeconds(10)).until(relay::isActive);
        OutboxRelay second = new OutboxRelay(dataSource, dsl, kafka, messaging,
                new OutboxProperties(true, Duration.ofMillis(100), Duration.ofMillis(200), 10, ofSeconds(5)));
        second.start();
        try {
            String key = "sha256:standby-" + UUID.randomUUID();
            ImageAdded event = event("docker.io/standby:1");
            transactions.executeWithoutResult(status -> outbox.append(Topics.IMAGE_ADDED_TOPIC, key, event));

            assertThat(consumeEventIds(key, 1)).containsExactly(event.metadata().eventId());
            assertThat(second.isActive()).as("one active relay per database").isFalse();
        } finally {
            second.stop();
        }
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(Topics.IMAGE_ADDED_TOPIC, "k", event("docker.io/x:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    private ImageAdded event(String fulltag) {
        return new ImageAdded(Events.metadata(Topics.IMAGE_ADDED_TOPIC, clock, "admin"),
                "sha256:" + "a".repeat(64), UUID.randomUUID(), fulltag, ImageAddedReason.API, null);
    }

    /** Reads the topic from the beginning until {@code count} records of the key arrived; their event ids in order. */
    private static List<UUID> consumeEventIds(String key, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<UUID> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.IMAGE_ADDED));
            await("events of " + key).atMost(ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        ids.add(UUID.fromString(new String(record.headers().lastHeader("drydock-event-id").value())));
                    }
                }
                return ids.size() >= count;
            });
        }
        return ids;
    }
}
