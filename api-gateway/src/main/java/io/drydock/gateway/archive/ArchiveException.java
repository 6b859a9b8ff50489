package io.drydock.gateway.archive;

/** An uploaded archive that cannot be read as an image; the message says why, for the API's 400 answer. */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
