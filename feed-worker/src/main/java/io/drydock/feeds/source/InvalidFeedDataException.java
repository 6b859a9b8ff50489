package io.drydock.feeds.source;

/**
 * Data a feed source served cannot be used: a truncated download, a document that is not in the source's format, a
 * record without the fields every record has. The sync of that source fails with this message and nothing it read is
 * stored.
 */
public class InvalidFeedDataException extends Exception {

    public InvalidFeedDataException(String message) {
        super(message);
    }

    public InvalidFeedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
