package io.drydock.platform.outbox;

import io.drydock.platform.messaging.EventCodec;
import io.drydock.schemas.events.DrydockEvent;
import io.drydock.schemas.events.EventTopic;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static io.drydock.schemas.db.Tables.OUTBOX;

/**
 * The only way business code publishes: an outbox row written in the caller's transaction, so the event exists if
 * and only if the state change it announces committed. The {@link OutboxRelay} publishes it.
 */
@Component
public class Outbox {

    private final DSLContext dsl;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public Outbox(DSLContext dsl, EventCodec codec, OutboxRelay relay) {
        this.dsl = dsl;
        this.codec = codec;
        this.relay = relay;
    }

    public <T extends DrydockEvent> void append(EventTopic<T> topic, String key, T event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append needs the transaction of the state change it announces");
        }
        if (!topic.eventType().isInstance(event)) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not belong on " + topic.name());
        }
        dsl.insertInto(OUTBOX)
                .set(OUTBOX.TOPIC, topic.name())
                .set(OUTBOX.RECORD_KEY, key)
                .set(OUTBOX.EVENT_ID, event.metadata().eventId())
                .set(OUTBOX.EVENT_TYPE, event.metadata().type())
                .set(OUTBOX.PAYLOAD, codec.encode(event))
                .execute();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        }
    }
}
