package io.drydock.schemas.events;

/**
 * A topic of the catalog and the one event record it carries.
 *
 * @param name          the topic name without any configured prefix
 * @param eventType     the record carried
 * @param schemaVersion the version of the event schema this build produces and understands
 */
public record EventTopic<T extends DrydockEvent>(String name, Class<T> eventType, int schemaVersion) {

    /** The dead-letter topic of this topic. */
    public String deadLetterName() {
        return name + Topics.DEAD_LETTER_SUFFIX;
    }
}
