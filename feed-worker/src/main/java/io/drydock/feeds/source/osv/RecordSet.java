package io.drydock.feeds.source.osv;

import java.io.IOException;
import java.util.List;

/**
 * The OSV records of one source as they are on disk (a downloaded archive, a local directory, the records fetched by
 * an incremental sync): read once to validate everything, then again to store what changed, without ever holding a
 * whole archive in memory. Closing removes what the sync downloaded.
 */
public interface RecordSet extends AutoCloseable {

    /** The names of the records (zip entry or file names), in a stable order. */
    List<String> names();

    /**
     * One record's bytes, at most the configured size, checked against the archive's CRC where there is one.
     *
     * @throws FeedSourceException when the record is unreadable, too large or corrupt
     */
    byte[] read(String name) throws FeedSourceException;

    /** Where the records come from, for errors. */
    String description();

    @Override
    void close();

    /** Reads a stream up to {@code limit} bytes; a longer record is refused, not cut. */
    static byte[] readBounded(java.io.InputStream in, int limit, String what) throws IOException, FeedSourceException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new FeedSourceException(what + " is larger than " + limit + " bytes (drydock.feeds.max-record-bytes)");
        }
        return bytes;
    }
}
