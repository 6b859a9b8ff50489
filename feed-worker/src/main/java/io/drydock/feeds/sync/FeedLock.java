package io.drydock.feeds.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * One sync (or flush, or delete) of a feed at a time across every instance: a PostgreSQL session-level advisory lock
 * held on a connection of its own for as long as the work runs, which may be many transactions long. PostgreSQL
 * releases it when the connection ends, so an instance that dies never leaves the feed locked (ADR 24).
 */
@Component
public class FeedLock {

    private static final Logger log = LoggerFactory.getLogger(FeedLock.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;

    public FeedLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock, held until closed. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final String feed;

        private Held(Connection connection, String feed) {
            this.connection = connection;
            this.feed = feed;
        }

        @Override
        public void close() {
            try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(" + KEY + ")")) {
                unlock.setString(1, feed);
                unlock.execute();
            } catch (SQLException e) {
                // Closing the connection ends the session, which releases the lock anyway.
                log.warn("Releasing the sync lock of feed {} failed; the connection is closed instead: {}", feed, e.getMessage());
            }
        }
    }

    /** The feed's lock is held elsewhere and was not released within the wait. */
    public static final class BusyException extends Exception {
        public BusyException(String message) {
            super(message);
        }
    }

    private static final String KEY = "hashtextextended('drydock.feed-sync/' || ?, 0)";

    /** The lock if it is free now; empty when another instance holds it. */
    public Optional<Held> tryAcquire(String feed) {
        Connection connection = open();
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(" + KEY + ")")) {
            lock.setString(1, feed);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return Optional.of(new Held(connection, feed));
                }
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not ask for the sync lock of feed " + feed, e);
        }
        closeQuietly(connection);
        return Optional.empty();
    }

    /** Waits at most {@code wait} for the lock. */
    public Held acquire(String feed, Duration wait) throws BusyException {
        Connection connection = open();
        try (Statement settings = connection.createStatement();
             PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(" + KEY + ")")) {
            // lock_timeout bounds waits for advisory locks too; 0 would mean forever.
            settings.execute("set lock_timeout = " + Math.max(1, wait.toMillis()));
            lock.setString(1, feed);
            lock.execute();
            settings.execute("reset lock_timeout");
            return new Held(connection, feed);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new BusyException("a sync of feed " + feed + " is running on another instance and did not finish within "
                        + wait + " (drydock.feeds.lock-wait)");
            }
            throw new IllegalStateException("could not take the sync lock of feed " + feed, e);
        }
    }

    private Connection open() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("no database connection for the feed sync lock", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing was locked on it.
        }
    }
}
