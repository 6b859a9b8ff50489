package io.drydock.platform.outbox;

import io.drydock.platform.messaging.MessagingProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static io.drydock.schemas.db.Tables.OUTBOX;

/**
 * Publishes outbox rows to Kafka in id order with {@code acks=all}, then deletes them. One relay per database is
 * active: it holds a PostgreSQL session advisory lock on a dedicated connection, so per-key order holds however
 * many instances run; the others stand by and take over when that connection (or its process) dies. A crash
 * between send and delete republishes the batch; consumers de-duplicate by event id.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock key that elects the active relay ("drydock-outbox" folded to 64 bits). */
    static final long LOCK_KEY = 0x6472796f75746278L;

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MessagingProperties messaging;
    private final OutboxProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean running;
    private volatile boolean active;
    private boolean wakeRequested;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, DSLContext dsl, KafkaTemplate<String, byte[]> drydockKafkaTemplate,
                       MessagingProperties messaging, OutboxProperties properties) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.kafka = drydockKafkaTemplate;
        this.messaging = messaging;
        this.properties = properties;
    }

    /** Asks the relay to look now rather than at its next poll; called after a commit that wrote rows. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether this instance holds the relay lock. */
    public boolean isActive() {
        return active;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Outbox relay disabled in this process");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(properties.sendTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop after the listeners (default phase) so that what they commit while stopping still goes out.
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        while (running) {
            try (Connection lockConnection = dataSource.getConnection()) {
                if (!tryAdvisoryLock(lockConnection)) {
                    pause(properties.standbyRetry().toMillis());
                    continue;
                }
                active = true;
                log.info("Outbox relay active in this process");
                relayWhileHolding(lockConnection);
            } catch (Exception e) {
                if (running) {
                    log.warn("Outbox relay interrupted; retrying in {}: {}", properties.standbyRetry(), e.toString());
                    pause(properties.standbyRetry().toMillis());
                }
            } finally {
                active = false;
            }
        }
    }

    private void relayWhileHolding(Connection lockConnection) throws Exception {
        long lastCheck = System.nanoTime();
        while (running) {
            int published = publishBatch();
            if (published == 0) {
                pause(properties.pollInterval().toMillis());
            }
            if (System.nanoTime() - lastCheck > TimeUnit.SECONDS.toNanos(5)) {
                // The lock lives as long as its session: a dead connection means another relay may be active now.
                if (!lockConnection.isValid(2)) {
                    throw new SQLException("lost the outbox relay lock connection");
                }
                lastCheck = System.nanoTime();
            }
        }
        try (PreparedStatement unlock = lockConnection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }

    int publishBatch() throws Exception {
        var rows = dsl.select(OUTBOX.ID, OUTBOX.TOPIC, OUTBOX.RECORD_KEY, OUTBOX.EVENT_ID, OUTBOX.EVENT_TYPE,
                        OUTBOX.PAYLOAD)
                .from(OUTBOX)
                .orderBy(OUTBOX.ID)
                .limit(properties.batchSize())
                .fetch();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (var row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(messaging.topic(row.get(OUTBOX.TOPIC)), null,
                    row.get(OUTBOX.RECORD_KEY), row.get(OUTBOX.PAYLOAD).getBytes(StandardCharsets.UTF_8));
            record.headers().add(new RecordHeader("drydock-event-id",
                    row.get(OUTBOX.EVENT_ID).toString().getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("drydock-event-type",
                    row.get(OUTBOX.EVENT_TYPE).getBytes(StandardCharsets.UTF_8)));
            sends.add(kafka.send(record));
            ids.add(row.get(OUTBOX.ID));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        dsl.deleteFrom(OUTBOX).where(OUTBOX.ID.in(ids)).execute();
        log.debug("Published {} outbox rows", ids.size());
        return ids.size();
    }

    private static boolean tryAdvisoryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (!wakeRequested && running) {
                woken.await(millis, TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
