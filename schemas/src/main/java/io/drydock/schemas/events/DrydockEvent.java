package io.drydock.schemas.events;

/** An event record of the topic catalog. */
public interface DrydockEvent {

    /** The metadata every event carries. */
    EventMetadata metadata();
}
