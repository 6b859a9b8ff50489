package io.drydock.feeds.source.osv;

/**
 * A source could not be read completely and correctly: a failed or partial download, a broken archive, a malformed
 * record. The sync of the source's groups fails with this message and stores nothing.
 */
public class FeedSourceException extends Exception {

    public FeedSourceException(String message) {
        super(message);
    }

    public FeedSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
