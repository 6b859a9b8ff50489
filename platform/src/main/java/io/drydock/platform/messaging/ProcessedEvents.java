package io.drydock.platform.messaging;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

import static io.drydock.schemas.db.Tables.PROCESSED_EVENT;

/**
 * The processed-event ledger. Call {@link #firstTime} inside the transaction of the side effect: the ledger row and
 * the effect commit together, so a redelivered event is recognised and skipped.
 */
@Repository
public class ProcessedEvents {

    private final DSLContext dsl;

    public ProcessedEvents(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records that {@code consumer} handles {@code eventId}; false when it already did. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        return dsl.insertInto(PROCESSED_EVENT, PROCESSED_EVENT.CONSUMER, PROCESSED_EVENT.EVENT_ID)
                .values(consumer, eventId)
                .onConflictDoNothing()
                .execute() == 1;
    }
}
