package io.drydock.platform.messaging;

/**
 * A record that can never be handled, however often it is retried (undecodable, invalid, refers to nothing). The
 * error policy sends it straight to the dead-letter topic with this message as the reason.
 */
public class PermanentEventException extends RuntimeException {

    public PermanentEventException(String message) {
        super(message);
    }

    public PermanentEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
