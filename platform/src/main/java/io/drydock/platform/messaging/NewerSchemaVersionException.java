package io.drydock.platform.messaging;

/**
 * An event written by a newer producer than this consumer understands. It is parked (retried slowly, never
 * dead-lettered) so that it is handled once this consumer is upgraded during a rolling deployment.
 */
public class NewerSchemaVersionException extends RuntimeException {

    public NewerSchemaVersionException(String topic, int version, int known) {
        super("event on " + topic + " has schema version " + version + "; this build understands up to " + known);
    }
}
