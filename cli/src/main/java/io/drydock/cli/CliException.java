package io.drydock.cli;

/** A failure on the client's side (bad input, the API unreachable, an unexpected answer): printed, exit code 2. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
